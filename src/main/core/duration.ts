/**
 * Durations and times for mint and verify. The duration grammar is jose's own (the one
 * setExpirationTime accepts): we ask jose instead of keeping a second parser.
 */
import { UnsecuredJWT, decodeJwt } from 'jose'
import { WorkbenchError } from '../../shared/errors'

const epoch = (ms: number) => Math.floor(ms / 1000)

/**
 * Seconds in a jose duration ('30s', '15m', '24h', '7d', '4w', '2 hours', '-1h').
 * Throws ERR_INVALID_DURATION for anything jose does not accept.
 */
export function durationSeconds(text: string, label = 'duration'): number {
  // jose resolves a relative time against its own clock; read it on both sides and retry in
  // the rare case a second boundary fell in between, so the difference is exact.
  for (;;) {
    const before = epoch(Date.now())
    let exp: number
    try {
      const token = new UnsecuredJWT({}).setExpirationTime(text.trim()).encode()
      exp = decodeJwt(token).exp as number
    } catch {
      throw new WorkbenchError(
        'ERR_INVALID_DURATION',
        `Invalid ${label} "${text.slice(0, 40)}": use a number and a unit such as 30s, 15m, 24h, 7d or 4w.`,
      )
    }
    if (epoch(Date.now()) === before) return exp - before
  }
}

/**
 * A point in time as epoch seconds: ISO 8601 text or a whole number of epoch seconds.
 * Returns undefined when `text` is neither.
 */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim()
  if (/^\d{1,12}$/.test(trimmed)) return Number(trimmed)
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined
  const ms = Date.parse(trimmed)
  return Number.isNaN(ms) ? undefined : epoch(ms)
}

/**
 * A duration from `now` or an absolute time, as epoch seconds (for exp and nbf).
 * Throws ERR_INVALID_DURATION when it is neither.
 */
export function resolveTime(text: string, now: Date, label: string): number {
  const instant = parseInstant(text)
  if (instant !== undefined) return instant
  return epoch(now.getTime()) + durationSeconds(text, label)
}
