/**
 * The token finder over bytes, for files of any size. The search finds the runs of token
 * characters that hold "ey" or "ew" (how a token's JSON header starts in base64url) and two
 * dots, counting newlines on the way; each run is then judged by the same rule as decode's text
 * finder (tokenInRun). Two engines give the same answers: the native addon (one SSE2 pass over
 * the bytes) when it is built, else JavaScript over Buffer.indexOf. A property test holds them
 * (and the text finder) to the same tokens, offsets and lines.
 */
import { startsEscape, tokenInRun } from '../../../shared/token-finder'
import { LIMITS } from '../../../shared/limits'
import { loadAddon } from '../built-files'

const RUN = new Uint8Array(256)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.') {
  RUN[c.charCodeAt(0)] = 1
}
const DOT = 0x2e
const NEWLINE = 0x0a

/** Bytes before a run that the rule looks at (tokenInRun: an escape's backslash or %). */
export const CONTEXT = 1

/** True for a byte that can be part of a token run (base64url and dot). */
export function isRunByte(byte: number): boolean {
  return RUN[byte] === 1
}

/**
 * A token found: where it starts in the buffer, and the newlines in [from, there); `truncated`
 * for a header followed by dots only (counted, never a token).
 */
export type VisitToken = (
  token: string,
  offset: number,
  newlinesBefore: number,
  truncated: boolean,
) => void

/**
 * Finds the tokens whose runs start in buf[from, to) and returns the newlines in that range.
 * Runs must end before `to` (the caller cuts at a byte that is no run byte, or at the end).
 */
export type ScanBytes = (buf: Buffer, from: number, to: number, visit: VisitToken) => number

export const scanBytesJs: ScanBytes = (buf, from, to, visit) => {
  let newlines = 0
  let counted = from
  const countTo = (at: number) => {
    for (
      let i = buf.indexOf(NEWLINE, counted);
      i !== -1 && i < at;
      i = buf.indexOf(NEWLINE, i + 1)
    ) {
      newlines++
    }
    counted = at
  }
  let ey = buf.indexOf('ey', from)
  let ew = buf.indexOf('ew', from)
  for (;;) {
    if (ey >= to) ey = -1
    if (ew >= to) ew = -1
    if (ey === -1 && ew === -1) break
    const candidate = ey === -1 ? ew : ew === -1 ? ey : Math.min(ey, ew)
    // The run around the candidate: back to its start, forward to its end.
    let start = candidate
    while (start > from && RUN[buf[start - 1]!] === 1) start--
    let end = candidate + 2
    let dots = 0
    while (end < to && RUN[buf[end]!] === 1) {
      if (buf[end] === DOT) dots++
      end++
    }
    for (let i = start; i < candidate; i++) if (buf[i] === DOT) dots++
    if (dots >= 2) {
      countTo(start)
      judge(buf, start, end, newlines, visit)
    }
    // Next candidates after this run (one run holds one token).
    if (ey !== -1 && ey < end) ey = buf.indexOf('ey', end)
    if (ew !== -1 && ew < end) ew = buf.indexOf('ew', end)
  }
  countTo(to)
  return newlines
}

interface TokenScanAddon {
  /** The best instruction set this CPU has: 0 portable, 1 SSE2, 2 AVX2. */
  level: number
  scanRuns(bytes: Uint8Array, from: number, to: number, out: Uint32Array, level?: number): number
  readRunsAsync(
    fd: number,
    position: number,
    length: number,
    bytes: Uint8Array,
    out: Uint32Array,
    callback: (error: Error | null, bytesRead: number, runs: number) => void,
  ): void
}

const addon = loadAddon<TokenScanAddon>('token-scan')
/**
 * The addon's output: newlines in the range, 1 when `out` was too small for every run, then per
 * run: start, end, newlines before it, hash of its bytes.
 */
const HEADER_SLOTS = 2
const RUN_SLOTS = 4
let runs = new Uint32Array(HEADER_SLOTS + RUN_SLOTS * 4096)

/** The instruction sets the native search can use, each capping the next. */
export const NATIVE_LEVELS = ['portable', 'SSE2', 'AVX2'] as const

/**
 * The native engine with the instruction sets up to `level` (default: the best this CPU has;
 * tests hold every level to the same answers), or undefined when the addon is not built here.
 */
export function nativeEngine(level?: number): ScanBytes | undefined {
  if (!addon || (level ?? 0) > addon.level) return undefined
  return (buf, from, to, visit) => {
    // A run takes 5 bytes at least: this many slots hold every run of the range.
    const worst = HEADER_SLOTS + RUN_SLOTS * Math.ceil((to - from) / 5)
    if (runs.length < worst) runs = new Uint32Array(worst)
    const found = addon.scanRuns(buf, from, to, runs, level)
    judgeRuns(buf, from, to, runs, found, visit)
    return runs[0]!
  }
}

/** The native engine at its best, or undefined when the addon is not built here. */
export const scanBytesNative: ScanBytes | undefined = nativeEngine()

/** A chunk's runs, found on libuv's thread pool while the calling thread judges others. */
export interface SearchedChunk {
  out: Uint32Array
  found: number
}

/** Output slots for a chunk read ahead: room for this many runs (more falls back). */
const READ_AHEAD_RUNS = 16384

export function readAheadOutput(): Uint32Array {
  return new Uint32Array(HEADER_SLOTS + RUN_SLOTS * READ_AHEAD_RUNS)
}

/**
 * Reads up to `length` bytes of a file at `position` into the start of `into` and searches
 * them, in one task on the thread pool (native engine only; undefined otherwise): no turn of
 * this thread's event loop between the read and the search. The caller leaves `into` and `out`
 * alone until it settles.
 */
export const readAndSearch:
  | ((
      fd: number,
      position: number,
      length: number,
      into: Buffer,
      out: Uint32Array,
    ) => Promise<{ bytes: number; searched: SearchedChunk }>)
  | undefined =
  addon && process.env['JWTW_SCAN_ENGINE'] !== 'js'
    ? (fd, position, length, into, out) =>
        new Promise((resolve, reject) =>
          addon.readRunsAsync(fd, position, length, into, out, (error, bytes, found) =>
            error ? reject(error) : resolve({ bytes, searched: { out, found } }),
          ),
        )
    : undefined

/**
 * scanBytes for a chunk read ahead: judges its runs that lie in [from, to). The chunk's
 * bytes outside [from, to) must be run bytes (a run cut by either end, as TokenStream cuts),
 * so every newline of the chunk is in the range. Falls back to a search when out was full.
 */
export function judgeSearched(
  buf: Buffer,
  from: number,
  to: number,
  searched: SearchedChunk,
  visit: VisitToken,
): number {
  if (searched.out[1] === 1) return scanBytes(buf, from, to, visit)
  judgeRuns(buf, from, to, searched.out, searched.found, visit)
  return searched.out[0]!
}

function judgeRuns(
  buf: Buffer,
  from: number,
  to: number,
  out: Uint32Array,
  found: number,
  visit: VisitToken,
): void {
  for (let i = 0; i < found; i++) {
    const slot = HEADER_SLOTS + i * RUN_SLOTS
    const start = out[slot]!
    const end = out[slot + 1]!
    if (start >= from && end <= to)
      judgeRepeated(buf, start, end, out[slot + 2]!, out[slot + 3]!, visit)
  }
}

/** A token's run judged before: its bytes, and what the rule made of them. */
interface JudgedRun {
  bytes: Buffer
  found: NonNullable<ReturnType<typeof tokenInRun>>
}

/**
 * Token runs judged before, by the hash of their bytes. A token repeats through a log (every
 * request of a session carries it): a run met again is compared byte for byte with the one kept
 * and given the same answer, without a string made and judged per occurrence. Only runs that
 * held a token are kept (the rest, version strings and dotted ids, seldom repeat); bounded. A
 * run after an escape's first byte is judged afresh.
 */
const judged = new Map<number, JudgedRun>()
const JUDGED_MAX_RUNS = 4096
const JUDGED_MAX_BYTES = 16 << 20
let judgedBytes = 0

function judgeRepeated(
  buf: Buffer,
  start: number,
  end: number,
  newlines: number,
  hash: number,
  visit: VisitToken,
): void {
  const before = start > 0 ? buf[start - 1]! : -1
  const length = end - start
  const known = startsEscape(before) ? undefined : judged.get(hash)
  if (known?.bytes.length === length && buf.compare(known.bytes, 0, length, start, end) === 0) {
    const found = known.found
    visit(found.token, start + found.skip, newlines, found.truncated === true)
    return
  }
  const found = tokenInRun(before, buf.toString('latin1', start, end))
  if (found === null) return
  if (!startsEscape(before) && length <= LIMITS.token) {
    if (judged.size >= JUDGED_MAX_RUNS || judgedBytes + length > JUDGED_MAX_BYTES) {
      judged.clear()
      judgedBytes = 0
    }
    judged.set(hash, { bytes: Buffer.from(buf.subarray(start, end)), found })
    judgedBytes += length
  }
  visit(found.token, start + found.skip, newlines, found.truncated === true)
}

/** The engine in use: native when built, unless JWTW_SCAN_ENGINE=js. */
export const scanBytes: ScanBytes =
  process.env['JWTW_SCAN_ENGINE'] === 'js' ? scanBytesJs : (scanBytesNative ?? scanBytesJs)

function judge(buf: Buffer, start: number, end: number, newlines: number, visit: VisitToken): void {
  const found = tokenInRun(start > 0 ? buf[start - 1]! : -1, buf.toString('latin1', start, end))
  if (found !== null) visit(found.token, start + found.skip, newlines, found.truncated === true)
}

/** Where the last complete run ends: the offset after the last byte in [from, to) that is no run byte. */
export function completeUpTo(buf: Buffer, from: number, to: number): number {
  let end = to
  while (end > from && RUN[buf[end - 1]!] === 1) end--
  return end
}
