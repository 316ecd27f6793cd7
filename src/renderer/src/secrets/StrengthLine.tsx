/**
 * A secret's strength in one line, under the secret field where a token is signed: the verdict
 * for the algorithm, a meter, and the first rule it fails, with the way to a generated one.
 * Checked in the page as it is typed (useSecretCheck); the secret is sent nowhere.
 */
import type { HmacAlg } from '../../../shared/algorithms'
import { runCommand } from '../shell/command-bus'
import { useSecretCheck, VERDICT_CLASS } from './useSecretCheck'

const METER_VALUE = { weak: 1, acceptable: 2, strong: 3 } as const

export function StrengthLine({ secret, alg }: { secret: string; alg: HmacAlg }) {
  const { check, error, stale } = useSecretCheck(secret, alg)
  if (error) return <p className="strength-line bad">{error.message}</p>
  if (!check) return null
  const failed = check.rules.find((r) => !r.passed)
  return (
    <p className="strength-line" role="status" aria-busy={stale}>
      <meter
        aria-label="Secret strength"
        min={0}
        max={3}
        low={1.5}
        high={2.5}
        optimum={3}
        value={METER_VALUE[check.verdict]}
      />{' '}
      <strong className={VERDICT_CLASS[check.verdict]}>{check.verdict}</strong> for {check.alg}
      {failed && <> · {failed.message}</>}
      {check.verdict !== 'strong' && (
        <>
          {' '}
          <button type="button" className="link" onClick={() => runCommand('view.secrets')}>
            Generate a strong one
          </button>
        </>
      )}
    </p>
  )
}
