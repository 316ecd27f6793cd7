/** The live strength checker: a hidden input, the alg, and the verdict with every rule. */
import { useState } from 'react'
import type { SecretCheck } from '../../../shared/secret-types'
import { ErrorBanner } from '../ErrorBanner'
import { useSecretCheck, VERDICT_CLASS } from './useSecretCheck'
import { GENERATOR_FIELD_ID } from './SecretGenerator'
import { ChoiceSelect } from '../components/ChoiceSelect'
import { HMAC_ALGS, type HmacAlg } from '../../../shared/algorithms'

export function StrengthChecker({
  secret,
  onSecretChange,
}: {
  secret: string
  onSecretChange: (secret: string) => void
}) {
  const [alg, setAlg] = useState<HmacAlg>('HS256')
  const [visible, setVisible] = useState(false)
  const { check, error, stale } = useSecretCheck(secret, alg)

  return (
    <section className="panel strength" aria-labelledby="strength-heading">
      <h2 id="strength-heading">Check a secret</h2>
      <p className="muted">
        Checked here in the window as you type; the secret is not sent anywhere.
      </p>
      <div className="row">
        <label className="stacked grow">
          Secret to check
          <input
            type={visible ? 'text' : 'password'}
            value={secret}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onSecretChange(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="secondary"
          aria-pressed={visible}
          onClick={() => setVisible(!visible)}
        >
          {visible ? 'Hide secret' : 'Show secret'}
        </button>
        <label className="stacked">
          Algorithm to check for
          <ChoiceSelect options={HMAC_ALGS} value={alg} onChange={setAlg} />
        </label>
      </div>
      {error && <ErrorBanner error={error} />}
      {check ? (
        <CheckReport check={check} stale={stale} />
      ) : (
        stale && (
          <p className="muted" role="status">
            Checking…
          </p>
        )
      )}
    </section>
  )
}

/** The generator's first field, in view and focused. */
function focusGenerator(): void {
  const field = document.getElementById(GENERATOR_FIELD_ID)
  field?.scrollIntoView({ block: 'center' })
  field?.focus()
}

function CheckReport({ check, stale }: { check: SecretCheck; stale: boolean }) {
  return (
    <div className={stale ? 'check-report stale' : 'check-report'} aria-busy={stale}>
      <p className="strength-verdict" role="status" data-verdict={check.verdict}>
        Verdict:{' '}
        <strong className={`verdict-${check.verdict} ${VERDICT_CLASS[check.verdict]}`}>
          {check.verdict}
        </strong>{' '}
        for {check.alg} <span className="muted">· about {check.entropyBits} bits of entropy</span>
      </p>
      <table className="readings" aria-label="Readings of the secret">
        <thead>
          <tr>
            <th scope="col">Read as</th>
            <th scope="col">Length (chars)</th>
            <th scope="col">Key bytes</th>
          </tr>
        </thead>
        <tbody>
          {check.readings.map((r) => (
            <tr key={r.kind} data-reading={r.kind}>
              <th scope="row">{r.kind}</th>
              <td>{check.length}</td>
              <td className={r.bytes >= check.minBytes ? 'ok' : 'bad'}>
                {r.bytes} {r.bytes >= check.minBytes ? '≥' : '<'} {check.minBytes} required
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="rules" aria-label="Rules">
        {check.rules.map((rule) => (
          <li key={rule.id} data-rule={rule.id} data-passed={rule.passed}>
            <span
              className={rule.passed ? 'ok' : 'bad'}
              aria-label={rule.passed ? 'passed' : 'failed'}
            >
              {rule.passed ? '✓' : '✗'}
            </span>{' '}
            <span className="rule-id">{rule.id}</span>: {rule.message}
          </li>
        ))}
      </ul>
      {check.fix && (
        <p className="fix">
          Fix: {check.fix.message}{' '}
          <button type="button" className="link" onClick={() => focusGenerator()}>
            Generate one below
          </button>
        </p>
      )}
    </div>
  )
}
