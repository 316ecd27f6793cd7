/**
 * Stored keys as the WebCrypto keys openid-client signs with: the client assertion's key
 * (private_key_jwt) and the DPoP key pair. The private key is imported non-extractable and
 * never leaves the main process.
 */
import { createPublicKey, type webcrypto } from 'node:crypto'
import { calculateJwkThumbprint, exportJWK, importPKCS8, importSPKI } from 'jose'
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'
import type { KeyStore, LoadedKey } from '../keys/key-store'

type CryptoKey = webcrypto.CryptoKey
type CryptoKeyPair = webcrypto.CryptoKeyPair

async function privateKeyOf(loaded: LoadedKey): Promise<CryptoKey> {
  if (loaded.key instanceof Uint8Array) {
    throw new WorkbenchError(
      'ERR_KEY_SYMMETRIC',
      `"${clip(loaded.name)}" is an HMAC secret: a client assertion or DPoP proof is signed with a private key (RS256, ES256, EdDSA ...).`,
    )
  }
  const pem = loaded.key.export({ type: 'pkcs8', format: 'pem' }) as string
  return importPKCS8(pem, loaded.alg)
}

/** private_key_jwt: the stored key and its kid (the server finds the public key by it). */
export async function assertionKey(
  keys: KeyStore,
  name: string,
): Promise<{ key: CryptoKey; kid: string; alg: string }> {
  const loaded = await keys.signingKey(name)
  return { key: await privateKeyOf(loaded), kid: loaded.kid, alg: loaded.alg }
}

/** DPoP: the stored key as a key pair, with the RFC 7638 thumbprint tokens get bound to. */
export async function dpopKeyPair(
  keys: KeyStore,
  name: string,
): Promise<{ pair: CryptoKeyPair; jkt: string; alg: string }> {
  const loaded = await keys.signingKey(name)
  const privateKey = await privateKeyOf(loaded)
  const spki = createPublicKey(loaded.key as Parameters<typeof createPublicKey>[0]).export({
    type: 'spki',
    format: 'pem',
  }) as string
  const publicKey = await importSPKI(spki, loaded.alg, { extractable: true })
  const jkt = await calculateJwkThumbprint(await exportJWK(publicKey))
  return { pair: { privateKey, publicKey }, jkt, alg: loaded.alg }
}
