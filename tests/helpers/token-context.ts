/** A context for token tests: frozen clock, no keychain or settings (secrets and key text only). */
import { createContext, type AppContext } from '../../src/main/core/context'
import type { Keychain } from '../../src/main/core/keychain'

const refuse = () => Promise.reject(new Error('no keychain in token tests'))
const noKeychain: Keychain = {
  service: 'none',
  get: refuse,
  set: refuse,
  delete: refuse,
  list: refuse,
}

export function tokenContext(now: Date | string = '2026-11-22T12:00:00Z'): AppContext {
  const frozen = typeof now === 'string' ? new Date(now) : now
  return createContext({
    keychain: noKeychain,
    get settings(): never {
      throw new Error('no settings file in token tests')
    },
    now: () => frozen,
    warn: () => undefined,
  })
}
