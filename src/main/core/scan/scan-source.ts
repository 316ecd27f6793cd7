/**
 * Reads one input of a scan: a file (in ranges on worker threads when it is large, gzip read
 * transparently, followed as it grows with --follow) or a stream (stdin, a paste, an upload).
 * Every path ends in a TokenStream; what it finds goes to the scan's tally.
 */
import { createReadStream, readSync } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { addAbortSignal, Readable } from 'node:stream'
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises'
import { createGunzip } from 'node:zlib'
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
  /** Worker threads for a file (0: none); by default, one per spare core from PARALLEL_MIN_BYTES. */
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
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw fileError(path, error)
  }
  try {
    const info = await handle.stat()
    if (info.isDirectory()) throw fileError(path, Object.assign(new Error(), { code: 'EISDIR' }))
    const head = Buffer.alloc(2)
    const { bytesRead } = await handle.read(head, 0, 2, 0)
    const gzip = bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
    if (gzip) {
      if (options.follow) {
        throw new WorkbenchError(
          'ERR_INVALID_ARGUMENT',
          `${clip(path, 200)} is gzip-compressed: it cannot be followed as it grows.`,
        )
      }
      const raw = createReadStream('', { fd: handle, autoClose: false, start: 0 })
      raw.on('data', (chunk) => options.onBytes?.(chunk.length))
      const { lines } = await scanStream(
        raw.pipe(createGunzip()),
        file,
        tally,
        options,
        false,
      ).catch((error: unknown) => {
        throw gzipError(path, error)
      })
      return { bytes: info.size, lines, gzip }
    }
    if (info.isFile() && !options.follow && !options.ordered) {
      const workers = options.workers ?? (info.size >= PARALLEL_MIN_BYTES ? defaultWorkers() : 0)
      const newlines = await scanInBlocks(path, info.size, file, tally, {
        workers,
        inProcess: options.inProcess ?? true,
        ...(options.signal ? { signal: options.signal } : {}),
        onBlock: (bytes, tokens) => {
          options.onBytes?.(bytes)
          if (tokens.length > 0) options.onFresh?.(tokens)
        },
      })
      const last = Buffer.alloc(1)
      if (info.size > 0) await handle.read(last, 0, 1, info.size - 1)
      return {
        bytes: info.size,
        lines: newlines + (info.size === 0 || last[0] === 0x0a ? 0 : 1),
        gzip,
      }
    }
    return await readSequentially(path, handle, file, tally, options)
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/** Scans a stream (stdin, a paste, an upload, a gzip stream). */
export async function scanStream(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer | string>,
  file: number,
  tally: TokenTally,
  options: Pick<SourceOptions, 'signal' | 'onBytes'> = {},
  countBytes = true,
): Promise<{ bytes: number; lines: number }> {
  const stream = new TokenStream((hit) => tally.add(hit.token, { file, line: hit.line }))
  let last = 0x0a
  let total = 0
  const readable = input instanceof Readable ? input : Readable.from(input as AsyncIterable<Buffer>)
  if (options.signal) addAbortSignal(options.signal, readable)
  try {
    for await (const chunk of readable) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
      if (bytes.length === 0) continue
      stream.push(bytes)
      last = bytes[bytes.length - 1]!
      total += bytes.length
      if (countBytes) options.onBytes?.(bytes.length)
    }
  } catch (error) {
    if (!options.signal?.aborted) throw error
  }
  stream.end()
  return { bytes: total, lines: stream.newlines + (last === 0x0a ? 0 : 1) }
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
  const stream = new TokenStream((hit) => tally.add(hit.token, { file, line: hit.line }))
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

function gzipError(path: string, error: unknown): unknown {
  if (error instanceof WorkbenchError) return error
  const code = (error as NodeJS.ErrnoException).code ?? ''
  if (code.startsWith('Z_')) {
    return new WorkbenchError(
      'ERR_FILE_READ',
      `Cannot read ${clip(path, 200)}: it starts like gzip but is damaged (${code}).`,
      { cause: error },
    )
  }
  return fileError(path, error)
}
