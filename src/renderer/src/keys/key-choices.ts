/**
 * The key types the Generate form offers, each with the algs it can use (from the registries):
 * signing keys, then encryption keys.
 */
import {
  algsForKey,
  HMAC_ALGS,
  RSA_RULES,
  type KeyUse,
  type StoredKeyAlg,
} from '../../../shared/algorithms'
import { defaultJwe, jweAlgsForKey, type StoredJweAlg } from '../../../shared/jwe-algorithms'

/** The algs a key type encrypts with, its default first. */
function encAlgs(keyType: 'RSA' | 'EC', bytes?: number): StoredJweAlg[] {
  const first = defaultJwe(keyType, bytes)!.alg
  return [first, ...jweAlgsForKey(keyType, bytes).filter((a) => a !== first)]
}

export interface KeyTypeChoice {
  id: string
  label: string
  use: KeyUse
  algs: readonly StoredKeyAlg[]
  /** RSA modulus size, or a symmetric key's size; the key store's default for the others. */
  bits?: number
  /** The curve of an ECDH-ES key. */
  curve?: 'P-256' | 'P-384' | 'P-521' | 'X25519'
}

export const KEY_TYPES: readonly KeyTypeChoice[] = [
  { id: 'hmac', label: 'HMAC secret (64 random bytes)', use: 'sig', algs: HMAC_ALGS },
  ...RSA_RULES.generatedBits.map((bits) => ({
    id: `rsa-${bits}`,
    label: `RSA ${bits} bits`,
    use: 'sig' as const,
    algs: algsForKey('RSA'),
    bits,
  })),
  ...(['P-256', 'P-384', 'P-521'] as const).map((curve) => ({
    id: `ec-${curve.replace('-', '').toLowerCase()}`,
    label: `EC ${curve}`,
    use: 'sig' as const,
    algs: algsForKey('EC', curve),
  })),
  { id: 'ed25519', label: 'Ed25519', use: 'sig', algs: algsForKey('OKP', 'Ed25519') },
  {
    id: 'enc-rsa-2048',
    label: 'Encryption: RSA 2048 bits',
    use: 'enc',
    algs: encAlgs('RSA'),
    bits: 2048,
  },
  ...(['P-256', 'P-384', 'P-521', 'X25519'] as const).map((curve) => ({
    id: `enc-${curve.replace('-', '').toLowerCase()}`,
    label: `Encryption: ${curve === 'X25519' ? 'X25519' : `EC ${curve}`}`,
    use: 'enc' as const,
    algs: encAlgs('EC'),
    curve,
  })),
  {
    id: 'enc-aes-256',
    label: 'Encryption: AES 256-bit key',
    use: 'enc',
    algs: jweAlgsForKey('oct', 32),
    bits: 256,
  },
  {
    id: 'enc-dir-512',
    label: 'Encryption: 512-bit key for dir + A256CBC-HS512',
    use: 'enc',
    algs: ['dir'],
    bits: 512,
  },
]

/** The key type with this id (the first one for an unknown id). */
export function keyType(id: string): KeyTypeChoice {
  return KEY_TYPES.find((t) => t.id === id) ?? KEY_TYPES[0]!
}

/** Tags typed as "a, b c" -> ['a', 'b', 'c']; blanks dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
}
