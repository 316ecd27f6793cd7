/** Key sources and key descriptions shared by mint, verify, the renderer and the CLI. */
import type { JwsAlg } from './algorithms'
import type { RemoteOrigin } from './jwks-types'

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
  /** The JWK's "use" ('sig', 'enc'), when it had one. */
  use?: string
  /** The JWK's "key_ops", when it had them. */
  keyOps?: string[]
  /** Where a fetched key came from: the JWKS URL, when, and whether the copy is stale. */
  remote?: RemoteOrigin
}
