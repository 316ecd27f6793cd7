/** Verify options as checks use them: durations and the "as of" time parsed once. */
import { WorkbenchError } from '../../../shared/errors'
import type { VerifyOptions } from '../../../shared/request-schemas'
import { durationSeconds, parseInstant } from '../duration'

/** What the caller asks, and what the key source implies (see key-resolution). */
export type VerifyExpectations = VerifyOptions & { audienceUnset?: string }

/** Options after parsing: numbers instead of durations and times. */
export interface PreparedOptions extends VerifyExpectations {
  toleranceSeconds: number
  nowSeconds: number
  /** The same instant as a Date, for lint. */
  now: Date
  maxAgeSeconds?: number
}

/** Parses durations and the "as of" time once; invalid ones throw ERR_INVALID_DURATION. */
export function prepareOptions(options: VerifyExpectations, now: Date): PreparedOptions {
  let nowMs = now.getTime()
  if (options.at !== undefined) {
    const at = parseInstant(options.at)
    if (at === undefined) {
      throw new WorkbenchError(
        'ERR_INVALID_ARGUMENT',
        `Invalid time "${options.at.slice(0, 40)}": use ISO 8601 (2026-11-22T10:00:00Z) or epoch seconds.`,
      )
    }
    nowMs = at * 1000
  }
  const tolerance = options.clockTolerance
  const toleranceSeconds =
    typeof tolerance === 'number'
      ? tolerance
      : tolerance === undefined
        ? 0
        : durationSeconds(tolerance, 'clock tolerance')
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new WorkbenchError('ERR_INVALID_DURATION', 'The clock tolerance must not be negative.')
  }
  const nowSeconds = Math.floor(nowMs / 1000)
  const prepared: PreparedOptions = {
    ...options,
    toleranceSeconds,
    nowSeconds,
    now: new Date(nowSeconds * 1000),
  }
  if (options.maxAge !== undefined) {
    prepared.maxAgeSeconds = durationSeconds(options.maxAge, 'maximum age')
    if (prepared.maxAgeSeconds <= 0) {
      throw new WorkbenchError('ERR_INVALID_DURATION', 'The maximum age must be positive.')
    }
  }
  return prepared
}

/** True when the caller asked for a check on the claims. */
export function asksForClaims(o: PreparedOptions): boolean {
  return (
    o.issuer !== undefined ||
    o.audience !== undefined ||
    o.subject !== undefined ||
    o.maxAgeSeconds !== undefined ||
    (o.require?.length ?? 0) > 0
  )
}
