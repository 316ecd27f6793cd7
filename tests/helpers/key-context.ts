/** Test contexts for the key tests: a unique keychain service, a temp settings dir, a fixed clock. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createContext, type AppContext } from '../../src/main/core/context'
import { createOsKeychain, type Keychain } from '../../src/main/core/keychain'
import { createFileSettingsStore } from '../../src/main/core/settings/settings-store'

let counter = 0

export interface KeyTestContext extends AppContext {
  settingsDir: string
  warnings: string[]
  cleanup(): Promise<void>
}

export function keyContext(
  label: string,
  options: { keychain?: Keychain; now?: Date } = {},
): KeyTestContext {
  const dir = mkdtempSync(join(tmpdir(), `jwtw-${label}-`))
  const keychain =
    options.keychain ?? createOsKeychain(`jwtw-test-${label}-${process.pid}-${counter++}`)
  const warnings: string[] = []
  const warn = (m: string) => void warnings.push(m)
  const now = options.now ?? new Date('2026-11-22T12:00:00Z')
  const ctx = createContext({
    keychain,
    settings: createFileSettingsStore(dir, warn),
    now: () => now,
    warn,
  })
  return Object.assign(ctx, {
    settingsDir: dir,
    warnings,
    async cleanup() {
      if (!options.keychain) {
        for (const account of await keychain.list().catch(() => [])) await keychain.delete(account)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  })
}

/** A keychain that fails the way the OS one does when no Secret Service is reachable. */
export function unreachableKeychain(): Keychain {
  const fail = async (): Promise<never> => {
    const { WorkbenchError } = await import('../../src/shared/errors')
    throw new WorkbenchError('ERR_KEYCHAIN_UNAVAILABLE', 'The OS keychain is not reachable.')
  }
  return { service: 'unreachable', get: fail, set: fail, delete: fail, list: fail }
}
