/**
 * Each unique token's facts (decoded, described, linted), prepared while the scan reads on:
 * tokens are queued as they are found and decoded in short slices between the scan's reads
 * (setImmediate runs while a read is in flight), so the report at the end finds most of them
 * done. What is not prepared yet is decoded when asked for. Bounded like the scan's own list.
 */
import { LIMITS } from '../../../shared/limits'
import { tokenFacts, type TokenFacts } from './token-report'

/** Longest slice of decoding between two reads. */
const SLICE_MS = 1

export class FactsAhead {
  private readonly facts = new Map<string, TokenFacts>()
  /** Tokens waiting, in the order found (a Set: a token found in every block waits once). */
  private readonly queue = new Set<string>()
  private scheduled = false
  private stopped = false

  constructor(
    private readonly now: Date,
    private readonly showToken: boolean,
  ) {}

  /** Queues tokens to prepare when the thread is free. */
  soon(tokens: Iterable<string>): void {
    if (this.stopped) return
    for (const token of tokens) {
      if (this.facts.size + this.queue.size >= LIMITS.scanTokens) break
      if (!this.facts.has(token)) this.queue.add(token)
    }
    if (!this.scheduled && this.queue.size > 0) {
      this.scheduled = true
      setImmediate(this.slice)
    }
  }

  /** The token's facts: prepared, or decoded now. */
  of(token: string): TokenFacts {
    const known = this.facts.get(token)
    if (known) return known
    const made = tokenFacts(token, this.now, this.showToken)
    if (!this.stopped) this.facts.set(token, made)
    return made
  }

  /** No more preparing (the report is being made): what is queued is decoded when asked for. */
  stop(): void {
    this.stopped = true
    this.queue.clear()
  }

  private readonly slice = () => {
    const until = performance.now() + SLICE_MS
    for (const token of this.queue) {
      this.queue.delete(token)
      if (!this.facts.has(token)) this.facts.set(token, tokenFacts(token, this.now, this.showToken))
      if (this.stopped || performance.now() >= until) break
    }
    this.scheduled = this.queue.size > 0 && !this.stopped
    if (this.scheduled) setImmediate(this.slice)
  }
}
