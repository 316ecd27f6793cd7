/** Import a key from pasted text: PEM, JWK, JWKS (one key or all of them) or an HMAC secret. */
import { useState } from 'react'
import type { KeySummary } from '../../../shared/stored-key-types'
import { api } from '../api'
import { CheckField } from '../components/CheckField'
import { ChoiceSelect } from '../components/ChoiceSelect'
import { useApiCall } from '../hooks/useApiCall'
import { ErrorBanner } from '../ErrorBanner'
import { KeyWarnings } from './KeyWarnings'
import { JWS_ALGS, type JwsAlg } from '../../../shared/algorithms'
import type { ImportKeyOptions } from '../../../shared/stored-key-schemas'

type SecretWriting = NonNullable<ImportKeyOptions['secretEncoding']>
const SECRET_WRITINGS: Record<SecretWriting, string> = {
  text: 'text (its UTF-8 bytes)',
  base64: 'base64',
  hex: 'hex',
}

interface Props {
  onImported: (keys: KeySummary[]) => void
  /** Key text dropped on the window. */
  initialText?: string | undefined
}

export function ImportKeyForm({ onImported, initialText }: Props) {
  const [name, setName] = useState('')
  const [text, setText] = useState(initialText ?? '')
  const [alg, setAlg] = useState<JwsAlg | ''>('')
  const [all, setAll] = useState(false)
  const [encoding, setEncoding] = useState<SecretWriting>('text')
  const imported = useApiCall(api['keys.import'])

  return (
    <form
      className="panel key-form"
      aria-label="Import a key"
      onSubmit={(e) => {
        e.preventDefault()
        const request = {
          name: name.trim(),
          text,
          ...(alg ? { alg } : {}),
          ...(all ? { all } : {}),
          ...(encoding !== 'text' ? { secretEncoding: encoding } : {}),
        }
        void imported.run(request).then((r) => {
          if (!r.ok) return
          // The pasted text may be a private key or a secret: do not keep it around.
          setText('')
          setName('')
          onImported(r.value)
        })
      }}
    >
      <h3>Import a key</h3>
      <label className="stacked">
        Import as (key name)
        <input
          type="text"
          value={name}
          placeholder="partner-idp"
          spellCheck={false}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="stacked">
        Key text: PEM, JWK, JWKS or an HMAC secret
        <textarea
          className="key-text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder='-----BEGIN PUBLIC KEY----- … or {"keys": [ … ]}'
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="row">
        <label className="stacked">
          Algorithm (optional)
          <ChoiceSelect
            options={['', ...JWS_ALGS] as const}
            value={alg}
            display={(a) => a || 'from the key'}
            onChange={setAlg}
          />
        </label>
        <label className="stacked">
          A secret is written as
          <ChoiceSelect
            options={Object.keys(SECRET_WRITINGS) as SecretWriting[]}
            value={encoding}
            display={(e) => SECRET_WRITINGS[e]}
            onChange={setEncoding}
          />
        </label>
      </div>
      <CheckField
        label="Import every key of a JWKS (as name-1, name-2, …)"
        checked={all}
        onChange={setAll}
      />
      <button type="submit" className="primary" disabled={imported.pending}>
        Import key
      </button>
      {imported.error && <ErrorBanner error={imported.error} />}
      {imported.value && (
        <p className="ok" role="status">
          Imported {imported.value.length === 1 ? '1 key' : `${imported.value.length} keys`}:{' '}
          {imported.value.map((k) => k.name).join(', ')}
        </p>
      )}
      <KeyWarnings keys={imported.value ?? []} />
    </form>
  )
}
