/**
 * The settings file (metadata only, never secrets) behind a small interface. The CLI uses conf,
 * the app electron-store (built on conf): both point at config.json in one directory, so the
 * file is re-read on every access and written atomically. Writes take an inter-process lock
 * (proper-lockfile: an atomic mkdir with stale-lock detection) asynchronously, so two
 * processes never lose each other's changes and the Electron main thread never blocks.
 */
import { mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import Conf from 'conf'
import lockfile from 'proper-lockfile'
import { z } from 'zod'
import { WorkbenchError } from '../../../shared/errors'

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined }

/** The sections of the settings document and the JSON type each must have. */
const SettingsFileSchema = z.looseObject({
  keys: z.record(z.string(), z.unknown()).optional(),
  credentials: z.record(z.string(), z.unknown()).optional(),
  jwksCache: z.record(z.string(), z.unknown()).optional(),
  trustedIssuers: z.array(z.unknown()).optional(),
  preferences: z.record(z.string(), z.unknown()).optional(),
  history: z.array(z.unknown()).optional(),
})

/** A top-level section of the settings document. */
export type Section = keyof z.infer<typeof SettingsFileSchema> | (string & {})

export interface SettingsStore {
  /** Path of the settings file. */
  readonly path: string
  /** The section as it is on disk now. */
  get(section: Section): JsonValue | undefined
  /**
   * Read-modify-write of one section under the inter-process lock. `change` gets the current
   * value (fresh from disk) and returns the new one (undefined deletes the section).
   */
  update<T extends JsonValue | undefined>(
    section: Section,
    change: (current: JsonValue | undefined) => T,
  ): Promise<T>
  set(section: Section, value: JsonValue): Promise<void>
  delete(section: Section): Promise<void>
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
export const LOCK_FILE = 'settings.lock'
/** A lock not refreshed for this long belongs to a process that died. */
const LOCK_STALE_MS = 10_000
/** Retries spread over about 15 s before a write gives up. */
const LOCK_RETRIES = { retries: 300, minTimeout: 5, maxTimeout: 60, factor: 1.3, randomize: true }

/**
 * A settings store over a conf-like implementation (conf in the CLI, electron-store in the
 * app). A file that is not JSON, or JSON of the wrong shape, is renamed to
 * config.json.corrupt-<time> with a warning, never lost.
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
      moveAside(path, 'was not valid JSON', warn)
      return {}
    }
    const shaped = SettingsFileSchema.safeParse(parsed)
    if (shaped.success) return shaped.data
    moveAside(path, `was JSON of the wrong shape (${describeIssue(shaped.error)})`, warn)
    return {}
  }
  const conf = make({
    cwd: dir,
    configName: 'config',
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
    deserialize,
  })
  const locked = <T>(run: () => T): Promise<T> => withLock(dir, run)
  return {
    path: conf.path,
    get: (section) => conf.get(section) as JsonValue | undefined,
    set: (section, value) => locked(() => conf.set(section, value)),
    delete: (section) => locked(() => conf.delete(section)),
    update: (section, change) =>
      locked(() => {
        const next = change(conf.get(section) as JsonValue | undefined)
        if (next === undefined) conf.delete(section)
        else conf.set(section, next)
        return next
      }),
  }
}

/** The CLI's settings store: conf at `dir`/config.json. */
export function createConfSettingsStore(dir: string, warn?: Warn): SettingsStore {
  return createSettingsStore(dir, (options) => new Conf(options), warn)
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'unexpected content'
  return issue.path.length > 0 ? `"${issue.path.join('.')}": ${issue.message}` : issue.message
}

function moveAside(path: string, what: string, warn: Warn): void {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  try {
    renameSync(path, aside)
    warn(
      `The settings file ${path} ${what}; it was moved to ${aside} and a new one started. Stored keys' secrets are still in the keychain: \`jwtw keys recover\` lists them.`,
    )
  } catch (error) {
    // Another process moved it first: the file is already safe.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/** Runs `run` holding settings.lock; waits without blocking the event loop. */
async function withLock<T>(dir: string, run: () => T): Promise<T> {
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: join(dir, LOCK_FILE),
      realpath: false,
      stale: LOCK_STALE_MS,
      retries: LOCK_RETRIES,
    })
  } catch (error) {
    throw new WorkbenchError(
      'ERR_SETTINGS_BUSY',
      `Another jwtw process held the settings lock (${join(dir, LOCK_FILE)}) for over 15 s; nothing was changed. Try again.`,
      { cause: error },
    )
  }
  try {
    return run()
  } finally {
    await release().catch(() => undefined)
  }
}
