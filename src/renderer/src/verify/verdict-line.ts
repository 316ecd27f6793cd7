import type { VerifyResult } from '../../../shared/verify-types'

/** One line a person reads first: 'Valid: signed by key "prod", kid k1' or 'Not valid: <why>'. */
export function verdictLine(result: VerifyResult): string {
  if (!result.valid) {
    const first = result.checks.find((c) => !c.ok && !c.skipped) ?? result.checks.find((c) => !c.ok)
    return `Not valid: ${first?.message ?? 'a check failed.'}`
  }
  const k = result.key
  if (!k) return 'Valid.'
  const named = k.name !== undefined ? `key "${k.name}" (${k.detail})` : k.detail
  return `Valid: signed by ${named}${k.kid !== undefined ? `, kid ${k.kid}` : ''}${k.remote ? ` from ${k.remote.jwksUri}` : ''}.`
}
