/** A context for token tests: frozen clock, no keychain (secrets and key text only). */
import type { AppContext } from '../../src/main/core/context'
import type { Keychain } from '../../src/main/core/keychain'

const noKeychain: Keychain = {
  service: 'none',
  get: () => Promise.reject(new Error('no keychain in token tests')),
  set: () => Promise.reject(new Error('no keychain in token tests')),
  delete: () => Promise.reject(new Error('no keychain in token tests')),
  list: () => Promise.reject(new Error('no keychain in token tests')),
}

export function tokenContext(now: Date | string = '2026-11-22T12:00:00Z'): AppContext {
  const frozen = typeof now === 'string' ? new Date(now) : now
  return { keychain: noKeychain, settingsDir: '/nonexistent', now: () => frozen }
}
