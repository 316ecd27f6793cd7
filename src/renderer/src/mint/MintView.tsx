/** Sign a token: a template, an algorithm, a key, claims and header; the result to copy. */
import type { FormEvent } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import { TEMPLATE_NAMES, TEMPLATES, type TemplateName } from '../../../shared/templates'
import { api } from '../api'
import { ErrorBanner } from '../ErrorBanner'
import { CheckField } from '../components/CheckField'
import { KeySourceFields } from '../components/KeySourceFields'
import { TextField } from '../components/TextField'
import { useFormRequest } from '../components/useFormRequest'
import { buildMintRequest, formFromTemplate, type MintForm } from './mint-form'
import { MintResultPanel } from './MintResultPanel'
import { JWS_ALGS, type JwsAlg } from '../../../shared/algorithms'
import '../components/forms.css'
import './mint.css'

interface Props {
  form: MintForm
  onFormChange: (form: MintForm) => void
}

export function MintView({ form, onFormChange }: Props) {
  const mint = useFormRequest(buildMintRequest, api.mint)
  const set = (patch: Partial<MintForm>) => onFormChange({ ...form, ...patch })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mint.submit(form)
  }

  return (
    <section className="form-layout" aria-label="Mint a token">
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
          />
        )}
        <ClaimFields form={form} set={set} claimsError={mint.errorFor('claims')} />
        <HeaderFields form={form} set={set} headerError={mint.errorFor('header')} />
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
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={mint.pending}>
            {mint.pending ? 'Minting…' : 'Mint token'}
          </button>
        </div>
      </form>
      <div className="mint-result form-result">
        {mint.error && <ErrorBanner error={mint.error} />}
        {mint.value && <MintResultPanel result={mint.value} />}
        {!mint.error && !mint.value && (
          <p className="muted">The signed token, its header and claims appear here.</p>
        )}
      </div>
    </section>
  )
}

type SetForm = (patch: Partial<MintForm>) => void

function TemplateAndAlg({ form, set }: { form: MintForm; set: SetForm }) {
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
            {JWS_ALGS.map((alg) => (
              <option key={alg} value={alg}>
                {alg}
              </option>
            ))}
          </select>
        </div>
      </div>
      {form.template !== '' && <p className="muted">{TEMPLATES[form.template].description}</p>}
    </fieldset>
  )
}

function ClaimFields(props: { form: MintForm; set: SetForm; claimsError: ErrorPayload | null }) {
  const { form, set } = props
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
        <TextField
          id="mint-expires-in"
          label="Expires in (15m, 24h, 7d, a date, or none)"
          value={form.expiresIn}
          onChange={(expiresIn) => set({ expiresIn })}
        />
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
      <label className="field-label" htmlFor="mint-claims">
        Custom claims (JSON object)
      </label>
      <textarea
        id="mint-claims"
        className="json-input"
        spellCheck={false}
        placeholder='{"role": "admin", "scope": "read write"}'
        value={form.claims}
        aria-invalid={props.claimsError !== null}
        onChange={(e) => set({ claims: e.target.value })}
      />
      {props.claimsError && <ErrorBanner error={props.claimsError} />}
    </fieldset>
  )
}

function HeaderFields(props: { form: MintForm; set: SetForm; headerError: ErrorPayload | null }) {
  const { form, set } = props
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
      <label className="field-label" htmlFor="mint-header">
        Header extras (JSON object)
      </label>
      <textarea
        id="mint-header"
        className="json-input"
        spellCheck={false}
        placeholder='{"x5u": "https://example.com/keys"}'
        value={form.header}
        aria-invalid={props.headerError !== null}
        onChange={(e) => set({ header: e.target.value })}
      />
      {props.headerError && <ErrorBanner error={props.headerError} />}
    </fieldset>
  )
}
