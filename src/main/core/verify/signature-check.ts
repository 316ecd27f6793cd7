/**
 * The signature check: jose verifies the compact JWS with each candidate key in turn (the
 * algorithm pinned to the one the header checks accepted) until one verifies.
 */
import { webcrypto, type KeyObject } from 'node:crypto'
import { compactVerify } from 'jose'
import { JWS_ALGORITHMS, type JwsAlg } from '../../../shared/algorithms'
import { isErrorCode, type ErrorCode } from '../../../shared/errors'
import type { UsableKey } from '../keys/usable-key'
import type { CheckList } from './checks'
import { describe } from './header-checks'

/** Checks the signature into `list`; returns the key that verified, if one did. */
export async function checkSignature(
  compact: string,
  alg: JwsAlg,
  candidates: UsableKey[],
  critNames: string[],
  list: CheckList,
): Promise<UsableKey | undefined> {
  // crit names the header checks accepted; b64 is handled by jose itself.
  const crit = Object.fromEntries(critNames.filter((c) => c !== 'b64').map((c) => [c, false]))
  let failure: { code: ErrorCode; message: string } | undefined
  for (const candidate of candidates) {
    try {
      await compactVerify(compact, await verificationKey(candidate, alg), {
        algorithms: [alg],
        crit,
      })
      list.pass('signature', `Signature verified with ${describe(candidate.description)}.`)
      return candidate
    } catch (error) {
      failure ??= failureOf(error, candidate)
    }
  }
  list.fail('signature', failure!.code, failure!.message)
  return undefined
}

function failureOf(error: unknown, candidate: UsableKey): { code: ErrorCode; message: string } {
  const code = (error as { code?: unknown }).code
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === undefined) {
    return {
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      message:
        candidate.description.kind === 'secret'
          ? 'Signature does not match: signed with a different secret or the token was altered.'
          : 'Signature does not match: signed with a different key or the token was altered.',
    }
  }
  return {
    code: isErrorCode(code) ? code : 'ERR_JWS_INVALID',
    message: `The token could not be verified: ${(error as Error).message.slice(0, 200)}`,
  }
}

// HMAC secrets imported into WebCrypto once per secret and hash: jose would otherwise import
// the raw bytes on every verify, which costs as much as the MAC itself.
const importedHmac = new WeakMap<Uint8Array, Map<JwsAlg, webcrypto.CryptoKey>>()

async function verificationKey(
  key: UsableKey,
  alg: JwsAlg,
): Promise<KeyObject | webcrypto.CryptoKey> {
  const bytes = key.verifying
  if (!(bytes instanceof Uint8Array)) return bytes
  let byAlg = importedHmac.get(bytes)
  if (!byAlg) importedHmac.set(bytes, (byAlg = new Map()))
  let imported = byAlg.get(alg)
  if (!imported) {
    const hash = { name: JWS_ALGORITHMS[alg].hash! }
    imported = await webcrypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash }, false, [
      'verify',
    ])
    byAlg.set(alg, imported)
  }
  return imported
}
