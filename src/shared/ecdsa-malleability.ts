/**
 * ECDSA malleability: (r, s) and (r, n − s) are both valid signatures of the same input, so one
 * token has two encodings. Signers that normalise use the low s (≤ n/2); a high s is a finding
 * (two strings, one token: a deny-list or replay cache keyed on the token text is bypassed).
 */
import { base64urlDecode, base64urlFault } from './base64url'

// The group order n of each JWS curve (SEC 2 / FIPS 186-4), by alg.
export const ECDSA_ORDER: Record<string, bigint> = {
  ES256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  ES384:
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  ES512:
    0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
}
// The length of r and of s in a JWS signature (RFC 7518 §3.4: fixed-width, big-endian).
const HALF: Record<string, number> = { ES256: 32, ES384: 48, ES512: 66 }

/**
 * True when `signature` (base64url) is an ECDSA signature for `alg` whose s is over n/2.
 * Unknown algs and malformed signatures are false (other checks name those).
 *
 * @example
 * hasHighS('ES256', signatureSegment) // true for the malleated twin of a low-s signature
 */
export function hasHighS(alg: string | undefined, signature: string): boolean {
  if (alg === undefined) return false
  const order = ECDSA_ORDER[alg]
  const half = HALF[alg]
  if (order === undefined || half === undefined) return false
  if (base64urlFault(signature) !== null) return false
  const bytes = base64urlDecode(signature)
  if (bytes.length !== 2 * half) return false
  let s = 0n
  for (const byte of bytes.subarray(half)) s = (s << 8n) | BigInt(byte)
  return s > order / 2n
}
