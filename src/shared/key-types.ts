/** Key sources and key descriptions shared by mint, verify, the renderer and the CLI. */

/** Every JWS algorithm the workbench signs and verifies. */
export const JWS_ALGS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const

export type JwsAlg = (typeof JWS_ALGS)[number]

/**
 * Where a key comes from, as the contract carries it: a secret, pasted key text (PEM, JWK,
 * JWKS) or a stored key by name. Key files are read by the CLI and passed as key text.
 *
 * @example
 * const source: KeySourceInput = { secret: 'b64:c2VjcmV0' }
 */
export type KeySourceInput =
  { secret: string } | { keyText: string; kid?: string } | { storedKey: string }

/**
 * What a key is, never what it holds: safe to show, log and return across the contract.
 *
 * @example
 * const d: KeyDescription = { origin: 'pem', kind: 'public', keyType: 'EC', detail: 'EC P-256', algs: ['ES256'] }
 */
export interface KeyDescription {
  /** How it was given: secret text, PEM, certificate, JWK, a JWKS entry, a stored key. */
  origin: 'secret' | 'pem' | 'certificate' | 'jwk' | 'jwks' | 'stored'
  kind: 'secret' | 'public' | 'private'
  keyType: 'oct' | 'RSA' | 'EC' | 'OKP'
  /** Human summary: 'RSA 2048 bits', 'EC P-256', 'Ed25519', 'HMAC secret, 32 bytes'. */
  detail: string
  /** Algorithms the key can be used with. */
  algs: JwsAlg[]
  kid?: string
  /** RFC 7638 thumbprint (SHA-256) of the public key; never computed for secrets. */
  thumbprint?: string
  /** Stored key name. */
  name?: string
}

/** Algorithms that fit an HMAC secret, with the minimum secret length (RFC 7518 §3.2). */
export const HMAC_MIN_BYTES: Record<'HS256' | 'HS384' | 'HS512', number> = {
  HS256: 32,
  HS384: 48,
  HS512: 64,
}

/**
 * True when `alg` is one of the JWS algorithms the workbench supports.
 *
 * @example
 * isJwsAlg('RS256') // true
 */
export function isJwsAlg(alg: unknown): alg is JwsAlg {
  return typeof alg === 'string' && (JWS_ALGS as readonly string[]).includes(alg)
}
