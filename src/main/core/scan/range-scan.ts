/**
 * Scans one byte range of a file (a block): tokens whose run starts in [start, end). A run that
 * crosses `start` belongs to the range before, which reads past its end to finish it; line
 * numbers count from the range's start. Reads with synchronous calls: ranges are small, and
 * the caller yields between them (or runs on a worker thread).
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { CONTEXT, isRunByte } from './byte-finder'
import { TokenStream } from './token-stream'
import { TokenTally, type RangeTally } from './token-tally'

export interface RangeRequest {
  path: string
  start: number
  end: number
}

export interface RangeResult extends RangeTally {
  /** Newlines in [start, end). */
  newlines: number
}

const CHUNK = 1 << 20
/** Read past the range's end this much at a time to finish a run. */
const TAIL = 64 << 10
// One read buffer per thread, reused by every range (scanRange never runs twice at once).
const buffer = Buffer.allocUnsafeSlow(CHUNK)

export function scanRange({ path, start, end }: RangeRequest): RangeResult {
  const tally = new TokenTally()
  const fd = openSync(path, 'r')
  try {
    const contextStart = Math.max(0, start - CONTEXT)
    const context = Buffer.alloc(start - contextStart)
    readSync(fd, context, 0, context.length, contextStart)
    const stream = new TokenStream((hit) => tally.hit(hit, 0), {
      offset: start,
      context,
      skipLeadingRun: context.length > 0 && isRunByte(context[context.length - 1]!),
    })
    let position = start
    while (position < end) {
      const read = readSync(fd, buffer, 0, Math.min(CHUNK, end - position), position)
      if (read === 0) break
      stream.push(buffer.subarray(0, read))
      position += read
    }
    const newlines = stream.newlines
    // A run cut by the range's end: read on until it ends (run bytes only, so no newline).
    while (stream.carrying) {
      const read = readSync(fd, buffer, 0, TAIL, position)
      if (read === 0) break
      let runEnd = 0
      while (runEnd < read && isRunByte(buffer[runEnd]!)) runEnd++
      stream.push(buffer.subarray(0, runEnd))
      position += runEnd
      if (runEnd < read) break
    }
    stream.end()
    return { newlines, ...tally.rangeTally() }
  } finally {
    closeSync(fd)
  }
}
