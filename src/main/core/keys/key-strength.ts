/**
 * Judges a key before it is ever used: degenerate RSA keys (a tiny or even public exponent, a
 * short modulus, a ROCA modulus) let anyone forge or factor, so they are refused wherever a
 * key enters; HMAC secrets are refused when absurdly short and warned about when weak.
 */
import type { KeyObject } from 'node:crypto'
import {
  hmacMinBytes,
  MIN_IMPORTED_SECRET_BYTES,
  RSA_RULES,
  type HmacAlg,
} from '../../../shared/algorithms'
import { WorkbenchError } from '../../../shared/errors'
import { isKnownWeakSecret } from '../../../shared/weak-secrets'

/**
 * What makes an RSA public key unsafe, or null. With e = 1 the "signature" is the padded hash
 * itself, so anyone can forge; small or even exponents and short moduli are broken or
 * malformed; a ROCA modulus (CVE-2017-15361) can be factored from the public key alone.
 */
export function rsaWeakness(key: KeyObject): string | null {
  const details = key.asymmetricKeyDetails ?? {}
  const bits = details.modulusLength ?? 0
  const e = details.publicExponent ?? 0n
  if (e < BigInt(RSA_RULES.minPublicExponent)) {
    return e <= 1n
      ? `its public exponent is ${e}: the signature is the padded hash itself, so anyone can forge tokens it "verifies"`
      : `its public exponent is ${e}, under ${RSA_RULES.minPublicExponent}; small exponents break RSA signatures`
  }
  if (e % 2n === 0n) return `its public exponent ${e} is even, which no valid RSA key has`
  if (bits < RSA_RULES.minModulusBits) {
    return `its modulus is ${bits} bits; RSA keys need ${RSA_RULES.minModulusBits} bits or more`
  }
  const jwk = key.export({ format: 'jwk' })
  if (typeof jwk.n === 'string' && hasRocaFingerprint(bigIntOf(jwk.n))) {
    return 'its modulus has the ROCA fingerprint (CVE-2017-15361, Infineon RSALib): the private key can be computed from the public one; generate a new key'
  }
  return null
}

/** Throws ERR_KEY_WEAK when an RSA key is unsafe; other key types pass. */
export function assertKeyNotWeak(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return
  const weakness = rsaWeakness(key)
  if (weakness !== null) {
    throw new WorkbenchError('ERR_KEY_WEAK', `${what} is refused: ${weakness}.`)
  }
}

/** Throws ERR_KEY_WEAK for an HMAC secret so short it can only be a mistake. */
export function assertSecretUsable(bytes: Uint8Array): void {
  if (bytes.length < MIN_IMPORTED_SECRET_BYTES) {
    throw new WorkbenchError(
      'ERR_KEY_WEAK',
      `The HMAC secret is ${bytes.length} byte${bytes.length === 1 ? '' : 's'}; anything under ${MIN_IMPORTED_SECRET_BYTES} bytes can be guessed. Use a random secret (jwtw secret generate).`,
    )
  }
}

/**
 * Warnings for an HMAC secret that works but should not: shorter than its algorithm's hash
 * (RFC 7518 §3.2) or a well-known value.
 */
export function secretWarnings(bytes: Uint8Array, alg: HmacAlg): string[] {
  const warnings: string[] = []
  const min = hmacMinBytes(alg)
  if (bytes.length < min) {
    warnings.push(
      `The secret is ${bytes.length} bytes; ${alg} needs at least ${min} (RFC 7518 §3.2). Use a longer random secret.`,
    )
  }
  if (isKnownWeakSecret(new TextDecoder().decode(bytes))) {
    warnings.push(
      'The secret is a well-known example or default value: anyone can forge tokens with it.',
    )
  }
  return warnings
}

function bigIntOf(base64url: string): bigint {
  const hex = Buffer.from(base64url, 'base64url').toString('hex')
  return hex === '' ? 0n : BigInt(`0x${hex}`)
}

// The ROCA fingerprint test (Nemec et al., CCS 2017, in its discrete-logarithm form): an
// RSALib modulus N is a power of 65537 modulo the product of small primes below, so N lies in
// the subgroup that 65537 generates. The group's order factors into the prime powers listed;
// N is in the subgroup when N^order = 1 and, for each prime power, the projection of N has a
// discrete logarithm to the base of the projected generator.
const ROCA_GENERATOR = 65537n
const ROCA_ORDER = 2454106387091158800n
const ROCA_ORDER_FACTORS = [16n, 81n, 25n, 7n, 11n, 13n, 17n, 23n, 29n, 37n, 41n, 53n, 83n]
const ROCA_MODULUS = 0x924cba6ae99dfa084537facc54948df0c23da044d8cabe0edd75bc6n

/** True when `n` has the ROCA fingerprint. A random modulus passes with odds of ~1e-19. */
export function hasRocaFingerprint(n: bigint): boolean {
  if (n <= 2n) return false
  if (modPow(n, ROCA_ORDER, ROCA_MODULUS) !== 1n) return false
  for (const factor of ROCA_ORDER_FACTORS) {
    const exponent = ROCA_ORDER / factor
    const g = modPow(ROCA_GENERATOR, exponent, ROCA_MODULUS)
    const h = modPow(n, exponent, ROCA_MODULUS)
    let power = 1n
    let found = false
    for (let i = 0n; i < factor; i++) {
      if (power === h) {
        found = true
        break
      }
      power = (power * g) % ROCA_MODULUS
    }
    if (!found) return false
  }
  return true
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n
  let b = base % modulus
  let e = exponent
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus
    b = (b * b) % modulus
    e >>= 1n
  }
  return result
}
