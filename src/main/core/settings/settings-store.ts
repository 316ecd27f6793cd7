/**
 * The settings file (metadata only, never secrets) behind a small interface. The CLI uses conf,
 * the app electron-store (built on conf): both point at config.json in one directory, so the
 * file is re-read on every access and written atomically, and updates take a lock file so
 * two processes writing at once never lose each other's changes.
 */
import { closeSync, mkdirSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined }

/** Top-level sections of the settings document (e.g. 'keys', 'credentials'). */
export interface SettingsStore {
  /** Path of the settings file. */
  readonly path: string
  get(key: string): JsonValue | undefined
  set(key: string, value: JsonValue): void
  delete(key: string): void
  /**
   * Read-modify-write of one section under an inter-process lock. `change` gets the current
   * value (fresh from disk) and returns the new one (undefined deletes the section).
   */
  update<T extends JsonValue | undefined>(
    key: string,
    change: (current: JsonValue | undefined) => T,
  ): T
}

/** The part of conf (and electron-store) the settings store uses. */
export interface ConfLike {
  readonly path: string
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export interface ConfOptions {
  cwd: string
  configName: string
  accessPropertiesByDotNotation: false
  configFileMode: number
  deserialize: (text: string) => Record<string, unknown>
}

export type Warn = (message: string) => void

export const SETTINGS_FILE = 'config.json'
const LOCK_STALE_MS = 10_000
const LOCK_WAIT_MS = 15_000

/**
 * A settings store over a conf-like implementation (conf in the CLI, electron-store in the
 * app). A corrupt file is renamed to config.json.corrupt-<time> with a warning, never lost.
 */
export function createSettingsStore(
  dir: string,
  make: (options: ConfOptions) => ConfLike,
  warn: Warn = () => {},
): SettingsStore {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, SETTINGS_FILE)
  const deserialize = (text: string): Record<string, unknown> => {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>
    }
    moveAside(path, warn)
    return {}
  }
  const conf = make({
    cwd: dir,
    configName: 'config',
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
    deserialize,
  })
  const store: SettingsStore = {
    path: conf.path,
    get: (key) => conf.get(key) as JsonValue | undefined,
    set: (key, value) => withLock(dir, () => conf.set(key, value)),
    delete: (key) => withLock(dir, () => conf.delete(key)),
    update: (key, change) =>
      withLock(dir, () => {
        const next = change(conf.get(key) as JsonValue | undefined)
        if (next === undefined) conf.delete(key)
        else conf.set(key, next)
        return next
      }),
  }
  return store
}

/** The CLI's settings store: conf at `dir`/config.json. */
export function createConfSettingsStore(dir: string, warn?: Warn): SettingsStore {
  return createSettingsStore(dir, (options) => new Conf(options), warn)
}

function moveAside(path: string, warn: Warn): void {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  try {
    renameSync(path, aside)
    warn(
      `The settings file ${path} was not valid JSON; it was moved to ${aside} and a new one started. Stored keys' secrets are still in the keychain.`,
    )
  } catch (error) {
    // Another process moved it first: the file is already safe.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))

/** Runs `run` holding settings.lock (O_EXCL); a lock older than 10 s is taken as abandoned. */
function withLock<T>(dir: string, run: () => T): T {
  const lock = join(dir, 'settings.lock')
  const started = Date.now()
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) unlinkSync(lock)
      } catch {
        // Released or removed meanwhile: try again.
      }
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw new Error(`settings lock ${lock} held for over ${LOCK_WAIT_MS} ms`, { cause: error })
      }
      Atomics.wait(sleeper, 0, 0, 5 + Math.floor(Math.random() * 10))
    }
  }
  try {
    return run()
  } finally {
    try {
      unlinkSync(lock)
    } catch {
      // Someone judged it stale; nothing to release.
    }
  }
}
