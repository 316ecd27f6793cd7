/** Shapes of a verify request and its result, shared by the contract, the renderer and the CLI. */
import type { JwsAlg, KeyDescription, KeySourceInput } from './key-types'
import type { LintFinding } from './token-types'

/** A claim that must be present, and equal `value` when one is given (`role=admin`). */
export interface RequiredClaim {
  name: string
  value?: unknown
}

/**
 * What to check besides the signature.
 *
 * @example
 * const options: VerifyOptions = { audience: 'api', clockTolerance: '30s', require: [{ name: 'role', value: 'admin' }] }
 */
export interface VerifyOptions {
  /** Allowlist; the token's alg must be in it (and always fit the key). */
  algorithms?: JwsAlg[]
  issuer?: string
  audience?: string | string[]
  subject?: string
  typ?: string
  require?: RequiredClaim[]
  /** Leeway for exp, nbf and iat: a duration ('30s') or seconds. */
  clockTolerance?: string | number
  /** Verify as of this time (ISO 8601 or epoch seconds) instead of now. */
  at?: string
  /** Maximum age since iat, as a duration ('1h'). */
  maxAge?: string
  /** Select this kid from a JWKS (default: the token's kid). */
  kid?: string
}

export interface VerifyRequest {
  token: string
  key: KeySourceInput
  options?: VerifyOptions
}

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
