/**
 * New key material for generate and rotate: random HMAC secrets, RSA moduli of the sizes the
 * registry allows, EC keys on the algorithm's curve, Ed25519; for encryption keys, RSA, EC or
 * X25519 for ECDH-ES, and AES keys of the size the key wrap (or, for dir, the enc) needs.
 */
import { generateKeyPair, randomBytes, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import {
  hmacMinBytes,
  isHmacAlg,
  isJwsAlg,
  JWS_ALGORITHMS,
  RSA_RULES,
  type StoredKeyAlg,
} from '../../../shared/algorithms'
import { WorkbenchError } from '../../../shared/errors'
import {
  ECDH_CURVES,
  encsForDirectKey,
  JWE_KEY_ALGORITHMS,
  type JweKeyAlgorithm,
} from '../../../shared/jwe-algorithms'

const HMAC_DEFAULT_BYTES = 64
const DIRECT_DEFAULT_BYTES = 32
const generateKeyPairAsync = promisify(generateKeyPair)

/** What an algorithm's key is made of. */
function familyOf(alg: StoredKeyAlg): 'rsa' | 'ec' | 'ed25519' | 'hmac' | 'ecdh' | 'aes' {
  if (isJwsAlg(alg)) return JWS_ALGORITHMS[alg].kind as 'rsa' | 'ec' | 'ed25519' | 'hmac'
  return JWE_KEY_ALGORITHMS[alg].key
}

/**
 * The size a new key of `alg` gets: RSA modulus bits, or secret bytes (`bits` / 8).
 * ERR_INVALID_ARGUMENT for a size the algorithm does not allow.
 */
export function generatedSize(alg: StoredKeyAlg, bits: number | undefined): number | undefined {
  const family = familyOf(alg)
  if (family === 'rsa') {
    const size = bits ?? 2048
    if (!(RSA_RULES.generatedBits as readonly number[]).includes(size)) {
      throw new WorkbenchError(
        'ERR_INVALID_ARGUMENT',
        `RSA keys are ${RSA_RULES.generatedBits.join(', ')} bits, not ${size}.`,
      )
    }
    return size
  }
  if (isHmacAlg(alg)) {
    const size = bits === undefined ? HMAC_DEFAULT_BYTES : bits / 8
    const min = hmacMinBytes(alg)
    if (!Number.isInteger(size) || size < min || size > 1024) {
      throw new WorkbenchError(
        'ERR_INVALID_ARGUMENT',
        `An ${alg} secret is ${min * 8} to 8192 bits, in whole bytes.`,
      )
    }
    return size
  }
  if (family === 'aes') {
    const fixed = (JWE_KEY_ALGORITHMS[alg as keyof typeof JWE_KEY_ALGORITHMS] as JweKeyAlgorithm)
      .keyBits
    const size = (bits ?? fixed ?? DIRECT_DEFAULT_BYTES * 8) / 8
    const fits = fixed === undefined ? encsForDirectKey(size).length > 0 : size * 8 === fixed
    if (!fits) {
      throw new WorkbenchError(
        'ERR_INVALID_ARGUMENT',
        fixed === undefined
          ? `A dir key is the size of the content key: 128, 192, 256, 384 or 512 bits, not ${bits}.`
          : `An ${alg} key is ${fixed} bits, not ${bits}.`,
      )
    }
    return size
  }
  return undefined
}

/** A new private key (or secret) for `alg`; `curve` picks the ECDH-ES curve (default P-256). */
export async function newMaterial(
  alg: StoredKeyAlg,
  size: number | undefined,
  curve?: string,
): Promise<KeyObject | Uint8Array> {
  switch (familyOf(alg)) {
    case 'hmac':
      return new Uint8Array(randomBytes(size ?? HMAC_DEFAULT_BYTES))
    case 'aes':
      return new Uint8Array(randomBytes(size ?? DIRECT_DEFAULT_BYTES))
    case 'rsa':
      return (await generateKeyPairAsync('rsa', { modulusLength: size ?? 2048 })).privateKey
    case 'ec':
      return (
        await generateKeyPairAsync('ec', { namedCurve: JWS_ALGORITHMS[alg as 'ES256'].curve! })
      ).privateKey
    case 'ed25519':
      return (await generateKeyPairAsync('ed25519')).privateKey
    case 'ecdh': {
      const chosen = curve ?? 'P-256'
      if (!(ECDH_CURVES as readonly string[]).includes(chosen)) {
        throw new WorkbenchError(
          'ERR_INVALID_ARGUMENT',
          `ECDH-ES keys are on ${ECDH_CURVES.join(', ')}, not ${chosen}.`,
        )
      }
      if (chosen === 'X25519') return (await generateKeyPairAsync('x25519')).privateKey
      return (await generateKeyPairAsync('ec', { namedCurve: chosen })).privateKey
    }
  }
}
