/** Shapes of a mint request and its result, shared by the contract, the renderer and the CLI. */
import type { JwsAlg, KeyDescription, KeySourceInput } from './key-types'
import type { TemplateName } from './templates'

/**
 * What to sign. Every field is optional except the key (unless `unsecured`); a template fills
 * the gaps and explicit fields win over it.
 *
 * @example
 * const req: MintRequest = { key: { secret: 's3cret' }, alg: 'HS256', sub: 'alice', expiresIn: '15m' }
 */
export interface MintRequest {
  key?: KeySourceInput
  alg?: JwsAlg
  /** Produce an unsecured token (`alg: none`) for negative testing; no key is used. */
  unsecured?: boolean
  template?: TemplateName
  sub?: string
  iss?: string
  aud?: string | string[]
  /** A duration ('15m', '24h', '7d'), an absolute time (ISO 8601 or epoch seconds) or null for no exp. */
  expiresIn?: string | null
  /** A duration from now or an absolute time. */
  notBefore?: string
  /** Include iat (default true). */
  iat?: boolean
  /** true: a random jti; a string: that jti. */
  jti?: boolean | string
  claims?: Record<string, unknown>
  /** Extra protected header fields. */
  header?: Record<string, unknown>
  /** Header typ (default 'JWT'); null leaves it out. */
  typ?: string | null
  /** Header kid; default: the key's own kid or the RFC 7638 thumbprint; null leaves it out. */
  kid?: string | null
  cty?: string
  /** Refuse weak secrets (ERR_WEAK_SECRET) instead of warning. */
  strict?: boolean
}

/** Something the signer wants a person to know; the token was still produced. */
export interface MintWarning {
  code: 'WEAK_SECRET' | 'UNSECURED'
  message: string
}

/** A minted token with what went into it; never key material. */
export interface MintResult {
  token: string
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** The key used, or null for an unsecured token. */
  key: KeyDescription | null
  warnings: MintWarning[]
}
