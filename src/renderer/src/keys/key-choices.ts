/** The key types the Generate form offers, each with the algs it can sign with (from the registry). */
import { algsForKey, HMAC_ALGS, RSA_RULES, type JwsAlg } from '../../../shared/algorithms'

export interface KeyTypeChoice {
  id: string
  label: string
  algs: readonly JwsAlg[]
  /** RSA modulus size; the key store's default for the others. */
  bits?: number
}

export const KEY_TYPES: readonly KeyTypeChoice[] = [
  { id: 'hmac', label: 'HMAC secret (64 random bytes)', algs: HMAC_ALGS },
  ...RSA_RULES.generatedBits.map((bits) => ({
    id: `rsa-${bits}`,
    label: `RSA ${bits} bits`,
    algs: algsForKey('RSA'),
    bits,
  })),
  ...(['P-256', 'P-384', 'P-521'] as const).map((curve) => ({
    id: `ec-${curve.replace('-', '').toLowerCase()}`,
    label: `EC ${curve}`,
    algs: algsForKey('EC', curve),
  })),
  { id: 'ed25519', label: 'Ed25519', algs: algsForKey('OKP', 'Ed25519') },
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
