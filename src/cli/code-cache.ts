/**
 * V8's code cache for the CLI bundle, one file per command in the user's cache directory: a
 * command run again skips parsing and compiling what it ran before (about a fifth of `jwtw
 * mint`'s start-up). Best effort: a cache that cannot be read, written or trusted is not used,
 * and V8 itself refuses data made by another V8 or with other flags.
 *
 * Trust: the data is compiled code, so it is read only from a directory and a file that the
 * current user owns and that no one else can write (not through a link); the file name holds a
 * hash of the bundle's path, size and time and of the runtime, so a new build starts afresh.
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  constants as fs,
} from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export interface CodeCache {
  /** The cached data, or undefined when there is none to trust. */
  read(): Buffer | undefined
  /** Replaces the cached data (and any this command kept for an older bundle). */
  write(data: Buffer): void
}

/** Where the caches live: JWTW_CODE_CACHE_DIR, else the platform's per-user cache directory. */
export function codeCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string | undefined {
  if (env['JWTW_CODE_CACHE'] === '0') return undefined
  if (env['JWTW_CODE_CACHE_DIR']) return env['JWTW_CODE_CACHE_DIR']
  const base =
    platform === 'win32'
      ? env['LOCALAPPDATA']
      : platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : env['XDG_CACHE_HOME'] || join(home, '.cache')
  return base ? join(base, 'jwt-workbench', 'code-cache') : undefined
}

/** The cache of `command` for the bundle at `bundle`, or undefined when there is no safe place. */
export function codeCache(
  bundle: string,
  command: string,
  dir: string | undefined,
): CodeCache | undefined {
  if (dir === undefined || !/^[a-z][a-z-]{0,31}$/.test(command)) return undefined
  let key: string
  try {
    const { size, mtimeMs } = statSync(bundle)
    key = fnv1a(`${process.version}|${process.arch}|${bundle}|${size}|${mtimeMs}`)
  } catch {
    return undefined
  }
  const file = join(dir, `${command}-${key}.bin`)
  return {
    read() {
      try {
        if (!trusted(statSync(dir))) return undefined
        // O_NOFOLLOW: a link put in place of the file is not followed.
        const fd = openSync(file, fs.O_RDONLY | (fs.O_NOFOLLOW ?? 0))
        try {
          return trusted(fstatSync(fd)) ? readFileSync(fd) : undefined
        } finally {
          closeSync(fd)
        }
      } catch {
        return undefined
      }
    },
    write(data) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 })
        if (!trusted(statSync(dir))) return
        for (const name of readdirSync(dir)) {
          if (
            name.startsWith(`${command}-`) &&
            name.endsWith('.bin') &&
            name !== `${command}-${key}.bin`
          ) {
            rmSync(join(dir, name), { force: true })
          }
        }
        const temp = `${file}.${process.pid}.tmp`
        writeFileSync(temp, data, { mode: 0o600, flag: 'wx' })
        renameSync(temp, file)
      } catch {
        // A cache that cannot be written is only a slower start next time.
      }
    },
  }
}

/** Owned by this user and writable by no one else (POSIX; Windows has no such bits here). */
function trusted(stats: { uid: number; mode: number }): boolean {
  if (process.platform === 'win32' || process.getuid === undefined) return true
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0
}

/** FNV-1a, 32 bits, as 8 hex digits: a cheap name for the bundle's identity (no crypto load). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}
