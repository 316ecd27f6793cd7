/**
 * Get token: choose a client profile (or create one), pick a grant and run it. The flow runs in
 * main; this view polls its progress: the sign-in link for the code flow (opened in the system
 * browser), the user code and a countdown for the device flow. The tokens come back with their
 * verdicts; they can be inspected, verified, copied, and are saved as the profile's credential.
 */
import { useEffect, useState } from 'react'
import { GRANTS, type Grant } from '../../../shared/oauth-names'
import type { ClientSummary, TokenStatus } from '../../../shared/oauth-types'
import { api } from '../api'
import { ChoiceSelect } from '../components/ChoiceSelect'
import { TextField } from '../components/TextField'
import { ErrorBanner } from '../ErrorBanner'
import { useJob } from '../hooks/useJob'
import { useApiCall } from '../hooks/useApiCall'
import { useLoadedCall } from '../hooks/useLoadedCall'
import { ConfirmButton } from '../components/ConfirmButton'
import { useMainAction } from '../shell/command-bus'
import { ClientProfileForm } from './ClientProfileForm'
import { FlowProgress } from './FlowProgress'
import { TokenResultPanel } from './TokenResultPanel'
import '../components/forms.css'
import './tokens.css'

const GRANT_LABELS: Record<Grant, string> = {
  code: 'Authorization code + PKCE (browser)',
  'client-credentials': 'Client credentials',
  device: 'Device code',
  refresh: 'Refresh token',
  exchange: 'Token exchange (RFC 8693)',
  'jwt-bearer': 'JWT bearer (RFC 7523)',
}

/** What a profile most likely wants: its refresh token, else the code flow or client credentials. */
function defaultGrant(p: ClientSummary): Grant {
  return p.refreshToken ? 'refresh' : p.authMethod === 'none' ? 'code' : 'client-credentials'
}

const tokenJob = {
  start: api['token.start'],
  status: api['token.status'],
  cancel: api['token.cancel'],
}

export function TokensView({ onVerifyToken }: { onVerifyToken: (token: string) => void }) {
  const clients = useLoadedCall(api['clients.list'])
  const [selected, setSelected] = useState('')
  const [creating, setCreating] = useState(false)
  const [grantChoice, setGrant] = useState<Grant | null>(null)
  const [scope, setScope] = useState('')
  const [subjectToken, setSubjectToken] = useState('')
  const [subject, setSubject] = useState('')
  const remove = useApiCall(api['clients.remove'])
  const job = useJob<Parameters<(typeof api)['token.start']>[0], TokenStatus>(tokenJob)
  const list = clients.value ?? []
  // The first profile is chosen until the user picks one.
  const profile = list.find((c) => c.name === selected) ?? list[0]
  const grant = grantChoice ?? (profile ? defaultGrant(profile) : 'code')
  const choose = (p: ClientSummary) => {
    setSelected(p.name)
    setGrant(null)
  }

  const run = () => {
    if (!profile) return
    void job.start(
      {
        profile: profile.name,
        grant,
        ...(scope.trim() ? { scope: scope.trim() } : {}),
        ...(grant === 'exchange' && subjectToken.trim()
          ? { subjectToken: subjectToken.trim() }
          : {}),
        ...(grant === 'jwt-bearer' && subject.trim() ? { subject: subject.trim() } : {}),
      },
      { phase: 'starting' },
    )
  }
  useMainAction(run)
  const status = job.status
  const running = job.starting || status?.state === 'running'
  // A refresh token saved by the flow shows in the list.
  const { refresh } = clients
  useEffect(() => {
    if (status?.state === 'done') refresh()
  }, [status?.state, refresh])

  return (
    <div className="tokens-view form-layout">
      <div>
        <section className="panel" aria-label="Client profiles">
          <h2>Client profiles</h2>
          {clients.error && <ErrorBanner error={clients.error} />}
          {list.length === 0 && !clients.pending && (
            <p className="muted">No profile yet. Create one for your identity provider.</p>
          )}
          <ul className="profile-list" role="listbox" aria-label="Profiles">
            {list.map((p) => (
              <li
                key={p.name}
                role="option"
                aria-selected={p.name === profile?.name}
                tabIndex={0}
                className={p.name === profile?.name ? 'profile active' : 'profile'}
                onClick={() => choose(p)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && choose(p)}
              >
                <span className="profile-name">{p.name}</span>
                <span className="profile-issuer" title={p.issuer}>
                  {p.issuer}
                </span>
                <span className="profile-facts">
                  <span className="badge">{p.authMethod}</span>
                  {p.dpopKey && <span className="badge">DPoP</span>}
                  {p.refreshToken && <span className="badge">refresh token</span>}
                  {p.secret === 'missing' && (
                    <span className="badge sev-error">secret missing</span>
                  )}
                </span>
              </li>
            ))}
          </ul>
          <div className="form-actions wrap">
            <button type="button" className="secondary" onClick={() => setCreating((c) => !c)}>
              {creating ? 'Close the new profile form' : 'New profile'}
            </button>
            {profile && (
              <ConfirmButton
                label="Remove profile"
                ariaLabel={`Remove profile ${profile.name}`}
                prompt={`Remove ${profile.name}, its client secret and refresh token from the keychain?`}
                confirmLabel="Remove"
                danger
                onConfirm={() => void remove.run(profile.name).then(() => refresh())}
              />
            )}
          </div>
          {remove.error && <ErrorBanner error={remove.error} />}
        </section>
        {creating && (
          <ClientProfileForm
            onSaved={(saved) => {
              setCreating(false)
              refresh()
              choose(saved)
            }}
          />
        )}
      </div>
      <div>
        <form
          className="panel"
          aria-label="Get a token"
          onSubmit={(e) => {
            e.preventDefault()
            run()
          }}
        >
          <h2>{profile ? `Get a token: ${profile.name}` : 'Get a token'}</h2>
          {profile ? (
            <>
              <p className="muted profile-summary">
                {profile.clientId} at {profile.issuer}
              </p>
              <label className="field-label" htmlFor="token-grant">
                Grant
              </label>
              <ChoiceSelect
                id="token-grant"
                options={GRANTS}
                value={grant}
                onChange={setGrant}
                display={(g) => GRANT_LABELS[g]}
              />
              <TextField
                id="token-scope"
                label={`Scopes (default: ${profile.scope ?? 'none'})`}
                value={scope}
                onChange={setScope}
              />
              {grant === 'exchange' && (
                <>
                  <label className="field-label" htmlFor="token-subject-token">
                    Subject token (the token to exchange)
                  </label>
                  <textarea
                    id="token-subject-token"
                    className="key-text"
                    spellCheck={false}
                    value={subjectToken}
                    onChange={(e) => setSubjectToken(e.target.value)}
                  />
                </>
              )}
              {grant === 'jwt-bearer' && (
                <TextField
                  id="token-subject"
                  label="Subject of the assertion (signed by the profile's key)"
                  value={subject}
                  onChange={setSubject}
                />
              )}
              <div className="form-actions">
                <button type="submit" className="primary" disabled={running}>
                  {running ? 'Waiting…' : 'Get token'}
                </button>
                {running && (
                  <button type="button" className="secondary" onClick={() => void job.cancel()}>
                    Cancel
                  </button>
                )}
              </div>
            </>
          ) : (
            <div className="empty-state">
              <p>
                {list.length === 0
                  ? 'Create a client profile first: your identity provider, the client, how it authenticates.'
                  : 'Choose a client profile on the left.'}
              </p>
              {list.length === 0 && !creating && (
                <button type="button" className="primary" onClick={() => setCreating(true)}>
                  Create a client profile
                </button>
              )}
            </div>
          )}
          {job.error && <ErrorBanner error={job.error} />}
          {status?.state === 'failed' && status.error && <ErrorBanner error={status.error} />}
        </form>
        {status?.state === 'running' && <FlowProgress progress={status.progress} />}
        {status?.state === 'done' && status.result && (
          <TokenResultPanel result={status.result} onVerifyToken={onVerifyToken} />
        )}
      </div>
    </div>
  )
}
