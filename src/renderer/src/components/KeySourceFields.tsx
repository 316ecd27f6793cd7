/**
 * Where the key comes from, for Mint (sign) and Verify: a secret, a stored key by name, or
 * pasted key text. Key material stays in this form's memory; stored keys are only named.
 */
import { useState } from 'react'
import type { HmacAlg } from '../../../shared/algorithms'
import type { ErrorPayload } from '../../../shared/errors'
import type { KeySummary } from '../../../shared/stored-key-types'
import { api } from '../api'
import { ErrorBanner } from '../ErrorBanner'
import { CheckField } from './CheckField'
import { StrengthLine } from '../secrets/StrengthLine'
import { TabPanel, Tabs } from './Tabs'
import type { KeySourceForm, KeySourceMode } from '../forms/key-source-form'
import { useLoadedCall } from '../hooks/useLoadedCall'

interface Props {
  idPrefix: string
  purpose: 'sign' | 'verify'
  value: KeySourceForm
  onChange: (value: KeySourceForm) => void
  error?: ErrorPayload | null
  /** Mint's HMAC algorithm, for the secret's strength shown as it is typed (HS256 when unset). */
  hmacAlg?: HmacAlg | undefined
}

export function KeySourceFields({ idPrefix, purpose, value, onChange, error, hmacAlg }: Props) {
  const set = (patch: Partial<KeySourceForm>) => onChange({ ...value, ...patch })
  const modes: { mode: KeySourceMode; label: string }[] = [
    { mode: 'secret', label: 'Secret' },
    { mode: 'stored', label: 'Stored key' },
    // Short labels keep the tabs on one row; the field below names the formats.
    { mode: 'keyText', label: 'Pasted key' },
    ...(purpose === 'verify'
      ? [
          { mode: 'jwksUrl' as const, label: 'JWKS URL' },
          { mode: 'issuer' as const, label: 'Issuer' },
          { mode: 'trusted' as const, label: 'Trusted issuer' },
        ]
      : []),
  ]
  return (
    <fieldset className="form-section key-source">
      <legend>{purpose === 'sign' ? 'Signing key' : 'Verification key'}</legend>
      <Tabs
        label="Key source"
        idPrefix={`${idPrefix}-key`}
        tabs={modes.map((m) => ({ id: m.mode, label: m.label }))}
        value={value.mode}
        onChange={(mode) => set({ mode })}
        selectWhenNarrow={purpose === 'verify'}
      />
      <TabPanel idPrefix={`${idPrefix}-key`} value={value.mode}>
        {value.mode === 'secret' && (
          <SecretField
            id={`${idPrefix}-secret`}
            value={value.secret}
            onChange={(secret) => set({ secret })}
          />
        )}
        {value.mode === 'secret' && purpose === 'sign' && (
          <StrengthLine secret={value.secret} alg={hmacAlg ?? 'HS256'} />
        )}
        {value.mode === 'stored' && (
          <StoredKeySelect
            id={`${idPrefix}-stored-key`}
            purpose={purpose}
            value={value.storedKey}
            onChange={(storedKey) => set({ storedKey })}
          />
        )}
        {value.mode === 'keyText' && (
          <>
            <label className="field-label" htmlFor={`${idPrefix}-key-text`}>
              Key text{' '}
              <span className="muted">
                {purpose === 'sign' ? '(PEM or JWK)' : '(PEM, certificate, JWK or JWKS)'}
              </span>
            </label>
            <textarea
              id={`${idPrefix}-key-text`}
              className="key-text"
              spellCheck={false}
              autoComplete="off"
              placeholder={'-----BEGIN PUBLIC KEY-----\n…\nor {"kty":"EC",…} or {"keys":[…]}'}
              value={value.keyText}
              onChange={(e) => set({ keyText: e.target.value })}
            />
            <label className="field-label" htmlFor={`${idPrefix}-key-kid`}>
              kid to pick from a JWKS (optional)
            </label>
            <input
              id={`${idPrefix}-key-kid`}
              type="text"
              autoComplete="off"
              value={value.kid}
              onChange={(e) => set({ kid: e.target.value })}
            />
          </>
        )}
        {value.mode === 'jwksUrl' && (
          <RemoteField
            id={`${idPrefix}-jwks-url`}
            label="JWKS URL"
            placeholder="https://auth.example.com/.well-known/jwks.json"
            value={value.jwksUrl}
            onChange={(jwksUrl) => set({ jwksUrl })}
            note="Fetched by the workbench (https, 5 s, 1 MiB at most) and cached; never a URL from the token."
          />
        )}
        {value.mode === 'issuer' && (
          <RemoteField
            id={`${idPrefix}-issuer`}
            label="Issuer URL"
            placeholder="https://auth.example.com/realms/dev"
            value={value.issuer}
            onChange={(issuer) => set({ issuer })}
            note="Its keys are found by OIDC discovery; the token's iss must be this issuer."
          />
        )}
        {value.mode === 'trusted' && (
          <p className="muted">
            The keys of the token's issuer when it is a trusted issuer (the JWKS view lists and adds
            them); anything else is refused, and nothing is fetched from a URL the token names.
          </p>
        )}
      </TabPanel>
      {error && <ErrorBanner error={error} />}
    </fieldset>
  )
}

function RemoteField(props: {
  id: string
  label: string
  placeholder: string
  value: string
  onChange: (v: string) => void
  note: string
}) {
  return (
    <>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="url"
        className="grow wide"
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p className="muted">{props.note}</p>
    </>
  )
}

function SecretField(props: { id: string; value: string; onChange: (v: string) => void }) {
  const [shown, setShown] = useState(false)
  return (
    <>
      <label className="field-label" htmlFor={props.id}>
        Secret value
      </label>
      <div className="inline-row">
        <input
          id={props.id}
          className="grow"
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <CheckField label="Show secret" checked={shown} onChange={setShown} />
      </div>
      <p className="muted">
        UTF-8 text, or <code>b64:</code>… / <code>hex:</code>… for bytes. HS256 needs 32 bytes or
        more.
      </p>
    </>
  )
}

interface StoredKeySelectProps {
  id: string
  purpose: 'sign' | 'verify'
  value: string
  onChange: (name: string) => void
}

function StoredKeySelect({ id, purpose, value, onChange }: StoredKeySelectProps) {
  const keys = useLoadedCall(api['keys.list'])
  // Encryption keys never sign or verify: they are chosen in Mint's "Encrypt to" and Decrypt.
  const signing: KeySummary[] = (keys.value ?? []).filter((k) => k.use === 'sig')
  // Mint lists only keys that can sign; the others are named below the list, with why.
  const cannot = (k: KeySummary) =>
    purpose === 'sign' && (k.verifyOnly || k.secret !== 'present')
      ? k.verifyOnly
        ? 'verify only'
        : 'secret missing'
      : null
  const list = signing.filter((k) => cannot(k) === null)
  const left = signing.filter((k) => cannot(k) !== null)
  return (
    <>
      <label className="field-label" htmlFor={id}>
        Stored key name
      </label>
      <div className="inline-row">
        <select
          id={id}
          className="grow"
          value={value}
          disabled={list.length === 0}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{list.length === 0 ? 'No stored keys' : 'Choose a key…'}</option>
          {list.map((k) => (
            <option key={k.name} value={k.name}>
              {k.name} · {k.alg} · {k.detail}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" onClick={keys.refresh}>
          Reload keys
        </button>
      </div>
      {keys.pending && <p className="muted">Loading stored keys…</p>}
      {keys.error && <ErrorBanner error={keys.error} />}
      {keys.value && signing.length === 0 && (
        <p className="muted">
          No stored keys yet: create one in the Keys view or with <code>jwtw keys generate</code>.
        </p>
      )}
      {left.length > 0 && (
        <p className="muted" aria-label="Stored keys that cannot sign">
          Cannot sign: {left.map((k) => `${k.name} (${cannot(k)})`).join(', ')}.
        </p>
      )}
    </>
  )
}
