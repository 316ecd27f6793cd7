/**
 * Stored keys, saved credentials and the local issuer as they cross the contract: metadata
 * only. Key material crosses only through the explicit private export.
 */
import type { JwsAlg } from './key-types'

/** Key families the key store generates and imports. */
export type StoredKeyKind = 'hmac' | 'rsa' | 'ec' | 'ed25519'

/**
 * Rule for key names: a letter or digit, then letters, digits, `.`, `_` or `-`; 64 at most.
 * Names are unique regardless of case.
 *
 * @example
 * KEY_NAME_PATTERN.test('prod-signing.2026') // true
 */
export const KEY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** A version of a stored key: the active one signs, retiring ones are only published. */
export interface KeyVersionSummary {
  kid: string
  status: 'active' | 'retiring'
  createdAt: string
  /** Public JWK (with kid, alg, use); absent for HMAC keys. */
  publicJwk?: Record<string, string>
  /** 'present' | 'missing' (deleted outside the app) | 'none' (verify-only key). */
  secret: 'present' | 'missing' | 'none'
}

/**
 * What `keys.list` shows about one stored key: never its material.
 *
 * @example
 * const k: KeySummary = { name: 'dev', kind: 'ed25519', alg: 'EdDSA', kid: 'x', detail: 'Ed25519',
 *   createdAt: '2026-01-01T00:00:00.000Z', tags: [], verifyOnly: false, secret: 'present', versions: [] }
 */
export interface KeySummary {
  name: string
  kind: StoredKeyKind
  alg: JwsAlg
  /** kid of the active version. */
  kid: string
  /** 'RSA 2048 bits', 'EC P-256', 'Ed25519', 'HMAC secret, 64 bytes'. */
  detail: string
  createdAt: string
  rotatedAt?: string
  tags: string[]
  /** True for imported public keys and certificates: they verify but never sign. */
  verifyOnly: boolean
  /** State of the active version's keychain entry. */
  secret: 'present' | 'missing' | 'none'
  versions: KeyVersionSummary[]
}

export type GenerateKeyOptions = { alg: JwsAlg; bits?: number; tags?: string[]; kid?: string }

export type ImportKeyOptions = {
  alg?: JwsAlg
  /** kid to give the key, or to pick from a JWKS. */
  kid?: string
  /** Import every key of a JWKS, as NAME-1, NAME-2, ... */
  all?: boolean
  /** How a plain HMAC secret is written; `b64:` and `hex:` prefixes also work. */
  secretEncoding?: 'text' | 'base64' | 'hex'
  tags?: string[]
}

export type PublicExportFormat = 'pem' | 'jwk' | 'jwks'
export type PrivateExportFormat = 'pem' | 'jwk' | 'jwks' | 'base64' | 'hex'

/** A saved token or secret: the value is in the keychain, this is the rest. */
export interface CredentialSummary {
  name: string
  host?: string
  kind: 'token' | 'secret'
  note?: string
  /** From the token's exp claim. */
  expiresAt?: string
  /** 'expired', 'expiring' (within a day), 'valid', or 'no-expiry'. */
  state: 'expired' | 'expiring' | 'valid' | 'no-expiry'
  createdAt: string
  updatedAt: string
  secret: 'present' | 'missing'
}

export type CredentialInput = { name: string; value: string; host?: string; note?: string }

export type IssuerOptions = { port?: number; host?: string; issuer?: string; keys?: string[] }

/** Whether the local OIDC issuer runs, and where. */
export interface IssuerStatus {
  running: boolean
  issuer?: string
  jwksUri?: string
  port?: number
  host?: string
  /** Key names served; empty means every asymmetric stored key. */
  keys?: string[]
}
