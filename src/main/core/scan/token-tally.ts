/**
 * Occurrences of each distinct token: how often, where first and last. Memory is bounded:
 * beyond LIMITS.scanTokens distinct tokens (or LIMITS.scanTokenBytes of them) new tokens are
 * only counted, as `unlisted` occurrences. Truncated tokens (a header and dots) are counted
 * apart and are no tokens; a run too long for any token is a finding (where, how long), never
 * kept and never decoded, and the scan goes on.
 */
import { LIMITS } from '../../../shared/limits'
import type { TokenHit } from './token-stream'

/** Where a token was seen: the file (an index into the scan's files) and the 1-based line. */
export interface Place {
  file: number
  line: number
}

export interface Sighting {
  count: number
  first: Place
  last: Place
}

/** A run of token characters over the one-token cap. */
export interface OversizedRun {
  place: Place
  /** Its length, or for a run too long to hold, the part seen before it was dropped ("over"). */
  bytes: number
}

/** A worker's tally as it crosses threads: [token, count, first line, last line]. */
export type TallyRow = [string, number, number, number]

/** Oversized runs listed (beyond: counted). */
const MAX_OVERSIZED = 100

export class TokenTally {
  readonly seen = new Map<string, Sighting>()
  occurrences = 0
  /** Occurrences of tokens past the caps (not listed). */
  unlisted = 0
  truncated = 0
  oversized: OversizedRun[] = []
  oversizedCount = 0
  private bytes = 0

  /** `onNew` hears each token the first time it is listed. */
  constructor(private readonly onNew?: (token: string, sighting: Sighting) => void) {}

  /** One hit of a token stream, in `file`. */
  hit(hit: TokenHit, file: number): void {
    if (hit.truncated) this.truncated++
    else if (hit.oversized) this.addOversized({ file, line: hit.line }, hit.bytes ?? 0)
    else this.add(hit.token, { file, line: hit.line })
  }

  add(token: string, place: Place, count = 1, last: Place = place): void {
    if (token.length > LIMITS.token) {
      for (let i = 0; i < count; i++) this.addOversized(i === 0 ? place : last, token.length)
      return
    }
    this.occurrences += count
    const known = this.seen.get(token)
    if (known) {
      known.count += count
      known.last = last
      return
    }
    if (this.seen.size >= LIMITS.scanTokens || this.bytes + token.length > LIMITS.scanTokenBytes) {
      this.unlisted += count
      return
    }
    this.bytes += token.length
    const sighting = { count, first: place, last }
    this.seen.set(token, sighting)
    this.onNew?.(token, sighting)
  }

  addOversized(place: Place, bytes: number): void {
    this.oversizedCount++
    if (this.oversized.length < MAX_OVERSIZED) this.oversized.push({ place, bytes })
  }

  /** This tally as rows (a worker's answer), lines as counted in its range. */
  rows(): TallyRow[] {
    return [...this.seen].map(([token, s]) => [token, s.count, s.first.line, s.last.line])
  }

  /** Adds a range's result, its lines shifted by the newlines before the range. */
  addRange(range: RangeTally, file: number, linesBefore: number): void {
    for (const [token, count, first, last] of range.rows) {
      this.add(token, { file, line: first + linesBefore }, count, {
        file,
        line: last + linesBefore,
      })
    }
    this.occurrences += range.unlisted
    this.unlisted += range.unlisted
    this.truncated += range.truncated
    for (const [line, bytes] of range.oversized) {
      this.addOversized({ file, line: line + linesBefore }, bytes)
    }
    this.oversizedCount += range.oversizedCount - range.oversized.length
  }

  /** What a range (a worker's block) sends back. */
  rangeTally(): RangeTally {
    return {
      rows: this.rows(),
      unlisted: this.unlisted,
      truncated: this.truncated,
      oversized: this.oversized.map((o) => [o.place.line, o.bytes]),
      oversizedCount: this.oversizedCount,
    }
  }
}

/** A range's tally as it crosses threads. */
export interface RangeTally {
  rows: TallyRow[]
  unlisted: number
  truncated: number
  /** [line, bytes] of each oversized run listed. */
  oversized: Array<[number, number]>
  oversizedCount: number
}
