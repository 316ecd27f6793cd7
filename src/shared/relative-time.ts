/**
 * Token times as people read them: ISO UTC and relative to now ("expires in 4m 12s",
 * "expired 3h ago"). Pure, so the renderer and the CLI say the same thing.
 */

/** The claims whose values are NumericDate (seconds since the epoch). */
export const TIME_CLAIMS = ['iat', 'nbf', 'exp', 'auth_time', 'updated_at'] as const
export type TimeClaim = (typeof TIME_CLAIMS)[number]

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 86_400],
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
]

/**
 * A duration in its two largest units, rounded down to the second.
 *
 * @example
 * formatDuration(252) // '4m 12s'
 * formatDuration(10_800) // '3h'
 * formatDuration(0) // '0s'
 */
export function formatDuration(seconds: number): string {
  const total = Math.floor(Math.abs(seconds))
  if (!Number.isFinite(total)) return 'forever'
  const i = UNITS.findIndex(([, size]) => total >= size)
  if (i === -1) return '0s'
  const [unit, size] = UNITS[i]!
  const n = Math.floor(total / size)
  const next = UNITS[i + 1]
  // The next unit is shown only when it is not zero.
  const m = next ? Math.floor((total - n * size) / next[1]) : 0
  return m > 0 ? `${n}${unit} ${m}${next![0]}` : `${n}${unit}`
}

/**
 * `seconds` (since the epoch) as ISO 8601 UTC without milliseconds, or null when it is not a
 * date JavaScript can represent.
 *
 * @example
 * isoUtc(1_700_000_000) // '2023-11-14T22:13:20Z'
 */
export function isoUtc(seconds: number): string | null {
  if (!Number.isFinite(seconds)) return null
  const date = new Date(seconds * 1000)
  if (Number.isNaN(date.getTime())) return null
  const iso = date.toISOString()
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso
}

const PHRASES: Record<TimeClaim, { past: string; future: string }> = {
  exp: { past: 'expired {} ago', future: 'expires in {}' },
  nbf: { past: 'valid since {} ago', future: 'not valid for another {}' },
  iat: { past: 'issued {} ago', future: 'issued {} in the future' },
  auth_time: { past: 'authenticated {} ago', future: 'authenticated {} in the future' },
  updated_at: { past: 'updated {} ago', future: 'updated {} in the future' },
}

/**
 * What a time claim means relative to `now`.
 *
 * @example
 * describeTime('exp', 1_700_000_252, new Date(1_700_000_000_000)) // 'expires in 4m 12s'
 * describeTime('exp', 1_699_989_200, new Date(1_700_000_000_000)) // 'expired 3h ago'
 */
export function describeTime(claim: TimeClaim, seconds: number, now: Date): string {
  const delta = seconds - now.getTime() / 1000
  const phrase = PHRASES[claim]
  if (claim === 'exp' && delta <= 0 && delta > -1) return 'expires now'
  const template = delta > 0 ? phrase.future : phrase.past
  return template.replace('{}', formatDuration(delta))
}

/**
 * An instant as people read it everywhere (CLI and UI): ISO 8601 UTC with seconds, and how
 * far from now.
 *
 * @example
 * describeInstant(1_700_000_000, new Date(1_700_000_252_000)) // '2023-11-14T22:13:20Z (4m 12s ago)'
 */
export function describeInstant(seconds: number, now: Date): string {
  const iso = isoUtc(seconds)
  if (iso === null) return String(seconds)
  const delta = seconds - now.getTime() / 1000
  if (Math.abs(delta) < 1) return `${iso} (now)`
  return delta > 0
    ? `${iso} (in ${formatDuration(delta)})`
    : `${iso} (${formatDuration(delta)} ago)`
}
