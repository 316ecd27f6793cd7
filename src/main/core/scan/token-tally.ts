/**
 * Occurrences of each distinct token: how often, where first and last. Memory is bounded:
 * beyond LIMITS.scanTokens distinct tokens (or LIMITS.scanTokenBytes of them) new tokens are
 * only counted, as `unlisted` occurrences.
 */
import { LIMITS } from '../../../shared/limits'

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

/** A worker's tally as it crosses threads: [token, count, first line, last line]. */
export type TallyRow = [string, number, number, number]

export class TokenTally {
  readonly seen = new Map<string, Sighting>()
  occurrences = 0
  /** Occurrences of tokens past the caps (not listed). */
  unlisted = 0
  private bytes = 0

  /** `onNew` hears each token the first time it is listed. */
  constructor(private readonly onNew?: (token: string, sighting: Sighting) => void) {}

  add(token: string, place: Place, count = 1, last: Place = place): void {
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

  /** This tally as rows (a worker's answer), lines as counted in its range. */
  rows(): TallyRow[] {
    return [...this.seen].map(([token, s]) => [token, s.count, s.first.line, s.last.line])
  }

  /** Adds a range's rows, its lines shifted by the newlines before the range. */
  addRows(rows: TallyRow[], file: number, linesBefore: number, unlisted: number): void {
    for (const [token, count, first, last] of rows) {
      this.add(token, { file, line: first + linesBefore }, count, {
        file,
        line: last + linesBefore,
      })
    }
    this.occurrences += unlisted
    this.unlisted += unlisted
  }
}
