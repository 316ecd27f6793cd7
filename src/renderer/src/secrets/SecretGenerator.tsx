/** Generate a random secret (in main), copy it or its .env line, check it, save it as an HS key. */
import { useState } from 'react'
import {
  DEFAULT_SECRET_BYTES,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  SECRET_ENCODINGS,
  type SecretEncoding,
} from '../../../shared/secret-types'
import { api } from '../api'
import { CopyButton } from '../components/CopyButton'
import { useApiCall } from '../hooks/useApiCall'
import { ErrorBanner } from '../ErrorBanner'
import { ChoiceSelect } from '../components/ChoiceSelect'
import { HMAC_ALGS, type HmacAlg } from '../../../shared/algorithms'

/** The id of the generator's first field, which the checker's fix links to. */
export const GENERATOR_FIELD_ID = 'generator-bytes'

export function SecretGenerator({ onCheck }: { onCheck: (secret: string) => void }) {
  const [bytes, setBytes] = useState(String(DEFAULT_SECRET_BYTES))
  const [encoding, setEncoding] = useState<SecretEncoding>('base64url')
  const [envName, setEnvName] = useState('JWT_SECRET')
  const generated = useApiCall(api['secret.generate'])

  return (
    <section className="panel generator" aria-labelledby="generator-heading">
      <h2 id="generator-heading">Generate a secret</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void generated.run({
            bytes: Number(bytes),
            encoding,
            ...(envName.trim() ? { envName: envName.trim() } : {}),
          })
        }}
      >
        <label className="stacked">
          Random bytes
          <input
            id={GENERATOR_FIELD_ID}
            type="number"
            min={MIN_SECRET_BYTES}
            max={MAX_SECRET_BYTES}
            value={bytes}
            onChange={(e) => setBytes(e.target.value)}
          />
        </label>
        <label className="stacked">
          Encoding
          <ChoiceSelect options={SECRET_ENCODINGS} value={encoding} onChange={setEncoding} />
        </label>
        <label className="stacked">
          Environment variable name
          <input type="text" value={envName} onChange={(e) => setEnvName(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={generated.pending}>
          Generate secret
        </button>
      </form>
      {generated.error && <ErrorBanner error={generated.error} />}
      {generated.value && (
        <GeneratedSecretCard
          key={generated.value.secret}
          secret={generated.value.secret}
          envLine={generated.value.envLine}
          onCheck={onCheck}
        />
      )}
    </section>
  )
}

function GeneratedSecretCard({
  secret,
  envLine,
  onCheck,
}: {
  secret: string
  envLine: string
  onCheck: (secret: string) => void
}) {
  return (
    <div className="generated">
      <label className="stacked">
        Generated secret
        <input type="text" readOnly value={secret} spellCheck={false} className="mono-wide" />
      </label>
      <div className="row">
        <CopyButton text={secret} label="Copy secret" />
        <button type="button" className="secondary" onClick={() => onCheck(secret)}>
          Check its strength
        </button>
      </div>
      <label className="stacked">
        .env line
        <input type="text" readOnly value={envLine} spellCheck={false} className="mono-wide" />
      </label>
      <CopyButton text={envLine} label="Copy .env line" />
      <SaveSecretForm secret={secret} />
    </div>
  )
}

function SaveSecretForm({ secret }: { secret: string }) {
  const [name, setName] = useState('')
  const [alg, setAlg] = useState<HmacAlg>('HS256')
  const saved = useApiCall(api['secret.save'])
  return (
    <form
      className="row save-secret"
      onSubmit={(e) => {
        e.preventDefault()
        void saved.run({ name: name.trim(), secret, alg })
      }}
    >
      <label className="stacked">
        Key name to save as
        <input
          type="text"
          value={name}
          spellCheck={false}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="stacked">
        Algorithm of the saved key
        <ChoiceSelect options={HMAC_ALGS} value={alg} onChange={setAlg} />
      </label>
      <button type="submit" className="secondary" disabled={saved.pending}>
        Save to keychain as HS key
      </button>
      {saved.error && <ErrorBanner error={saved.error} />}
      {saved.value && (
        <p className="ok" role="status">
          Saved as key <strong>{saved.value.name}</strong> ({saved.value.alg}, kid{' '}
          <code>{saved.value.kid}</code>).
        </p>
      )}
    </form>
  )
}
