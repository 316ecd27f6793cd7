/**
 * New key material for generate and rotate: random HMAC secrets, RSA moduli of the sizes the
 * registry allows, EC keys on the algorithm's curve, Ed25519.
 */
import { generateKeyPair, randomBytes, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import {
  hmacMinBytes,
  isHmacAlg,
  JWS_ALGORITHMS,
  RSA_RULES,
  type JwsAlg,
  type StoredKeyKind,
} from '../../../shared/algorithms'
import { WorkbenchError } from '../../../shared/errors'

const HMAC_DEFAULT_BYTES = 64
const generateKeyPairAsync = promisify(generateKeyPair)

/**
 * The size a new key of `alg` gets: RSA modulus bits, or HMAC secret bytes (`bits` / 8).
 * ERR_INVALID_ARGUMENT for a size the algorithm does not allow.
 */
export function generatedSize(alg: JwsAlg, bits: number | undefined): number | undefined {
  const kind = JWS_ALGORITHMS[alg].kind
  if (kind === 'rsa') {
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
  return undefined
}

/** A new private key (or secret) of this kind. */
export async function newMaterial(
  kind: StoredKeyKind,
  alg: JwsAlg,
  size: number | undefined,
): Promise<KeyObject | Uint8Array> {
  if (kind === 'hmac') return new Uint8Array(randomBytes(size ?? HMAC_DEFAULT_BYTES))
  if (kind === 'rsa') {
    return (await generateKeyPairAsync('rsa', { modulusLength: size ?? 2048 })).privateKey
  }
  if (kind === 'ec') {
    const namedCurve = JWS_ALGORITHMS[alg].curve!
    return (await generateKeyPairAsync('ec', { namedCurve })).privateKey
  }
  return (await generateKeyPairAsync('ed25519')).privateKey
}
