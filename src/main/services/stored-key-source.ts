/**
 * Stored keys (OS keychain) as a key source. The key store arrives with the keys feature;
 * this one function is where it plugs in.
 */
import type { KeyObject } from 'node:crypto'
import { WorkbenchError } from '../../shared/errors'
import type { AppContext } from '../context'

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
  _ctx: AppContext,
  name: string,
  _use: 'sign' | 'verify',
): Promise<StoredKey[]> {
  // INTEGRATION POINT (keys, issue 4): replace with
  //   const store = openKeyStore(ctx)
  //   return use === 'sign' ? [await store.signingKey(name)] : store.verificationKeys(name)
  throw new WorkbenchError(
    'ERR_KEY_NOT_FOUND',
    `No stored key named "${name.slice(0, 128)}": stored keys are not available in this build yet.`,
  )
}
