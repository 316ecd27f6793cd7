/**
 * The JWE registry (RFC 7518 §4 and §5): every key management algorithm and content encryption
 * the workbench decrypts and encrypts with, the key each needs, and the defaults per key.
 * RSA1_5 is not in it: it is refused everywhere with its own code (Bleichenbacher's attack).
 */

/** Content encryption algorithms (`enc`), with the size of the content encryption key. */
export const JWE_ENCS = {
  A128GCM: { cekBits: 128 },
  A192GCM: { cekBits: 192 },
  A256GCM: { cekBits: 256 },
  'A128CBC-HS256': { cekBits: 256 },
  'A192CBC-HS384': { cekBits: 384 },
  'A256CBC-HS512': { cekBits: 512 },
} as const
export type JweEnc = keyof typeof JWE_ENCS
export const JWE_ENC_NAMES = Object.keys(JWE_ENCS) as [JweEnc, ...JweEnc[]]

/** What a key management algorithm needs. `aes`: a symmetric key of `keyBits` (dir: the enc's). */
export interface JweKeyAlgorithm {
  key: 'rsa' | 'ecdh' | 'aes' | 'password'
  keyBits?: number
  /** No encrypted key: the CEK is the key itself (dir) or agreed (ECDH-ES). */
  direct?: boolean
}

export const JWE_KEY_ALGORITHMS = {
  'RSA-OAEP': { key: 'rsa' },
  'RSA-OAEP-256': { key: 'rsa' },
  'RSA-OAEP-384': { key: 'rsa' },
  'RSA-OAEP-512': { key: 'rsa' },
  'ECDH-ES': { key: 'ecdh', direct: true },
  'ECDH-ES+A128KW': { key: 'ecdh' },
  'ECDH-ES+A192KW': { key: 'ecdh' },
  'ECDH-ES+A256KW': { key: 'ecdh' },
  A128KW: { key: 'aes', keyBits: 128 },
  A192KW: { key: 'aes', keyBits: 192 },
  A256KW: { key: 'aes', keyBits: 256 },
  A128GCMKW: { key: 'aes', keyBits: 128 },
  A192GCMKW: { key: 'aes', keyBits: 192 },
  A256GCMKW: { key: 'aes', keyBits: 256 },
  dir: { key: 'aes', direct: true },
  'PBES2-HS256+A128KW': { key: 'password' },
  'PBES2-HS384+A192KW': { key: 'password' },
  'PBES2-HS512+A256KW': { key: 'password' },
} as const satisfies Record<string, JweKeyAlgorithm>
export type JweKeyAlg = keyof typeof JWE_KEY_ALGORITHMS
export const JWE_KEY_ALG_NAMES = Object.keys(JWE_KEY_ALGORITHMS) as [JweKeyAlg, ...JweKeyAlg[]]

/** Key management algorithms a stored key can hold (a password is never stored as a key). */
export const STORED_JWE_ALGS = [
  'RSA-OAEP',
  'RSA-OAEP-256',
  'RSA-OAEP-384',
  'RSA-OAEP-512',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A192KW',
  'ECDH-ES+A256KW',
  'A128KW',
  'A192KW',
  'A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
  'dir',
] as const satisfies readonly JweKeyAlg[]
export type StoredJweAlg = (typeof STORED_JWE_ALGS)[number]

/** @example isStoredJweAlg('A256KW') // true; isStoredJweAlg('PBES2-HS256+A128KW') // false */
export function isStoredJweAlg(alg: unknown): alg is StoredJweAlg {
  return isJweKeyAlg(alg) && JWE_KEY_ALGORITHMS[alg].key !== 'password'
}

/** Which algorithms this runtime's crypto can do, by name. */
/** How every face says an algorithm is missing from this runtime's crypto. */
export const NOT_AVAILABLE = 'not available in this runtime'

export interface RuntimeAlgorithms {
  jws: Record<string, boolean>
  jweAlg: Record<JweKeyAlg, boolean>
  jweEnc: Record<JweEnc, boolean>
}

/** Refused JWE algorithms, each with why. */
export const REFUSED_JWE_ALGS: Readonly<Record<string, string>> = {
  RSA1_5:
    'RSA1_5 (RSAES-PKCS1-v1_5) is refused: its padding is open to Bleichenbacher-style oracle attacks (RFC 8725 §3.2). Ask the sender for RSA-OAEP-256.',
}

/** Curves that agree keys for ECDH-ES. */
export const ECDH_CURVES = ['P-256', 'P-384', 'P-521', 'X25519'] as const

/** @example isJweKeyAlg('RSA-OAEP-256') // true */
export function isJweKeyAlg(alg: unknown): alg is JweKeyAlg {
  return typeof alg === 'string' && Object.hasOwn(JWE_KEY_ALGORITHMS, alg)
}

/** @example isJweEnc('A256GCM') // true */
export function isJweEnc(enc: unknown): enc is JweEnc {
  return typeof enc === 'string' && Object.hasOwn(JWE_ENCS, enc)
}

/**
 * The key management algorithms a key can be used with: by key type (and, for a symmetric key,
 * its size: AES key wrap needs exactly 128/192/256 bits; dir needs the size of an enc's CEK).
 *
 * @example
 * jweAlgsForKey('RSA') // ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']
 * jweAlgsForKey('oct', 32) // ['A256KW', 'A256GCMKW', 'dir']
 */
export function jweAlgsForKey(
  keyType: 'RSA' | 'EC' | 'OKP' | 'oct',
  bytes?: number,
): StoredJweAlg[] {
  const kind = keyType === 'RSA' ? 'rsa' : keyType === 'oct' ? 'aes' : 'ecdh'
  return STORED_JWE_ALGS.filter((alg): boolean => {
    const a: JweKeyAlgorithm = JWE_KEY_ALGORITHMS[alg]
    if (a.key !== kind) return false
    if (kind !== 'aes' || bytes === undefined) return true
    if (alg === 'dir') return encsForDirectKey(bytes).length > 0
    return a.keyBits === bytes * 8
  })
}

/** The encs a `dir` key of this many bytes can encrypt with (its size is the CEK's). */
export function encsForDirectKey(bytes: number): JweEnc[] {
  return JWE_ENC_NAMES.filter((enc) => JWE_ENCS[enc].cekBits === bytes * 8)
}

/**
 * The alg and enc a key encrypts with when none is asked for: RSA-OAEP-256 + A256GCM for RSA,
 * ECDH-ES+A256KW + A256GCM for EC and X25519, A256KW (or dir, for a key of a CEK's size that
 * is not a key-wrap size) for a symmetric key. A stored or JWK `alg` wins.
 */
export function defaultJwe(
  keyType: 'RSA' | 'EC' | 'OKP' | 'oct',
  bytes?: number,
): { alg: StoredJweAlg; enc: JweEnc } | undefined {
  if (keyType === 'RSA') return { alg: 'RSA-OAEP-256', enc: 'A256GCM' }
  if (keyType === 'EC' || keyType === 'OKP') return { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' }
  const algs = jweAlgsForKey('oct', bytes)
  if (algs.length === 0) return undefined
  const alg = algs.find((a) => a.endsWith('KW') && !a.includes('GCM')) ?? algs[0]!
  return { alg, enc: alg === 'dir' ? encsForDirectKey(bytes!)[0]! : 'A256GCM' }
}
