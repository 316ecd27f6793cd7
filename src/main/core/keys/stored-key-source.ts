/**
 * Stored keys (OS keychain) as a key source: the key store hands over ready key objects,
 * the active version to sign and every published version to verify.
 */
import type { KeyObject } from 'node:crypto'
import type { AppContext } from '../context'
import { openKeyStore } from './key-store'

/** A stored key as the key store hands it over. */
export interface StoredKey {
  name: string
  alg: string
  kid?: string
  key: KeyObject | Uint8Array
  status?: string
}

/** The stored key(s) named `name`: the signing key for mint, every verification key for verify. */
export async function loadStoredKeys(
  ctx: AppContext,
  name: string,
  use: 'sign' | 'verify',
): Promise<StoredKey[]> {
  const store = openKeyStore(ctx)
  return use === 'sign' ? [await store.signingKey(name)] : store.verificationKeys(name)
}
