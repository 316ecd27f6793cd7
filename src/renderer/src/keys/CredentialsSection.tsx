/**
 * Saved credentials (tokens and secrets kept in the keychain): list with expiry badges, save,
 * reveal on an explicit click (with a ready Authorization header) and delete after confirming.
 */
import { useState } from 'react'
import type { CredentialSummary } from '../../../shared/stored-key-types'
import { api } from '../api'
import { CopyableText } from './CopyableText'
import { useApiCall } from '../hooks/useApiCall'
import { useLoadedCall } from '../hooks/useLoadedCall'
import { useInspectHandoff } from '../shell/inspect-handoff'
import { CheckField } from '../components/CheckField'
import { ErrorBanner } from '../ErrorBanner'
import { ConfirmButton } from '../components/ConfirmButton'
import { KeychainError, keychainDown } from './KeychainError'
import { displayTime } from '../components/display-time'
import { LongValue } from '../components/LongValue'

export function CredentialsSection() {
  const listed = useLoadedCall(api['creds.list'])
  const { refresh } = listed

  return (
    <section className="credentials" aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">Saved credentials</h2>
      {listed.error ? (
        <KeychainError error={listed.error} what="Saved credentials" onRetry={refresh} />
      ) : (
        <CredentialTable
          creds={listed.value ?? []}
          loading={listed.value === null}
          onChanged={refresh}
        />
      )}
      <fieldset className="bare" disabled={keychainDown(listed.error)}>
        <CredentialForm onSaved={refresh} />
      </fieldset>
    </section>
  )
}

function CredentialTable({
  creds,
  loading,
  onChanged,
}: {
  creds: CredentialSummary[]
  loading: boolean
  onChanged: () => void
}) {
  if (loading) return <p className="muted">Loading…</p>
  if (creds.length === 0) return <p className="muted">No saved credentials.</p>
  return <CredentialRows creds={creds} onChanged={onChanged} />
}

function CredentialRows({
  creds,
  onChanged,
}: {
  creds: CredentialSummary[]
  onChanged: () => void
}) {
  // Relative expiries are as of when the list was shown.
  const [now] = useState(() => Date.now())
  return (
    <table className="keys-table" aria-label="Saved credentials">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Host</th>
          <th scope="col">Kind</th>
          <th scope="col">Expiry</th>
          <th scope="col">Note</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {creds.map((c) => (
          <CredentialRow key={c.name} cred={c} now={now} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
  )
}

function ExpiryCell({ cred, now }: { cred: CredentialSummary; now: number }) {
  if (!cred.expiresAt) return <span className="muted">no expiry</span>
  return (
    <span className="badges" title={cred.expiresAt}>
      {cred.state === 'expired' && <span className="badge sev-error">expired</span>}
      {cred.state === 'expiring' && <span className="badge sev-warning">expires within a day</span>}
      <span>{displayTime(cred.expiresAt, new Date(now))}</span>
    </span>
  )
}

function CredentialRow({
  cred,
  now,
  onChanged,
}: {
  cred: CredentialSummary
  now: number
  onChanged: () => void
}) {
  const revealed = useApiCall(api['creds.get'])
  const deleted = useApiCall(api['creds.delete'])
  const inspect = useInspectHandoff()
  const opened = useApiCall(api['creds.get'])
  const error = revealed.error ?? deleted.error ?? opened.error
  return (
    <>
      <tr data-cred={cred.name}>
        <th scope="row">{cred.name}</th>
        <td>{cred.host ? <LongValue value={cred.host} tail={12} what="Host" /> : '—'}</td>
        <td>{cred.kind}</td>
        <td>
          <ExpiryCell cred={cred} now={now} />
        </td>
        <td>{cred.note ?? ''}</td>
        <td className="actions">
          {cred.secret === 'missing' && <span className="badge sev-error">missing secret</span>}
          {revealed.value === null ? (
            <button
              type="button"
              className="secondary"
              aria-label={`Reveal ${cred.name}`}
              disabled={revealed.pending || cred.secret === 'missing'}
              onClick={() => void revealed.run(cred.name)}
            >
              Reveal
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              aria-label={`Hide ${cred.name}`}
              onClick={revealed.reset}
            >
              Hide
            </button>
          )}
          {inspect && cred.kind === 'token' && (
            <button
              type="button"
              className="secondary"
              aria-label={`Inspect ${cred.name}`}
              disabled={opened.pending || cred.secret === 'missing'}
              onClick={() => void opened.run(cred.name).then((r) => r.ok && inspect(r.value))}
            >
              Inspect
            </button>
          )}
          <ConfirmButton
            label="Delete…"
            ariaLabel={`Delete credential ${cred.name}`}
            prompt={
              <>
                Delete <strong>{cred.name}</strong> from the keychain?
              </>
            }
            confirmLabel="Delete credential"
            danger
            onConfirm={() => void deleted.run(cred.name).then((r) => r.ok && onChanged())}
          />
        </td>
      </tr>
      {(revealed.value !== null || error) && (
        <tr className="revealed-row">
          <td colSpan={6}>
            {error && <ErrorBanner error={error} />}
            {revealed.value !== null && (
              <CopyableText
                text={revealed.value}
                label={`Value of ${cred.name}`}
                copies={[
                  { text: revealed.value, label: 'Copy value' },
                  {
                    text: `Authorization: Bearer ${revealed.value}`,
                    label: 'Copy as Authorization: Bearer header',
                  },
                ]}
                secret
              />
            )}
          </td>
        </tr>
      )}
    </>
  )
}

function CredentialForm({ onSaved }: { onSaved: () => void }) {
  const [name, setName] = useState('')
  const [value, setValue] = useState('')
  const [host, setHost] = useState('')
  const [note, setNote] = useState('')
  const [replace, setReplace] = useState(false)
  const saved = useApiCall(api['creds.set'])
  return (
    <form
      className="panel key-form"
      aria-label="Save a credential"
      onSubmit={(e) => {
        e.preventDefault()
        const input = {
          name: name.trim(),
          value: value.trim(),
          ...(host.trim() ? { host: host.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(replace ? { replace: true } : {}),
        }
        void saved.run(input).then((r) => {
          if (!r.ok) return
          setName('')
          setValue('')
          setHost('')
          setNote('')
          setReplace(false)
          onSaved()
        })
      }}
    >
      <h3>Save a credential</h3>
      <div className="row">
        <label className="stacked">
          Credential name
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="stacked">
          Host (optional)
          <input
            type="text"
            value={host}
            placeholder="api.staging.example"
            onChange={(e) => setHost(e.target.value)}
          />
        </label>
      </div>
      <label className="stacked">
        Credential value (a token or a secret)
        <textarea
          className="key-text"
          value={value}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <label className="stacked">
        Note (optional)
        <input type="text" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {saved.error?.code === 'ERR_CREDENTIAL_KIND' && (
        <CheckField
          label="Replace it with a credential of the other kind"
          checked={replace}
          onChange={setReplace}
        />
      )}
      <button type="submit" className="primary" disabled={saved.pending}>
        Save credential
      </button>
      {saved.error && <ErrorBanner error={saved.error} />}
      {saved.value && (
        <p className="ok" role="status">
          Saved <strong>{saved.value.name}</strong> ({saved.value.kind}) in the keychain.
        </p>
      )}
    </form>
  )
}
