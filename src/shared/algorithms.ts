/**
 * The algorithm registry: for every JWS algorithm the workbench signs and verifies, the key it
 * needs (type, curve, minimum size), its hash and padding. Mint, verify, the key store, lint,
 * the secret checker and the UI read it here. JWE algorithms live in jwe-algorithms.ts.
 */
import { STORED_JWE_ALGS, type StoredJweAlg } from './jwe-algorithms'

/** Every JWS algorithm the workbench signs and verifies, in display order. */
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

/** The HMAC algorithms (a shared secret), in display order. */
export const HMAC_ALGS = ['HS256', 'HS384', 'HS512'] as const
export type HmacAlg = (typeof HMAC_ALGS)[number]

/** JWK key types (RFC 7518 §6). */
export type KeyType = 'oct' | 'RSA' | 'EC' | 'OKP'
/** Curves, by their JOSE names. */
export type Curve = 'P-256' | 'P-384' | 'P-521' | 'Ed25519'
/** Key families the key store generates and imports (x25519 and aes only encrypt). */
export const STORED_KEY_KINDS = ['hmac', 'rsa', 'ec', 'ed25519', 'x25519', 'aes'] as const
export type StoredKeyKind = (typeof STORED_KEY_KINDS)[number]

/** Secret (symmetric) kinds: no public part to publish or export. */
export function isSecretKind(kind: StoredKeyKind): boolean {
  return kind === 'hmac' || kind === 'aes'
}

/** What a stored key is for (RFC 7517 §4.2): signatures or encryption, never both. */
export const KEY_USES = ['sig', 'enc'] as const
export type KeyUse = (typeof KEY_USES)[number]

/** Every algorithm a stored key can hold: a JWS alg (use sig) or a JWE key management alg (use enc). */
export const STORED_KEY_ALGS = [...JWS_ALGS, ...STORED_JWE_ALGS] as const
export type StoredKeyAlg = JwsAlg | StoredJweAlg

/** @example useOfAlg('RSA-OAEP-256') // 'enc' */
export function useOfAlg(alg: StoredKeyAlg): KeyUse {
  return isJwsAlg(alg) ? 'sig' : 'enc'
}

/** What one JWS algorithm needs and does. */
export interface JwsAlgorithm {
  keyType: KeyType
  kind: StoredKeyKind
  /** The hash, or null when the signature scheme hashes by itself (Ed25519). */
  hash: 'SHA-256' | 'SHA-384' | 'SHA-512' | null
  curve?: Curve
  /** RSA signature padding. */
  padding?: 'pkcs1' | 'pss'
  /** HMAC: the RFC 7518 §3.2 minimum key size, the size of the hash output. */
  minKeyBytes?: number
}

/**
 * The registry.
 *
 * @example
 * JWS_ALGORITHMS.ES384.curve // 'P-384'
 * JWS_ALGORITHMS.HS512.minKeyBytes // 64
 */
export const JWS_ALGORITHMS: Readonly<Record<JwsAlg, JwsAlgorithm>> = {
  HS256: { keyType: 'oct', kind: 'hmac', hash: 'SHA-256', minKeyBytes: 32 },
  HS384: { keyType: 'oct', kind: 'hmac', hash: 'SHA-384', minKeyBytes: 48 },
  HS512: { keyType: 'oct', kind: 'hmac', hash: 'SHA-512', minKeyBytes: 64 },
  RS256: { keyType: 'RSA', kind: 'rsa', hash: 'SHA-256', padding: 'pkcs1' },
  RS384: { keyType: 'RSA', kind: 'rsa', hash: 'SHA-384', padding: 'pkcs1' },
  RS512: { keyType: 'RSA', kind: 'rsa', hash: 'SHA-512', padding: 'pkcs1' },
  PS256: { keyType: 'RSA', kind: 'rsa', hash: 'SHA-256', padding: 'pss' },
  PS384: { keyType: 'RSA', kind: 'rsa', hash: 'SHA-384', padding: 'pss' },
  PS512: { keyType: 'RSA', kind: 'rsa', hash: 'SHA-512', padding: 'pss' },
  ES256: { keyType: 'EC', kind: 'ec', hash: 'SHA-256', curve: 'P-256' },
  ES384: { keyType: 'EC', kind: 'ec', hash: 'SHA-384', curve: 'P-384' },
  ES512: { keyType: 'EC', kind: 'ec', hash: 'SHA-512', curve: 'P-521' },
  EdDSA: { keyType: 'OKP', kind: 'ed25519', hash: null, curve: 'Ed25519' },
}

/** RSA keys: the smallest modulus and public exponent accepted anywhere a key enters. */
export const RSA_RULES = {
  minModulusBits: 2048,
  minPublicExponent: 65537,
  /** Sizes the key store generates. */
  generatedBits: [2048, 3072, 4096],
} as const

/** An HMAC secret shorter than this is refused on import: it can only be a mistake. */
export const MIN_IMPORTED_SECRET_BYTES = 16

/**
 * True when `alg` is one of the JWS algorithms the workbench supports.
 *
 * @example
 * isJwsAlg('RS256') // true
 */
export function isJwsAlg(alg: unknown): alg is JwsAlg {
  return typeof alg === 'string' && Object.hasOwn(JWS_ALGORITHMS, alg)
}

/** @example isHmacAlg('HS384') // true */
export function isHmacAlg(alg: unknown): alg is HmacAlg {
  return isJwsAlg(alg) && JWS_ALGORITHMS[alg].keyType === 'oct'
}

/**
 * The RFC 7518 §3.2 minimum secret size of an HMAC algorithm.
 *
 * @example
 * hmacMinBytes('HS384') // 48
 */
export function hmacMinBytes(alg: HmacAlg): number {
  return JWS_ALGORITHMS[alg].minKeyBytes!
}

/**
 * The algorithms a key of this type (and curve) can sign and verify with.
 *
 * @example
 * algsForKey('EC', 'P-256') // ['ES256']
 * algsForKey('RSA') // ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
 */
export function algsForKey(keyType: KeyType, curve?: string): JwsAlg[] {
  return JWS_ALGS.filter((alg) => {
    const a = JWS_ALGORITHMS[alg]
    return a.keyType === keyType && (a.curve === undefined || a.curve === curve)
  })
}

/**
 * The key family an algorithm needs.
 *
 * @example
 * kindOfAlg('PS256') // 'rsa'
 */
export function kindOfAlg(alg: JwsAlg): StoredKeyKind {
  return JWS_ALGORITHMS[alg].kind
}
