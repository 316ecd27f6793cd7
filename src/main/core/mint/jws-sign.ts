/**
 * JWS signing over exact bytes (RFC 7515 §5.1): the protected header and payload are signed
 * as given, so a known-answer vector whose header holds CRLF and spaces (RFC 7515 A.1)
 * reproduces byte for byte. jose's signers always re-serialize the header object.
 */
import { constants, createHmac, sign, type KeyObject } from 'node:crypto'
import { WorkbenchError } from '../../../shared/errors'
import { JWS_ALGORITHMS, type JwsAlg } from '../../../shared/algorithms'

/** The compact JWS of `headerBytes` and `payloadBytes` signed with `alg`. */
export function signCompact(
  headerBytes: Uint8Array,
  payloadBytes: Uint8Array,
  alg: JwsAlg,
  key: KeyObject | Uint8Array,
): string {
  const input = `${Buffer.from(headerBytes).toString('base64url')}.${Buffer.from(payloadBytes).toString('base64url')}`
  return `${input}.${signature(input, alg, key).toString('base64url')}`
}

function signature(input: string, alg: JwsAlg, key: KeyObject | Uint8Array): Buffer {
  const { hash: jwsHash, keyType, padding } = JWS_ALGORITHMS[alg]
  // Node names hashes without the dash: SHA-256 -> sha256.
  const hash = jwsHash === null ? '' : jwsHash.replace('-', '').toLowerCase()
  if (keyType === 'oct') {
    if (!(key instanceof Uint8Array)) throw mismatch(alg)
    return createHmac(hash, key).update(input).digest()
  }
  if (key instanceof Uint8Array || key.type !== 'private') throw mismatch(alg)
  const data = Buffer.from(input)
  if (keyType === 'OKP') return sign(null, data, key)
  if (padding === 'pss') {
    // RFC 7518 §3.5: MGF1 with the same hash and a salt as long as the hash output.
    return sign(hash, data, {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    })
  }
  if (keyType === 'EC') return sign(hash, data, { key, dsaEncoding: 'ieee-p1363' })
  return sign(hash, data, key)
}

function mismatch(alg: JwsAlg): WorkbenchError {
  return new WorkbenchError('ERR_KEY_ALG_MISMATCH', `${alg} cannot sign with this key.`)
}
