/** `jwtw scan --fail-on` conditions, each a count over the scan's result. */
import type { ScanResult, ScanToken } from '../../../shared/scan-types'

const perToken = (test: (t: ScanToken) => boolean) => (r: ScanResult) =>
  r.tokens.filter(test).length

export const FAIL_ON = {
  expired: perToken((t) => t.status.expired),
  invalid: perToken((t) => t.verification?.state === 'invalid'),
  unverifiable: perToken((t) => t.verification?.state === 'unverifiable'),
  none: perToken((t) => t.claims.alg?.toLowerCase() === 'none'),
  'long-lived': perToken((t) => t.longLived),
  oversized: (r: ScanResult) => r.oversizedCount,
} as const

export type FailOn = keyof typeof FAIL_ON
export const FAIL_ON_NAMES = Object.keys(FAIL_ON) as FailOn[]
