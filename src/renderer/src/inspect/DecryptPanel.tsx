/**
 * A JWE's Decrypt action: a stored encryption key (or every one), a pasted key, a password or
 * a raw symmetric key; the plaintext shown like a JWS payload (claims with times and lint), and
 * a nested signed token decoded and verified in place with the key source chosen. Keys stay in
 * main: only the key's name or the text the user pasted crosses the contract.
 */
import { useState } from 'react'
import type { JweKeySourceInput, KeySourceInput } from '../../../shared/request-schemas'
import { api } from '../api'
import { ChoiceSelect } from '../components/ChoiceSelect'
import { useApiCall } from '../hooks/useApiCall'
import { useLoadedCall } from '../hooks/useLoadedCall'
import { ErrorBanner } from '../ErrorBanner'
import { verdictLine } from '../verify/verdict-line'
import { ColoredToken } from './ColoredToken'
import { LintList } from './LintList'
import { TimesList } from './TimesList'
import { TokenParts } from './TokenParts'

const ANY = '* every stored encryption key'
const PASTE = '* a pasted key (PEM, JWK, JWKS)'
const PASSWORD = '* a password (PBES2)'
/** A saved credential holding a PBES2 password: `credential:NAME`. */
const CREDENTIAL = 'credential:'
const SECRET = '* a raw symmetric key'
const NO_VERIFY = '* do not verify'
const TRUSTED = "* the inner token's trusted issuer"

/** A choice as it reads: the special ones by what they are, a stored key by its name. */
const choiceLabel = (v: string) =>
  v.startsWith('* ')
    ? v.slice(2)
    : v.startsWith(CREDENTIAL)
      ? `the password saved as ${v.slice(CREDENTIAL.length)}`
      : `stored key ${v}`

export function DecryptPanel({ token, now }: { token: string; now: Date }) {
  const keys = useLoadedCall(api['keys.list']).value ?? []
  const encKeys = keys.filter((k) => k.use === 'enc' && !k.verifyOnly).map((k) => k.name)
  const sigKeys = keys.filter((k) => k.use === 'sig').map((k) => k.name)
  const saved = (useLoadedCall(api['creds.list']).value ?? [])
    .filter((c) => c.kind === 'secret' && c.secret === 'present')
    .map((c) => `${CREDENTIAL}${c.name}`)
  const [choice, setChoice] = useState(ANY)
  const [text, setText] = useState('')
  const [verifyWith, setVerifyWith] = useState(TRUSTED)
  const decrypted = useApiCall(api.decrypt)
  const needsText = choice === PASTE || choice === PASSWORD || choice === SECRET

  const keySource = (): JweKeySourceInput =>
    choice === ANY
      ? { anyStored: true }
      : choice === PASTE
        ? { keyText: text }
        : choice === PASSWORD
          ? { password: text }
          : choice === SECRET
            ? { secret: text }
            : choice.startsWith(CREDENTIAL)
              ? { passwordCredential: choice.slice(CREDENTIAL.length) }
              : { storedKey: choice }
  const verifySource = (): KeySourceInput | undefined =>
    verifyWith === NO_VERIFY
      ? undefined
      : verifyWith === TRUSTED
        ? { trusted: true }
        : { storedKey: verifyWith }

  const result = decrypted.value
  return (
    <section className="decrypt-panel" aria-label="Decrypt">
      <h3>Decrypt</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          const verify = verifySource()
          void decrypted.run({ token, key: keySource(), ...(verify ? { verify } : {}) })
        }}
      >
        <label className="stacked">
          Decrypt with
          <ChoiceSelect
            options={[ANY, ...encKeys, PASTE, PASSWORD, ...saved, SECRET]}
            value={choice}
            display={choiceLabel}
            onChange={(v) => {
              setChoice(v)
              setText('')
            }}
          />
        </label>
        {needsText &&
          (choice === PASTE ? (
            <label className="stacked grow">
              Key
              <textarea
                rows={3}
                value={text}
                spellCheck={false}
                placeholder="-----BEGIN PRIVATE KEY-----"
                onChange={(e) => setText(e.target.value)}
              />
            </label>
          ) : (
            <label className="stacked grow">
              {choice === PASSWORD ? 'Password' : 'Key (text, b64:… or hex:…)'}
              <input
                type="password"
                value={text}
                autoComplete="off"
                onChange={(e) => setText(e.target.value)}
              />
            </label>
          ))}
        <label className="stacked">
          Verify a nested token with
          <ChoiceSelect
            options={[TRUSTED, ...sigKeys, NO_VERIFY]}
            value={verifyWith}
            display={choiceLabel}
            onChange={setVerifyWith}
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={decrypted.pending || (needsText && text === '')}
        >
          {decrypted.pending ? 'Decrypting…' : 'Decrypt'}
        </button>
      </form>
      {decrypted.error && <ErrorBanner error={decrypted.error} />}
      {result && (
        <div className="decrypted" role="status" aria-label="Decrypted">
          <p className="ok">
            Decrypted with {result.key.name ? `stored key ${result.key.name}` : result.key.detail}
            {result.key.kid ? ` (kid ${result.key.kid})` : ''}: {result.bytes} bytes,{' '}
            {result.content === 'jws'
              ? 'a nested signed token'
              : result.content === 'claims'
                ? 'a claims set'
                : result.content}
            .
          </p>
          {result.verification && (
            <p className={result.verification.valid ? 'trusted-verdict ok' : 'trusted-verdict bad'}>
              <span className="badge">
                {result.verification.valid
                  ? '✓ inner token verified'
                  : '✗ inner token not verified'}
              </span>{' '}
              {verdictLine(result.verification)}
            </p>
          )}
          {result.verifyError && (
            <p className="trusted-verdict bad">
              <span className="badge">inner token not verified</span> {result.verifyError.code}:{' '}
              {result.verifyError.message}
            </p>
          )}
          {result.inner && <ColoredToken token={result.inner} />}
          {result.decoded && (
            <>
              <TimesList times={result.decoded.times} now={now} />
              <LintList findings={result.decoded.lint} />
              <TokenParts
                header={result.decoded.header}
                payload={result.decoded.payload}
                providerId={result.decoded.provider?.id}
              />
            </>
          )}
          {result.text !== undefined && <pre className="json">{result.text}</pre>}
          {result.hex !== undefined && <pre className="json">{result.hex}</pre>}
        </div>
      )}
    </section>
  )
}
