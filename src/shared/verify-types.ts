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
}

/** Every check that ran, the decoded token and a description of the key (never the key). */
export interface VerifyResult {
  valid: boolean
  checks: VerifyCheck[]
  header: Record<string, unknown> | null
  payload: unknown
  key: KeyDescription | null
  /** Lint findings (with the secret's own rules when the key is an HMAC secret). */
  lint?: LintFinding[]
}
