/**
 * The OS keychain behind a small interface. Secrets live only here (never in the settings
 * file); when no keychain is reachable every call fails with ERR_KEYCHAIN_UNAVAILABLE and
 * there is no plaintext fallback.
 */
import type * as Keyring from '@napi-rs/keyring'
import { WorkbenchError } from '../../shared/errors'

// The native addon is loaded on the first keychain call, so commands that never touch the
// keychain (mint with a secret file, verify with a key file, decode) do not load it; if it
// cannot load, that call fails with ERR_KEYCHAIN_UNAVAILABLE like any other keychain failure.
let keyring: Promise<typeof Keyring> | undefined
const loadKeyring = () => (keyring ??= import('@napi-rs/keyring'))

export const DEFAULT_KEYCHAIN_SERVICE = 'jwt-workbench'

export interface Keychain {
  /** The keychain service every entry is stored under. */
  readonly service: string
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** True when an entry was deleted, false when there was none. */
  delete(account: string): Promise<boolean>
  /** Account names stored under the service. */
  list(): Promise<string[]>
}

/** The service name: `JWTW_KEYCHAIN_SERVICE` or `jwt-workbench`. */
export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['JWTW_KEYCHAIN_SERVICE']?.trim()
  return fromEnv ? fromEnv : DEFAULT_KEYCHAIN_SERVICE
}

/** How to make a keychain reachable, by platform. */
export function keychainHelp(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux') {
    return (
      'Start a Secret Service provider (gnome-keyring or KeePassXC) in a D-Bus session and unlock it; ' +
      'headless: `dbus-run-session -- sh -c "echo -n PASSWORD | gnome-keyring-daemon --unlock --components=secrets; jwtw ..."`.'
    )
  }
  if (platform === 'darwin')
    return 'Unlock your login keychain (Keychain Access) and allow access when asked.'
  return 'Make sure Windows Credential Manager is available for your user account.'
}

function unavailable(cause: unknown, operation: 'read' | 'write'): WorkbenchError {
  const what =
    operation === 'write'
      ? 'The OS keychain is not reachable or is locked; nothing was stored.'
      : 'The OS keychain is not reachable or is locked, so stored keys and credentials cannot be read (they are not lost).'
  return new WorkbenchError('ERR_KEYCHAIN_UNAVAILABLE', `${what} ${keychainHelp()}`, { cause })
}

async function guarded<T>(operation: 'read' | 'write', run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw unavailable(error, operation)
  }
}

/** The keychain implemented with @napi-rs/keyring (Secret Service, Keychain, Credential Manager). */
export function createOsKeychain(service: string = keychainService()): Keychain {
  // Pinned to the Secret Service on Linux: the default store layers the kernel keyring
  // (keyutils) in front, which forgets everything at reboot and answers "no entry" instead
  // of failing when no Secret Service is reachable.
  const options: Keyring.EntryOptions = { linux: { store: 'secret-service' } }
  const entry = async (account: string) =>
    new (await loadKeyring()).AsyncEntry(service, account, options)
  return {
    service,
    get: (account) => guarded('read', async () => (await entry(account)).getPassword()),
    set: (account, secret) =>
      guarded('write', async () => (await entry(account)).setPassword(secret)),
    delete: (account) => guarded('write', async () => (await entry(account)).deleteCredential()),
    list: () =>
      guarded('read', async () => {
        const { findCredentialsAsync } = await loadKeyring()
        return (await findCredentialsAsync(service)).map((c) => c.account)
      }),
  }
}
