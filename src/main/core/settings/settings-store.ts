/**
 * The settings file (metadata only, never secrets) behind a small interface. The CLI reads and
 * writes config.json directly (a read is JSON.parse of the file, checked by a zod schema; a
 * write goes to a temp file renamed into place, mode 0600); the app uses electron-store over
 * the same file. The file is re-read on every access. Writes take an inter-process lock
 * (proper-lockfile, loaded on the first write) asynchronously, so two processes never lose each
 * other's changes and the Electron main thread never blocks. The directory is created 0700 and,
 * like ssh's StrictModes, refused when others can write it or it is not the user's; a settings
 * file that is a symlink is refused too.
 */
import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import * as z from 'zod/mini'
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined }

/** The sections of the settings document and the JSON type each must have. */
const SettingsFileSchema = z.lazy(() =>
  z.looseObject({
    keys: z.optional(z.record(z.string(), z.unknown())),
    credentials: z.optional(z.record(z.string(), z.unknown())),
    jwksCache: z.optional(z.record(z.string(), z.unknown())),
    trustedIssuers: z.optional(z.array(z.unknown())),
    clients: z.optional(z.record(z.string(), z.unknown())),
    recipes: z.optional(z.record(z.string(), z.unknown())),
    preferences: z.optional(z.record(z.string(), z.unknown())),
    history: z.optional(z.array(z.unknown())),
  }),
)

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

/** The part of a key-value file store the settings store uses (electron-store has it). */
export interface FileStoreLike {
  readonly path: string
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export interface FileStoreOptions {
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
 * A settings store over a file store (the direct one in the CLI, electron-store in the app).
 * A file that is not JSON, or JSON of the wrong shape, is renamed to config.json.corrupt-<time>
 * with a warning, never lost.
 */
export function createSettingsStore(
  dir: string,
  make: (options: FileStoreOptions) => FileStoreLike,
  warn: Warn = () => {},
): SettingsStore {
  prepareDirectory(dir)
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
  const store = make({
    cwd: dir,
    configName: 'config',
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
    deserialize,
  })
  const locked = <T>(run: () => T): Promise<T> => withLock(dir, run)
  return {
    path: store.path,
    get: (section) => store.get(section) as JsonValue | undefined,
    set: (section, value) => locked(() => store.set(section, value)),
    delete: (section) => locked(() => store.delete(section)),
    update: (section, change) =>
      locked(() => {
        const next = change(store.get(section) as JsonValue | undefined)
        if (next === undefined) store.delete(section)
        else store.set(section, next)
        return next
      }),
  }
}

/** The CLI's settings store: config.json in `dir`, read and written directly. */
export function createFileSettingsStore(dir: string, warn?: Warn): SettingsStore {
  return createSettingsStore(dir, jsonFileStore, warn)
}

/**
 * The settings file read on every access and written atomically (a temp file in the same
 * directory, synced, renamed over the file), as electron-store does it.
 */
function jsonFileStore(options: FileStoreOptions): FileStoreLike {
  const path = join(options.cwd, `${options.configName}.json`)
  const read = (): Record<string, unknown> => {
    let text: string
    try {
      refuseSymlink(path)
      text = readFileSync(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw error
    }
    return text.trim() === '' ? {} : options.deserialize(text)
  }
  const write = (document: Record<string, unknown>) => {
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    const fd = openSync(temp, 'w', options.configFileMode)
    try {
      writeSync(fd, `${JSON.stringify(document, null, '\t')}\n`)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    try {
      renameSync(temp, path)
    } catch (error) {
      rmSync(temp, { force: true })
      throw error
    }
  }
  return {
    path,
    get: (key) => read()[key],
    set: (key, value) => write({ ...read(), [key]: value }),
    delete: (key) => {
      const document = read()
      delete document[key]
      write(document)
    },
  }
}

/**
 * Creates the settings directory 0700, and refuses one that others could plant a settings file
 * in (group- or world-writable, or owned by another user), as ssh's StrictModes does.
 */
function prepareDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (process.platform === 'win32') return
  const info = statSync(dir)
  const uid = process.getuid?.()
  const unsafe =
    uid !== undefined && info.uid !== uid
      ? `it belongs to another user (uid ${info.uid})`
      : (info.mode & 0o022) !== 0
        ? `others can write to it (mode ${(info.mode & 0o777).toString(8)})`
        : undefined
  if (unsafe) {
    throw new WorkbenchError(
      'ERR_SETTINGS_UNSAFE',
      `The settings directory ${clip(dir, 200)} is not safe: ${unsafe}. Run \`chmod 700 ${clip(dir, 200)}\` (and make it yours), or point JWTW_HOME at a directory only you can write.`,
    )
  }
}

function refuseSymlink(path: string): void {
  if (lstatSync(path).isSymbolicLink()) {
    throw new WorkbenchError(
      'ERR_SETTINGS_UNSAFE',
      `The settings file ${clip(path, 200)} is a symbolic link: refused (it could point anywhere). Replace it with a regular file.`,
    )
  }
}

function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'unexpected content'
  return issue.path.length > 0 ? `"${issue.path.join('.')}": ${issue.message}` : issue.message
}

function moveAside(path: string, what: string, warn: Warn): void {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
  try {
    renameSync(path, aside)
    chmodSync(aside, 0o600)
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
  const { default: lockfile } = await import('proper-lockfile')
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
