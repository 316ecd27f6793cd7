/**
 * Scans one byte range of a file (a block): tokens whose run starts in [start, end). A run that
 * crosses `start` belongs to the range before, which reads past its end to finish it; line
 * numbers count from the range's start. The range is read a few chunks ahead on libuv's thread
 * pool, each chunk read and searched in one task (native engine); this thread judges the runs
 * of each chunk in order as it arrives, so reading, searching and judging overlap on the
 * machine's cores instead of following one another.
 */
import { read } from 'node:fs'
import { open } from 'node:fs/promises'
import {
  CONTEXT,
  isRunByte,
  readAheadOutput,
  readAndSearch,
  type SearchedChunk,
} from './byte-finder'
import { TokenStream } from './token-stream'
import { TokenTally, type RangeTally } from './token-tally'

export interface RangeRequest {
  path: string
  start: number
  end: number
  /** After each chunk judged: its bytes (progress). */
  onChunk?: (bytes: number) => void
  /** Each token the first time the range lists it. */
  onToken?: (token: string) => void
  /** Stops the reading between chunks (the caller says the scan was cancelled). */
  signal?: AbortSignal
}

export interface RangeResult extends RangeTally {
  /** Newlines in [start, end). */
  newlines: number
}

const CHUNK = 2 << 20
/** Chunks read (and searched) ahead at once, each a task on the thread pool. */
export const READ_AHEAD = 3
/** Read past the range's end this much at a time to finish a run. */
const TAIL = 64 << 10

/** A chunk's memory: its bytes and (native engine) its runs. */
interface Slot {
  buffer: Buffer
  out: Uint32Array | undefined
}

/** A chunk on its way: how much was asked for, and what the read and search gave. */
interface Ahead {
  length: number
  done: Promise<{ bytes: number; searched?: SearchedChunk }>
}

// One pool per thread, reused by every range: a thread scans one range at a time, and a range
// settles every chunk of its own before it returns.
let pool: Slot[] | undefined

function slots(): Slot[] {
  return (pool ??= Array.from({ length: READ_AHEAD }, () => ({
    buffer: Buffer.allocUnsafeSlow(CHUNK),
    out: readAndSearch ? readAheadOutput() : undefined,
  })))
}

/** Reads up to `length` bytes at `position` into the start of `into`; the bytes read. */
function readAt(fd: number, into: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, into, 0, length, position, (error, bytes) => (error ? reject(error) : resolve(bytes))),
  )
}

/** A chunk read (and with the native engine, searched) on the thread pool. */
function readChunk(
  fd: number,
  slot: Slot,
  length: number,
  position: number,
): Promise<{ bytes: number; searched?: SearchedChunk }> {
  if (readAndSearch && slot.out) return readAndSearch(fd, position, length, slot.buffer, slot.out)
  return readAt(fd, slot.buffer, length, position).then((bytes) => ({ bytes }))
}

export async function scanRange(request: RangeRequest): Promise<RangeResult> {
  const { path, start, end, onChunk, onToken, signal } = request
  const tally = new TokenTally(onToken)
  const memory = slots()
  const handle = await open(path, 'r')
  const fd = handle.fd
  const ahead: Ahead[] = []
  try {
    const contextStart = Math.max(0, start - CONTEXT)
    const context = Buffer.alloc(start - contextStart)
    await readAt(fd, context, context.length, contextStart)
    const stream = new TokenStream((hit) => tally.hit(hit, 0), {
      offset: start,
      context,
      skipLeadingRun: context.length > 0 && isRunByte(context[context.length - 1]!),
    })
    // Chunk n lives in slot n % READ_AHEAD: a chunk is asked for once the one before it in its
    // slot has been judged.
    let asked = 0
    let askedUpTo = start
    const ask = () => {
      const length = Math.min(CHUNK, end - askedUpTo)
      const done = readChunk(fd, memory[asked % READ_AHEAD]!, length, askedUpTo)
      // Awaited in order below; never unhandled when an earlier chunk fails first.
      done.catch(() => undefined)
      ahead.push({ length, done })
      asked++
      askedUpTo += length
    }
    while (ahead.length < READ_AHEAD && askedUpTo < end) ask()
    let position = start
    for (let judged = 0; ahead.length > 0; judged++) {
      const { bytes, searched } = await ahead[0]!.done
      const whole = bytes === ahead[0]!.length
      if (bytes > 0) stream.push(memory[judged % READ_AHEAD]!.buffer.subarray(0, bytes), searched)
      ahead.shift()
      position += bytes
      onChunk?.(bytes)
      // A short read: the file is shorter than when it was measured; the range ends here.
      if (!whole || signal?.aborted) break
      if (askedUpTo < end) ask()
    }
    const newlines = stream.newlines
    await Promise.allSettled(ahead.map((chunk) => chunk.done))
    ahead.length = 0
    // A run cut by the range's end: read on until it ends (run bytes only, so no newline).
    const tail = memory[0]!.buffer
    while (stream.carrying) {
      const bytes = await readAt(fd, tail, TAIL, position)
      if (bytes === 0) break
      let runEnd = 0
      while (runEnd < bytes && isRunByte(tail[runEnd]!)) runEnd++
      stream.push(tail.subarray(0, runEnd))
      position += runEnd
      if (runEnd < bytes) break
    }
    stream.end()
    return { newlines, ...tally.rangeTally() }
  } finally {
    // Every chunk settles before its memory is used again (or the file closed under it).
    await Promise.allSettled(ahead.map((chunk) => chunk.done))
    await handle.close()
  }
}
