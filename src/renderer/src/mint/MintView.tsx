/**
 * Sign a token: a template, an algorithm, a key, the claims and header as fields and as JSON
 * (kept in sync both ways), a live preview of the signed token, and the result to copy or verify.
 */
import { useEffect, useMemo, type FormEvent } from 'react'
import { CLAIMS } from '../../../shared/claims'
import type { ErrorPayload } from '../../../shared/errors'
import { TEMPLATE_NAMES, TEMPLATES, type TemplateName } from '../../../shared/templates'
import { api } from '../api'
import { ErrorBanner } from '../ErrorBanner'
import { CheckField } from '../components/CheckField'
import { KeySourceFields } from '../components/KeySourceFields'
import { TextField } from '../components/TextField'
import { useFormRequest } from '../hooks/useFormRequest'
import { useLoadedCall } from '../hooks/useLoadedCall'
import { ChoiceSelect } from '../components/ChoiceSelect'
import { NOT_AVAILABLE } from '../../../shared/jwe-algorithms'
import { useRuntimeAlgorithms } from '../hooks/useRuntimeAlgorithms'
import { AnsweredResult } from '../components/AnsweredResult'
import { useSettled } from '../hooks/useSettled'
import { ColoredToken } from '../inspect/ColoredToken'
import { JsonEditor, type NameInfo } from '../editor/JsonEditor'
import { useMainAction } from '../shell/command-bus'
import { SplitPane } from '../shell/SplitPane'
import { useUiState } from '../shell/ui-state'
import {
  buildMintRequest,
  claimSetText,
  formFromClaimSet,
  formFromHeaderSet,
  formFromTemplate,
  headerSetText,
  jsonProblem,
  type MintForm,
} from './mint-form'
import { useSyncedJson } from './useSyncedJson'
import { MintResultPanel } from './MintResultPanel'
import { isHmacAlg, JWS_ALGS, type JwsAlg } from '../../../shared/algorithms'
import '../components/forms.css'
import './mint.css'
import { choiceOptions } from '../components/choice-options'

interface Props {
  form: MintForm
  onFormChange: (form: MintForm) => void
  onVerifyToken?: (token: string) => void
}

const CLAIM_NAMES: NameInfo[] = Object.entries(CLAIMS).map(([name, c]) => ({
  name,
  title: c.title,
  description: c.description,
}))
const HEADER_NAMES: NameInfo[] = [
  {
    name: 'typ',
    title: 'Type',
    description: 'The media type of the token, e.g. JWT or at+jwt (RFC 7515 §4.1.9).',
  },
  {
    name: 'kid',
    title: 'Key ID',
    description: 'Names the key that signed the token (RFC 7515 §4.1.4).',
  },
  {
    name: 'cty',
    title: 'Content type',
    description: 'The type of the payload; JWT for a nested token (RFC 7515 §4.1.10).',
  },
  {
    name: 'x5t#S256',
    title: 'Certificate thumbprint',
    description: 'SHA-256 thumbprint of the signing certificate (RFC 7515 §4.1.8).',
  },
  {
    name: 'crit',
    title: 'Critical',
    description: 'Header parameters the verifier must understand (RFC 7515 §4.1.11).',
  },
]

export function MintView({ form, onFormChange, onVerifyToken }: Props) {
  const mint = useFormRequest(buildMintRequest, api.mint)
  const { state, update } = useUiState()
  const set = (patch: Partial<MintForm>) => onFormChange({ ...form, ...patch })
  const preview = useLivePreview(form)
  const encryptionKeys = (useLoadedCall(api['keys.list']).value ?? [])
    .filter((k) => k.use === 'enc')
    .map((k) => k.name)
  const stale = mint.staleFor(form)
  // Remembered between sessions: the template, algorithm and stored key name (never a secret).
  useEffect(() => {
    const keyName =
      form.key.mode === 'stored' && form.key.storedKey ? form.key.storedKey : undefined
    const next = {
      ...(form.template ? { template: form.template } : {}),
      ...(form.alg ? { alg: form.alg } : {}),
      ...(keyName ? { keyName } : {}),
    }
    if (JSON.stringify(next) !== JSON.stringify(state.mint)) update({ mint: next })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form.template, form.alg, form.key])
  useMainAction(() => mint.submit(form))
  useEffect(() => {
    if (!state.history || !mint.value) return
    void api['history.add']({ view: 'mint', token: mint.value.token })
  }, [mint.value, state.history])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mint.submit(form)
  }

  return (
    <section className="mint-view" aria-label="Mint a token">
      <SplitPane name="mint" label="Resize the form and the result">
        <form className="mint-form" onSubmit={submit} noValidate>
          <TemplateAndAlg form={form} set={set} />
          {form.unsecured ? (
            <p className="warn">Unsecured token: no key is used and the signature is empty.</p>
          ) : (
            <KeySourceFields
              idPrefix="mint"
              purpose="sign"
              value={form.key}
              onChange={(key) => set({ key })}
              error={mint.errorFor('key')}
              hmacAlg={form.alg && isHmacAlg(form.alg) ? form.alg : undefined}
            />
          )}
          <ClaimFields
            form={form}
            set={set}
            onFormChange={onFormChange}
            claimsError={mint.errorFor('claims')}
          />
          <HeaderFields
            form={form}
            set={set}
            onFormChange={onFormChange}
            headerError={mint.errorFor('header')}
          />
          <fieldset className="form-section">
            <legend>Options</legend>
            <CheckField
              label="Unsecured (alg none) — for negative tests"
              checked={form.unsecured}
              onChange={(checked) => set({ unsecured: checked })}
            />
            <CheckField
              label="Strict: refuse weak secrets instead of warning"
              checked={form.strict}
              onChange={(checked) => set({ strict: checked })}
            />
            <label className="stacked">
              Encrypt to
              <ChoiceSelect
                options={['', ...encryptionKeys]}
                value={encryptionKeys.includes(form.encryptTo) ? form.encryptTo : ''}
                display={(name) =>
                  name === '' ? 'No encryption (a signed token)' : `stored key ${name}`
                }
                onChange={(encryptTo) => set({ encryptTo })}
              />
            </label>
            {encryptionKeys.length === 0 && (
              <p className="muted">To encrypt tokens (JWE), generate an encryption key in Keys.</p>
            )}
          </fieldset>
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              disabled={mint.pending}
              title="Mint (Ctrl+Enter)"
            >
              {mint.pending ? 'Minting…' : 'Mint token'}
            </button>
          </div>
        </form>
        <div className="mint-result form-result">
          {mint.error && <ErrorBanner error={mint.error} />}
          {mint.value && (
            <AnsweredResult
              stale={stale}
              why="the form changed after this token was minted."
              againLabel="Mint again"
              onAgain={() => mint.submit(form)}
            >
              <MintResultPanel
                result={mint.value}
                onVerify={onVerifyToken ? () => onVerifyToken(mint.value!.token) : undefined}
              />
            </AnsweredResult>
          )}
          {(!mint.value || stale) && preview && (
            <section className="panel" aria-label="Live preview">
              <h2>Live preview</h2>
              <ColoredToken token={preview} />
              <p className="muted">
                Signed as you edit; Mint token (Ctrl+Enter) to copy and verify it.
              </p>
            </section>
          )}
          {!mint.error && !mint.value && !preview && (
            <p className="muted empty-state">
              Choose a key: the signed token, its header and claims appear here as you edit.
            </p>
          )}
        </div>
      </SplitPane>
    </section>
  )
}

/**
 * The token as the form would sign it now (a secret, a pasted key or a stored key), re-signed
 * 400 ms after the last edit: a stored key is read from the keychain once per settled edit, not
 * per keystroke. A token encrypted to a key is not previewed.
 */
function useLivePreview(form: MintForm): string | null {
  const request = useMemo(() => (form.encryptTo !== '' ? null : buildMintRequest(form)), [form])
  const done = useSettled(request?.ok ? request.value : null, 400, (value) =>
    api.mint(value).then((result) => (result.ok ? result.value.token : null)),
  )
  // The last token signed stays shown while a newer one is being made.
  return request?.ok ? (done?.result ?? null) : null
}

type SetForm = (patch: Partial<MintForm>) => void

function TemplateAndAlg({ form, set }: { form: MintForm; set: SetForm }) {
  const available = useRuntimeAlgorithms()
  return (
    <fieldset className="form-section">
      <legend>Template and algorithm</legend>
      <div className="field-grid">
        <div>
          <label className="field-label" htmlFor="mint-template">
            Template
          </label>
          <select
            id="mint-template"
            value={form.template}
            onChange={(e) => set(formFromTemplate(form, e.target.value as TemplateName | ''))}
          >
            <option value="">None</option>
            {TEMPLATE_NAMES.map((name) => (
              <option key={name} value={name}>
                {TEMPLATES[name].title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor="mint-alg">
            Algorithm
          </label>
          <select
            id="mint-alg"
            value={form.alg}
            disabled={form.unsecured}
            onChange={(e) => set({ alg: e.target.value as JwsAlg | '' })}
          >
            <option value="">From the key (HS256 for a secret)</option>
            {choiceOptions(JWS_ALGS, undefined, (alg) =>
              available(alg) ? undefined : NOT_AVAILABLE,
            ).map((o) => (
              <option key={o.value} value={o.value} disabled={o.disabled}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {form.template !== '' && <p className="muted">{TEMPLATES[form.template].description}</p>}
    </fieldset>
  )
}

const QUICK_PICKS = ['15m', '1h', '24h', '7d']

function ClaimFields(props: {
  form: MintForm
  set: SetForm
  onFormChange: (form: MintForm) => void
  claimsError: ErrorPayload | null
}) {
  const { form, set } = props
  const [text, edit] = useSyncedJson(form, props.onFormChange, claimSetText, formFromClaimSet)
  return (
    <fieldset className="form-section">
      <legend>Claims</legend>
      <div className="field-grid">
        <TextField
          id="mint-sub"
          label="Subject (sub)"
          value={form.sub}
          onChange={(sub) => set({ sub })}
        />
        <TextField
          id="mint-iss"
          label="Issuer (iss)"
          value={form.iss}
          onChange={(iss) => set({ iss })}
        />
        <TextField
          id="mint-aud"
          label="Audience (aud, comma separated)"
          value={form.aud}
          onChange={(aud) => set({ aud })}
        />
        <div>
          <TextField
            id="mint-expires-in"
            label="Expires in (15m, 24h, 7d, a date, or none)"
            value={form.expiresIn}
            onChange={(expiresIn) => set({ expiresIn })}
          />
          <div className="quick-picks" role="group" aria-label="Expiry quick picks">
            {QUICK_PICKS.map((d) => (
              <button
                key={d}
                type="button"
                className="chip"
                aria-pressed={form.expiresIn === d}
                onClick={() => set({ expiresIn: d })}
              >
                +{d}
              </button>
            ))}
            <input
              type="datetime-local"
              aria-label="Expires at (local time)"
              onChange={(e) => {
                const at = new Date(e.target.value)
                if (!Number.isNaN(at.getTime()))
                  set({ expiresIn: at.toISOString().replace(/\.\d{3}Z$/, 'Z') })
              }}
            />
          </div>
        </div>
        <TextField
          id="mint-not-before"
          label="Not before (duration from now or a date; optional)"
          value={form.notBefore}
          onChange={(notBefore) => set({ notBefore })}
        />
      </div>
      <div className="radio-row">
        <CheckField
          label="Include iat (issued at)"
          checked={form.iat}
          onChange={(checked) => set({ iat: checked })}
        />
        <CheckField
          label="Random jti (token id)"
          checked={form.jti}
          onChange={(checked) => set({ jti: checked })}
        />
      </div>
      <span className="field-label" id="mint-claims-label">
        Claims (JSON; exp, nbf, iat and jti come from the fields above)
      </span>
      <JsonEditor
        id="mint-claims"
        label="Claims as JSON"
        value={text}
        onChange={edit}
        names={CLAIM_NAMES}
        placeholder='{"sub": "alice", "role": "admin"}'
        error={jsonProblem(text)}
      />
      {props.claimsError && <ErrorBanner error={props.claimsError} />}
    </fieldset>
  )
}

function HeaderFields(props: {
  form: MintForm
  set: SetForm
  onFormChange: (form: MintForm) => void
  headerError: ErrorPayload | null
}) {
  const { form, set } = props
  const [text, edit] = useSyncedJson(form, props.onFormChange, headerSetText, formFromHeaderSet)
  return (
    <fieldset className="form-section">
      <legend>Header</legend>
      <div className="field-grid">
        <TextField
          id="mint-kid"
          label="kid (empty: the key's own kid or thumbprint)"
          value={form.kid}
          disabled={form.noKid}
          onChange={(kid) => set({ kid })}
        />
        <TextField
          id="mint-typ"
          label="typ (empty: leave out)"
          value={form.typ}
          onChange={(typ) => set({ typ })}
        />
      </div>
      <div className="radio-row">
        <CheckField
          label="No kid header"
          checked={form.noKid}
          onChange={(checked) => set({ noKid: checked })}
        />
      </div>
      <span className="field-label">
        Header (JSON; alg comes from the key or the algorithm above)
      </span>
      <JsonEditor
        id="mint-header"
        label="Header as JSON"
        value={text}
        onChange={edit}
        names={HEADER_NAMES}
        placeholder='{"typ": "JWT", "x5u": "https://example.com/keys"}'
        error={jsonProblem(text)}
      />
      {props.headerError && <ErrorBanner error={props.headerError} />}
    </fieldset>
  )
}
