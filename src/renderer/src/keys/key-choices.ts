import { type JwsAlg, HMAC_ALGS } from '../../../shared/algorithms'
/** The key types the Generate form offers, each with the algs it can sign with. */

export interface KeyTypeChoice {
  id: string
  label: string
  algs: readonly JwsAlg[]
  /** RSA modulus size; the key store's default for the others. */
  bits?: number
}

const RSA_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const

export const KEY_TYPES: readonly KeyTypeChoice[] = [
  { id: 'hmac', label: 'HMAC secret (64 random bytes)', algs: HMAC_ALGS },
  { id: 'rsa-2048', label: 'RSA 2048 bits', algs: RSA_ALGS, bits: 2048 },
  { id: 'rsa-3072', label: 'RSA 3072 bits', algs: RSA_ALGS, bits: 3072 },
  { id: 'rsa-4096', label: 'RSA 4096 bits', algs: RSA_ALGS, bits: 4096 },
  { id: 'ec-p256', label: 'EC P-256', algs: ['ES256'] },
  { id: 'ec-p384', label: 'EC P-384', algs: ['ES384'] },
  { id: 'ec-p521', label: 'EC P-521', algs: ['ES512'] },
  { id: 'ed25519', label: 'Ed25519', algs: ['EdDSA'] },
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

/** An ISO time as the person's local date and time (the ISO value goes in a title). */
export function localTime(iso: string | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString()
}
