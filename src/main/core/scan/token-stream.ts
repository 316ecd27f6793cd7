/**
 * Tokens in a stream of bytes of any size, in constant memory: each chunk goes through the
 * byte finder where it lies (no copy); a run of token characters cut by the end of a chunk is
 * carried (with the bytes before it that an escape rule looks at) and finished at the start
 * of the next chunk. Line numbers are counted as it goes. Used for stdin, gzip, --follow,
 * and each worker's range of a large file.
 */
import { LIMITS } from '../../../shared/limits'
import {
  completeUpTo,
  CONTEXT,
  isRunByte,
  judgeSearched,
  scanBytes,
  type SearchedChunk,
  type VisitToken,
} from './byte-finder'

/**
 * One occurrence of a token; or of a truncated one (a header and dots: counted, no token); or
 * of a token-like run too long for any token (`oversized`: its first `bytes`, never kept).
 */
export interface TokenHit {
  token: string
  /** Byte offset in the stream. */
  offset: number
  /** 1-based line number (relative to the stream's first line). */
  line: number
  truncated?: boolean
  oversized?: boolean
  /** For an oversized run: how many of its bytes were seen before it was dropped. */
  bytes?: number
}

/** A carried run longer than any token is dropped (and the rest of it skipped). */
const MAX_CARRY = LIMITS.token + 16
/**
 * A dropped run is reported when it starts like a token: after an escape's letters or dots at
 * most, a JSON header ("ey", "ew") and then a dot within its first 4 KiB.
 */
function startsLikeToken(run: Buffer): boolean {
  return /^[A-Za-z0-9_.-]{0,6}?e[wy][A-Za-z0-9_-]*\./.test(
    run.toString('latin1', 0, Math.min(run.length, 4096)),
  )
}

export interface TokenStreamOptions {
  /** Stream offset of the first byte pushed. */
  offset?: number
  /** The bytes just before the first byte pushed (a worker's range start). */
  context?: Buffer
  /** The first bytes pushed continue a run that started before them: skip that run. */
  skipLeadingRun?: boolean
}

export class TokenStream {
  /** Context (already scanned) then the carried, unfinished run. */
  private pending: Buffer
  private contextLength: number
  /** Stream offset of the next byte pushed. */
  private offset: number
  private skipping: boolean
  /** Newlines in everything scanned so far. */
  newlines = 0

  constructor(
    private readonly onHit: (hit: TokenHit) => void,
    options: TokenStreamOptions = {},
  ) {
    this.pending = options.context ?? Buffer.alloc(0)
    this.contextLength = this.pending.length
    this.offset = options.offset ?? 0
    this.skipping = options.skipLeadingRun === true
  }

  /**
   * Feeds the next chunk of bytes (the caller may reuse the chunk's memory afterwards), with its
   * runs when it was read ahead (readAndSearch over the whole chunk).
   */
  push(chunk: Buffer, searched?: SearchedChunk): void {
    // The chunk may start by continuing the carried run: it ends at the first byte that is no
    // run byte.
    let from = 0
    while (from < chunk.length && isRunByte(chunk[from]!)) from++
    if (from === chunk.length) {
      this.carry(chunk)
      return
    }
    if (this.skipping) this.skipping = false
    else if (from > 0 || this.pending.length > this.contextLength) {
      const seam = Buffer.concat([this.pending, chunk.subarray(0, from)])
      this.scan(seam, this.contextLength, seam.length, this.offset - this.pending.length)
    }
    const cut = completeUpTo(chunk, from, chunk.length)
    this.scan(chunk, from, cut, this.offset, searched)
    this.offset += chunk.length
    const contextFrom = Math.max(0, cut - CONTEXT)
    this.pending = Buffer.from(chunk.subarray(contextFrom))
    this.contextLength = cut - contextFrom
  }

  /** True while a run cut by the end of the last chunk waits for its end. */
  get carrying(): boolean {
    return !this.skipping && this.pending.length > this.contextLength
  }

  /** Ends the stream: whatever is carried is complete now. */
  end(): void {
    if (!this.skipping) {
      this.scan(
        this.pending,
        this.contextLength,
        this.pending.length,
        this.offset - this.pending.length,
      )
    }
    this.pending = Buffer.alloc(0)
    this.contextLength = 0
  }

  /** A whole chunk of run bytes: the carried run grows (or, past any token's size, is dropped). */
  private carry(chunk: Buffer): void {
    this.offset += chunk.length
    if (this.skipping) return
    if (this.pending.length - this.contextLength + chunk.length > MAX_CARRY) {
      const run = this.pending.subarray(this.contextLength)
      const start = this.offset - chunk.length - run.length
      if (startsLikeToken(run.length > 0 ? run : chunk)) {
        const bytes = run.length + chunk.length
        this.onHit({ token: '', offset: start, line: this.newlines + 1, oversized: true, bytes })
      }
      this.skipping = true
      this.pending = this.pending.subarray(0, this.contextLength)
      return
    }
    this.pending = Buffer.concat([this.pending, chunk])
  }

  private scan(
    buf: Buffer,
    from: number,
    to: number,
    base: number,
    searched?: SearchedChunk,
  ): void {
    const before = this.newlines
    const visit: VisitToken = (token, at, newlines, truncated) =>
      this.onHit({
        token,
        offset: base + at,
        line: before + newlines + 1,
        ...(truncated ? { truncated } : {}),
      })
    this.newlines += searched
      ? judgeSearched(buf, from, to, searched, visit)
      : scanBytes(buf, from, to, visit)
  }
}
