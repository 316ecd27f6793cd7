/** Verify a token with a key and explain the verdict: every check, lint, the decoded token. */
import { useEffect, type FormEvent } from 'react'
import { useMainAction } from '../shell/command-bus'
import { SplitPane } from '../shell/SplitPane'
import { useUiState } from '../shell/ui-state'
import { verdictLine } from './verdict-line'
import type { ErrorPayload } from '../../../shared/errors'
import { api } from '../api'
import { ErrorBanner } from '../ErrorBanner'
import { CheckField } from '../components/CheckField'
import { KeySourceFields } from '../components/KeySourceFields'
import { TextField } from '../components/TextField'
import { useFormRequest } from '../hooks/useFormRequest'
import { ChoiceSelect } from '../components/ChoiceSelect'
import { AnsweredResult } from '../components/AnsweredResult'
import { VERIFY_PROFILES, type VerifyProfile } from '../../../shared/verify-profiles'
import { buildVerifyRequest, type VerifyForm } from './verify-form'
import { VerifyResultPanel } from './VerifyResultPanel'
import { ClaimPicker } from './ClaimPicker'
import { ROLE_PATHS, SCOPE_PATHS } from '../../../shared/providers'
import { JWS_ALGS } from '../../../shared/algorithms'
import '../components/forms.css'
import './verify.css'

interface Props {
  form: VerifyForm
  onFormChange: (form: VerifyForm) => void
}

export function VerifyView({ form, onFormChange }: Props) {
  const verify = useFormRequest(buildVerifyRequest, api.verify)
  const set = (patch: Partial<VerifyForm>) => onFormChange({ ...form, ...patch })
  const { state } = useUiState()
  useMainAction(() => verify.submit(form))
  useEffect(() => {
    if (!state.history || !verify.value) return
    void api['history.add']({
      view: 'verify',
      token: form.token,
      verdict: verdictLine(verify.value).slice(0, 200),
    })
    // Kept once per verdict.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [verify.value, state.history])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    verify.submit(form)
  }

  return (
    <section className="verify-view" aria-label="Verify a token">
      <SplitPane name="verify" label="Resize the form and the result">
        <form className="verify-form" onSubmit={submit} noValidate>
          <label className="field-label" htmlFor="verify-token">
            Token to verify
          </label>
          <textarea
            id="verify-token"
            className="token-input"
            spellCheck={false}
            autoComplete="off"
            placeholder="eyJhbGciOi… (a Bearer prefix is fine)"
            value={form.token}
            onChange={(e) => set({ token: e.target.value })}
          />
          {verify.errorFor('token') && <ErrorBanner error={verify.errorFor('token')!} />}
          <KeySourceFields
            idPrefix="verify"
            purpose="verify"
            value={form.key}
            onChange={(key) => set({ key })}
            error={verify.errorFor('key')}
          />
          <VerifyOptionsFields form={form} set={set} requireError={verify.errorFor('require')} />
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              disabled={verify.pending}
              title="Verify (Ctrl+Enter)"
            >
              {verify.pending ? 'Verifying…' : 'Verify token'}
            </button>
          </div>
        </form>
        <div className="verify-result form-result">
          {verify.error && <ErrorBanner error={verify.error} />}
          {verify.value && (
            <AnsweredResult
              stale={verify.staleFor(form)}
              why="the token, key or options changed after this verdict."
              againLabel="Verify again"
              onAgain={() => verify.submit(form)}
            >
              <VerifyResultPanel result={verify.value} />
            </AnsweredResult>
          )}
          {!verify.error && !verify.value && (
            <p className="muted empty-state">
              The verdict and every check appear here (Ctrl+Enter to verify).
            </p>
          )}
        </div>
      </SplitPane>
    </section>
  )
}

type SetForm = (patch: Partial<VerifyForm>) => void

const appendLine = (text: string, line: string) =>
  text.trim() === '' ? line : `${text.replace(/\s+$/, '')}\n${line}`

const PROFILE_LABELS: Record<VerifyProfile, string> = {
  auto: 'Auto (from the token: typ, nonce)',
  access: 'Access token (RFC 9068)',
  id: 'ID token (OpenID Connect)',
  logout: 'Logout token (back-channel)',
  dpop: 'DPoP proof (RFC 9449)',
}

function VerifyOptionsFields(props: {
  form: VerifyForm
  set: SetForm
  requireError: ErrorPayload | null
}) {
  const { form, set } = props
  const toggleAlg = (alg: (typeof JWS_ALGS)[number], on: boolean) =>
    set({
      algorithms: on
        ? JWS_ALGS.filter((a) => a === alg || form.algorithms.includes(a))
        : form.algorithms.filter((a) => a !== alg),
    })
  return (
    <fieldset className="form-section">
      <legend>Checks</legend>
      <fieldset className="alg-allowlist">
        <legend>Allowed algorithms (none ticked: any that fits the key)</legend>
        {JWS_ALGS.map((alg) => (
          <CheckField
            key={alg}
            label={alg}
            checked={form.algorithms.includes(alg)}
            onChange={(checked) => toggleAlg(alg, checked)}
          />
        ))}
      </fieldset>
      <div className="field-grid">
        <TextField
          id="verify-issuer"
          label="Issuer (iss)"
          value={form.issuer}
          onChange={(issuer) => set({ issuer })}
        />
        <TextField
          id="verify-audience"
          label="Audience (aud, comma separated: any one)"
          value={form.audience}
          onChange={(audience) => set({ audience })}
        />
        <TextField
          id="verify-subject"
          label="Subject (sub)"
          value={form.subject}
          onChange={(subject) => set({ subject })}
        />
        <TextField
          id="verify-typ"
          label="Header typ"
          value={form.typ}
          onChange={(typ) => set({ typ })}
        />
        <TextField
          id="verify-clock-tolerance"
          label="Clock tolerance (30s, or seconds)"
          value={form.clockTolerance}
          onChange={(clockTolerance) => set({ clockTolerance })}
        />
        <TextField
          id="verify-at"
          label="As of (ISO 8601 or epoch seconds; empty: now)"
          value={form.at}
          onChange={(at) => set({ at })}
        />
        <TextField
          id="verify-max-age"
          label="Max age since iat (e.g. 1h)"
          value={form.maxAge}
          onChange={(maxAge) => set({ maxAge })}
        />
        <div>
          <label className="field-label" htmlFor="verify-profile">
            Token profile
          </label>
          <ChoiceSelect
            id="verify-profile"
            options={VERIFY_PROFILES}
            value={form.profile}
            display={(p) => PROFILE_LABELS[p]}
            onChange={(profile) => set({ profile })}
          />
        </div>
        <TextField
          id="verify-role"
          label="Roles required"
          value={form.role}
          onChange={(role) => set({ role })}
        />
        <TextField
          id="verify-scope"
          label="Scopes required"
          value={form.scope}
          onChange={(scope) => set({ scope })}
        />
        <TextField
          id="verify-nonce"
          label="Nonce sent (ID tokens)"
          value={form.nonce}
          onChange={(nonce) => set({ nonce })}
        />
      </div>
      <p className="muted">
        Roles are looked for wherever providers keep them ({ROLE_PATHS.join(', ')}), scopes in{' '}
        {SCOPE_PATHS.join(' and ')}; several, separated by spaces or commas, are all required.
      </p>
      <label className="field-label" htmlFor="verify-require">
        Required claims (one a line: name or name=value)
      </label>
      <textarea
        id="verify-require"
        className="json-input"
        spellCheck={false}
        placeholder={'jti\nrole=admin'}
        value={form.require}
        aria-invalid={props.requireError !== null}
        onChange={(e) => set({ require: e.target.value })}
      />
      {props.requireError && <ErrorBanner error={props.requireError} />}
      <ClaimPicker
        id="verify-require-pick"
        token={form.token}
        lines={form.require}
        onAdd={(line) => set({ require: appendLine(form.require, line) })}
      />
    </fieldset>
  )
}
