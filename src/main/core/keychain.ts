/**
 * The OS keychain behind a small interface. Secrets live only here (never in the settings
 * file); when no keychain is reachable every call fails with ERR_KEYCHAIN_UNAVAILABLE and
 * there is no plaintext fallback.
 */
import type * as Keyring from '@napi-rs/keyring'
import { WorkbenchError } from '../../shared/errors'
import { onFirstUse } from '../../shared/on-first-use'
import { sessionBusAnswers } from './session-bus'

// The native addon is loaded on the first keychain call, so commands that never touch the
// keychain (mint with a secret file, verify with a key file, decode) do not load it; if it
// cannot load, that call fails with ERR_KEYCHAIN_UNAVAILABLE like any other keychain failure.
const loadKeyring = onFirstUse((): Promise<typeof Keyring> => import('@napi-rs/keyring'))

export const DEFAULT_KEYCHAIN_SERVICE = 'jwt-workbench'

/**
 * How long one keychain call may take. Long enough for an unlock prompt answered by hand;
 * bounded so that a keyring daemon that hangs (stopped, wedged on its bus) fails the call
 * with ERR_KEYCHAIN_UNAVAILABLE instead of holding the command, the window or a job forever.
 */
export const KEYCHAIN_CALL_TIMEOUT_MS = 120_000

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

type Operation = 'read' | 'write'

class KeychainTimeout extends Error {}

function unavailable(cause: unknown, operation: Operation): WorkbenchError {
  const late = cause instanceof KeychainTimeout
  const state = late ? `did not answer within ${cause.message}` : 'is not reachable or is locked'
  const what =
    operation === 'read'
      ? `The OS keychain ${state}, so stored keys and credentials cannot be read (they are not lost).`
      : late
        ? // The call may still land when the daemon answers: `jwtw keys recover` finds it then.
          `The OS keychain ${state}; the change was not recorded (should the keychain apply it later, \`jwtw keys recover\` lists it).`
        : `The OS keychain ${state}; nothing was stored.`
  return new WorkbenchError('ERR_KEYCHAIN_UNAVAILABLE', `${what} ${keychainHelp()}`, { cause })
}

/**
 * Runs one keychain call within `timeoutMs`. The signal cancels the native call when it has
 * not started; one already waiting on the daemon cannot be interrupted, so the promise given
 * back settles on the timer whatever the call does later.
 */
function guarded<T>(
  operation: Operation,
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController()
  let timedOut = false
  const settled = () => {
    if (timedOut) callsLeftWaiting--
    clearTimeout(timer)
  }
  const timer = setTimeout(() => {
    timedOut = true
    callsLeftWaiting++
    controller.abort()
  }, timeoutMs)
  return new Promise<T>((resolve, reject) => {
    controller.signal.addEventListener('abort', () =>
      reject(unavailable(new KeychainTimeout(`${Math.round(timeoutMs / 1000)} s`), operation)),
    )
    run(controller.signal).then(
      (value) => {
        settled()
        resolve(value)
      },
      (error: unknown) => {
        settled()
        reject(unavailable(error, operation))
      },
    )
  })
}

/** Keychain calls that timed out and are still waiting on the daemon. */
let callsLeftWaiting = 0

/**
 * Ends the process at once when a keychain call that timed out is still waiting on its
 * daemon. That call holds one of Node's worker threads, and Node joins them on exit, so the
 * process would otherwise never end (its error has already been reported). Looked at on the
 * next turn of the event loop: a call that gave up without reaching the daemon (the bus check)
 * settles a few promise steps after the error it reported.
 */
export function endIfKeychainCallsHang(): void {
  setImmediate(() => {
    if (callsLeftWaiting > 0) process.kill(process.pid, 'SIGKILL')
  })
}

/** The keychain implemented with @napi-rs/keyring (Secret Service, Keychain, Credential Manager). */
export function createOsKeychain(
  service: string = keychainService(),
  { timeoutMs = KEYCHAIN_CALL_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Keychain {
  // Pinned to the Secret Service on Linux: the default store layers the kernel keyring
  // (keyutils) in front, which forgets everything at reboot and answers "no entry" instead
  // of failing when no Secret Service is reachable.
  const options: Keyring.EntryOptions = { linux: { store: 'secret-service' } }
  const entry = async (account: string, signal: AbortSignal) => {
    const keyring = await loadKeyring()
    // Building an entry talks to the session bus on this thread (Linux): asked first without
    // blocking, so a bus that has stopped answering fails the call on its timer.
    if (process.platform === 'linux') await sessionBusAnswers(signal)
    signal.throwIfAborted()
    return new keyring.AsyncEntry(service, account, options)
  }
  return {
    service,
    get: (account) =>
      guarded('read', timeoutMs, async (signal) =>
        (await entry(account, signal)).getPassword(signal),
      ),
    set: (account, secret) =>
      guarded('write', timeoutMs, async (signal) =>
        (await entry(account, signal)).setPassword(secret, signal),
      ),
    delete: (account) =>
      guarded('write', timeoutMs, async (signal) =>
        (await entry(account, signal)).deleteCredential(signal),
      ),
    list: () =>
      guarded('read', timeoutMs, async (signal) => {
        const { findCredentialsAsync } = await loadKeyring()
        return (await findCredentialsAsync(service, null, signal)).map((c) => c.account)
      }),
  }
}
