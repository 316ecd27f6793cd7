/**
 * V8's code cache for the CLI bundle, one file per command in the user's cache directory: a
 * command run again skips parsing and compiling what it ran before (about a sixth of `jwtw
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
import { join } from 'node:path'

/** A cache file larger than this is not read (the bundle's caches are under 1 MiB). */
const MAX_CACHE_BYTES = 32 << 20

export interface CodeCache {
  /** The cached data, or undefined when there is none to trust. */
  read(): Buffer | undefined
  /** Replaces the cached data (and any this command kept for an older bundle). */
  write(data: Buffer): void
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
  const name = `${command}-${key}.bin`
  const file = join(dir, name)
  return {
    read() {
      try {
        if (!trusted(statSync(dir))) return undefined
        // O_NOFOLLOW: a link put in place of the file is not followed.
        const fd = openSync(file, fs.O_RDONLY | (fs.O_NOFOLLOW ?? 0))
        try {
          const stats = fstatSync(fd)
          return trusted(stats) && stats.size <= MAX_CACHE_BYTES ? readFileSync(fd) : undefined
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
        for (const entry of readdirSync(dir)) {
          if (entry.startsWith(`${command}-`) && entry.endsWith('.bin') && entry !== name) {
            rmSync(join(dir, entry), { force: true })
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
