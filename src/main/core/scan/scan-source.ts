/**
 * Reads one input of a scan: a file (in ranges on worker threads when it is large, gzip read
 * transparently, followed as it grows with --follow) or a stream (stdin, a paste, an upload).
 * Every path ends in a TokenStream; what it finds goes to the scan's tally.
 */
import { createReadStream, readSync } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { addAbortSignal, Readable } from 'node:stream'
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises'
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'
import { fileError } from '../file-error'
import { defaultWorkers, scanInBlocks } from './block-scan'
import { TokenStream } from './token-stream'
import type { TokenTally } from './token-tally'

/**
 * From this size a file is also scanned on worker threads. Below it, a worker's start-up (about
 * 70 ms on a 2-core laptop) costs more than it saves: bench/scan measures where the lines cross.
 */
export const PARALLEL_MIN_BYTES = 384 << 20
const CHUNK = 1 << 20
const FOLLOW_POLL_MS = 250
const GZIP_MAGIC = [0x1f, 0x8b]

export interface SourceOptions {
  /** Worker threads for a file (0: none); by default, defaultWorkers from PARALLEL_MIN_BYTES. */
  workers?: number
  /** The calling thread scans blocks of a file too (the CLI; not the app's main process). */
  inProcess?: boolean
  /** Keep reading a growing file until the signal aborts (like tail -F). */
  follow?: boolean
  /** Read in file order, each token added as it is found (for tokens announced as found). */
  ordered?: boolean
  signal?: AbortSignal
  /** Bytes read from the input (compressed bytes for gzip). */
  onBytes?: (bytes: number) => void
  /** Tokens found by a worker, before they are merged (for early verification). */
  onFresh?: (tokens: string[]) => void
}

export interface SourceScan {
  /** Bytes of the input (for gzip: on disk). */
  bytes: number
  lines: number
  gzip: boolean
}

/** Scans a file on this machine; read errors are WorkbenchErrors naming the path. */
export async function scanFile(
  path: string,
  file: number,
  tally: TokenTally,
  options: SourceOptions = {},
): Promise<SourceScan> {
  // A read that fails midway (EIO, a file on a vanished mount) names the file, with a code.
  const readFailed = (error: unknown): never => {
    throw error instanceof WorkbenchError ? error : fileError(path, error)
  }
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw fileError(path, error)
  }
  try {
    const info = await handle.stat()
    if (info.isDirectory()) throw fileError(path, Object.assign(new Error(), { code: 'EISDIR' }))
    const head = Buffer.alloc(GZIP_MAGIC.length)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    const gzip = bytesRead === head.length && GZIP_MAGIC.every((byte, i) => head[i] === byte)
    if (gzip) {
      if (options.follow) {
        throw new WorkbenchError(
          'ERR_INVALID_ARGUMENT',
          `${clip(path, 200)} is gzip-compressed: it cannot be followed as it grows.`,
        )
      }
      const raw = createReadStream('', { fd: handle, autoClose: false, start: 0 })
      const scanned = await scanStream(raw, path, file, tally, options).catch(readFailed)
      return { ...scanned, bytes: info.size }
    }
    if (info.isFile() && !options.follow && !options.ordered) {
      const inProcess = options.inProcess ?? true
      const workers =
        options.workers ?? (info.size >= PARALLEL_MIN_BYTES ? defaultWorkers(inProcess) : 0)
      const newlines = await scanInBlocks(path, info.size, file, tally, {
        workers,
        inProcess,
        ...(options.signal ? { signal: options.signal } : {}),
        onScanned: (bytes, tokens) => {
          options.onBytes?.(bytes)
          if (tokens.length > 0) options.onFresh?.(tokens)
        },
      }).catch(readFailed)
      const last = Buffer.alloc(1)
      if (info.size > 0) await handle.read(last, 0, 1, info.size - 1)
      return {
        bytes: info.size,
        lines: newlines + (info.size === 0 || last[0] === 0x0a ? 0 : 1),
        gzip,
      }
    }
    return await readSequentially(path, handle, file, tally, options).catch(readFailed)
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/** Scans a stream (stdin, a paste, an upload); gzip is read transparently (by its magic bytes). */
export async function scanStream(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  name: string,
  file: number,
  tally: TokenTally,
  options: Pick<SourceOptions, 'signal' | 'onBytes'> = {},
): Promise<SourceScan> {
  const stream = new TokenStream((hit) => tally.hit(hit, file))
  const raw = input instanceof Readable ? input : Readable.from(input)
  if (options.signal) addAbortSignal(options.signal, raw)
  let bytes = 0
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of raw) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
      bytes += buffer.length
      options.onBytes?.(buffer.length)
      yield buffer
    }
  }
  let last = 0x0a
  let gzip = false
  try {
    const { head, rest } = await peek(counted(), GZIP_MAGIC.length)
    gzip = GZIP_MAGIC.every((byte, i) => head[i] === byte)
    const chunks = gzip ? gunzip(head, rest) : prepend(head, rest)
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue
      stream.push(chunk)
      last = chunk[chunk.length - 1]!
    }
  } catch (error) {
    if (options.signal?.aborted) {
      // Cancelled: what was read counts.
    } else if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new WorkbenchError(
        'ERR_FILE_READ',
        `Cannot read ${clip(name, 200)}: it starts like gzip but is damaged (${(error as NodeJS.ErrnoException).code}).`,
        { cause: error },
      )
    } else throw error
  }
  stream.end()
  return { bytes, lines: stream.newlines + (last === 0x0a ? 0 : 1), gzip }
}

/** The first `size` bytes or more of a stream (fewer when it is shorter), and the rest of it. */
async function peek(
  chunks: AsyncGenerator<Buffer>,
  size: number,
): Promise<{ head: Buffer; rest: AsyncGenerator<Buffer> }> {
  const held: Buffer[] = []
  let length = 0
  while (length < size) {
    const next = await chunks.next()
    if (next.done) break
    held.push(next.value)
    length += next.value.length
  }
  return { head: Buffer.concat(held), rest: chunks }
}

async function* prepend(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield head
  yield* rest
}

/** The inflated stream (zlib is loaded only for gzip input). */
async function* gunzip(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const { createGunzip } = await import('node:zlib')
  const source = Readable.from(prepend(head, rest))
  const inflate = createGunzip()
  source.on('error', (error) => inflate.destroy(error))
  yield* source.pipe(inflate) as AsyncIterable<Buffer>
}

/** Reads a file in order (small files, --follow). */
async function readSequentially(
  path: string,
  first: FileHandle,
  file: number,
  tally: TokenTally,
  options: SourceOptions,
): Promise<SourceScan> {
  let handle = first
  let identity = await handle.stat()
  const stream = new TokenStream((hit) => tally.hit(hit, file))
  const buffer = Buffer.allocUnsafe(CHUNK)
  let position = 0
  let total = 0
  let last = 0x0a
  const readAvailable = async () => {
    for (let reads = 1; !options.signal?.aborted; reads++) {
      const bytesRead = readSync(handle.fd, buffer, 0, CHUNK, position)
      if (bytesRead === 0) return
      stream.push(buffer.subarray(0, bytesRead))
      last = buffer[bytesRead - 1]!
      position += bytesRead
      total += bytesRead
      options.onBytes?.(bytesRead)
      // Lets progress, cancel and Ctrl+C in every 16 MiB.
      if (reads % 16 === 0) await yieldToLoop()
    }
  }
  try {
    await readAvailable()
    while (options.follow && !options.signal?.aborted) {
      try {
        await sleep(FOLLOW_POLL_MS, undefined, options.signal ? { signal: options.signal } : {})
      } catch {
        break
      }
      const now = await stat(path).catch(() => undefined)
      if (now === undefined) continue // rotated away: wait for the new file
      if (now.ino !== identity.ino || now.size < position) {
        // Rotated or truncated: read the new content from its start (lines count on).
        if (handle !== first) await handle.close().catch(() => undefined)
        handle = await open(path, 'r')
        identity = await handle.stat()
        position = 0
      }
      await readAvailable()
    }
  } finally {
    if (handle !== first) await handle.close().catch(() => undefined)
  }
  stream.end()
  return { bytes: total, lines: stream.newlines + (last === 0x0a ? 0 : 1), gzip: false }
}
