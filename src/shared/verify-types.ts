/** The result of a verify, shared by the contract, the renderer and the CLI. */
import type { KeyDescription } from './key-types'
import type { LintFinding } from './token-types'

/** One check, passed or failed; failed ones carry a code. `skipped` when it could not run. */
export interface VerifyCheck {
  id: string
  ok: boolean
  code?: string
  message: string
  skipped?: boolean
  /** Failed because the keys given cannot judge this token (another key type, no key with its kid). */
  unverifiable?: boolean
}

/** Every check that ran, the decoded token and a description of the key (never the key). */
export interface VerifyResult {
  valid: boolean
  checks: VerifyCheck[]
  header: Record<string, unknown> | null
  payload: unknown
  /** The key that verified the signature; null when none did. */
  key: KeyDescription | null
  /** How many keys were tried against the signature (0 when none fit the header). */
  keysTried: number
  /** Lint findings (with the secret's own rules when the key is an HMAC secret). */
  lint?: LintFinding[]
}
