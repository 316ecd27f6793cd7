/**
 * JWS signing over exact bytes (RFC 7515 §5.1): the protected header and payload are signed
 * as given, so a known-answer vector whose header holds CRLF and spaces (RFC 7515 A.1)
 * reproduces byte for byte. jose's signers always re-serialize the header object.
 */
import { constants, createHmac, sign, type KeyObject } from 'node:crypto'
import { WorkbenchError } from '../../../shared/errors'
import type { JwsAlg } from '../../../shared/key-types'

const HASH: Record<JwsAlg, string> = {
  HS256: 'sha256',
  HS384: 'sha384',
  HS512: 'sha512',
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
  EdDSA: '',
}

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
  const hash = HASH[alg]
  if (alg.startsWith('HS')) {
    if (!(key instanceof Uint8Array)) throw mismatch(alg)
    return createHmac(hash, key).update(input).digest()
  }
  if (key instanceof Uint8Array || key.type !== 'private') throw mismatch(alg)
  const data = Buffer.from(input)
  if (alg === 'EdDSA') return sign(null, data, key)
  if (alg.startsWith('PS')) {
    // RFC 7518 §3.5: MGF1 with the same hash and a salt as long as the hash output.
    return sign(hash, data, {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    })
  }
  if (alg.startsWith('ES')) return sign(hash, data, { key, dsaEncoding: 'ieee-p1363' })
  return sign(hash, data, key)
}

function mismatch(alg: JwsAlg): WorkbenchError {
  return new WorkbenchError('ERR_KEY_ALG_MISMATCH', `${alg} cannot sign with this key.`)
}
