/**
 * Runs the shared strength check on the secret being typed, debounced, in the renderer: no
 * call to the services, so the secret never leaves this page. A late result of an older input
 * is dropped.
 */
import { useMemo } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import { checkSecret } from '../../../shared/secret-strength'
import type { SecretCheck } from '../../../shared/secret-types'
import { LIMITS } from '../../../shared/limits'
import type { HmacAlg } from '../../../shared/algorithms'
import { useSettled } from '../hooks/useSettled'

export const CHECK_DEBOUNCE_MS = 250

/** The colour class of each verdict. */
export const VERDICT_CLASS = { weak: 'bad', acceptable: 'warn', strong: 'ok' } as const

export interface SecretCheckState {
  check: SecretCheck | null
  error: ErrorPayload | null
  /** True while the shown check is for an older input. */
  stale: boolean
}

export function useSecretCheck(secret: string, alg: HmacAlg): SecretCheckState {
  const tooLong = secret.length > LIMITS.checkedSecret
  const input = useMemo(
    () => (secret === '' || tooLong ? null : { secret, alg }),
    [secret, alg, tooLong],
  )
  const done = useSettled(
    input,
    CHECK_DEBOUNCE_MS,
    ({ secret, alg }): Promise<Pick<SecretCheckState, 'check' | 'error'>> =>
      checkSecret(secret, alg).then(
        (check) => ({ check, error: null }),
        () => ({
          check: null,
          error: { code: 'ERR_INTERNAL', message: 'The strength check failed on this input.' },
        }),
      ),
  )

  if (secret === '') return { check: null, error: null, stale: false }
  if (tooLong) {
    return {
      check: null,
      error: {
        code: 'ERR_INPUT_TOO_LARGE',
        message: `A secret is checked up to ${LIMITS.checkedSecret} characters; this one has ${secret.length}.`,
      },
      stale: false,
    }
  }
  return {
    check: done?.result.check ?? null,
    error: done?.result.error ?? null,
    stale: done?.input !== input,
  }
}
