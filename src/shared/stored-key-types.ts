/**
 * Stored keys, saved credentials and the local issuer as they cross the contract: metadata
 * only. Key material crosses only through the explicit private export.
 */
import type { JwsAlg, StoredKeyKind } from './algorithms'
import { LIMITS } from './limits'

/**
 * Rule for key names: a letter or digit, then letters, digits, `.`, `_` or `-`; 64 at most.
 * Names are unique regardless of case.
 *
 * @example
 * KEY_NAME_PATTERN.test('prod-signing.2026') // true
 */
export const KEY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** What is wrong with a key name, or null: the one rule the contract and the store apply. */
export function keyNameProblem(name: string): string | null {
  return KEY_NAME_PATTERN.test(name)
    ? null
    : `Invalid key name "${name.slice(0, 64)}": use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.`
}

/**
 * Tags as stored: trimmed, without empties or repeats. Null when there are too many or one
 * is too long.
 *
 * @example
 * cleanTags([' prod ', 'prod', '']) // ['prod']
 */
export function cleanTags(tags: readonly string[]): string[] | null {
  const clean = [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))]
  if (clean.length > LIMITS.tags || clean.some((t) => t.length > LIMITS.tag)) return null
  return clean
}

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
  /** Warnings about the key itself, given when it is imported or saved (a short or known secret). */
  warnings?: string[]
}

/** A keychain entry of ours that no stored key or saved credential names any more. */
export interface OrphanEntry {
  account: string
  kind: 'key' | 'credential'
  /** What the entry holds, never its content: 'EC P-256 private key', 'HMAC secret, 64 bytes'. */
  detail: string
  /** The name a restore would give it. */
  name: string
  /** False when the entry is not one the workbench wrote (it can only be deleted). */
  restorable: boolean
}

/** What `keys.recover` did. */
export interface RecoverResult {
  restored: Array<{ account: string; name: string; kind: 'key' | 'credential' }>
  deleted: string[]
}

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
