/**
 * How long a fetched document is used without asking again: Cache-Control max-age, bounded to
 * 60 s ... 24 h; absent, no-cache or no-store -> 10 minutes (some identity providers send
 * no-cache, and a verifier that then asks on every token hammers them).
 */
export const CACHE_RULES = {
  minSeconds: 60,
  maxSeconds: 24 * 3600,
  defaultSeconds: 600,
  /** After an unknown kid made a refetch, the next such refetch waits this long. */
  unknownKidCooldownSeconds: 30,
  /** A copy older than this is not used when the server cannot be reached (default 7 days). */
  defaultMaxStaleSeconds: 7 * 24 * 3600,
} as const

/** The freshness lifetime for a Cache-Control header value. */
export function freshnessSeconds(cacheControl: string | undefined): number {
  if (cacheControl === undefined) return CACHE_RULES.defaultSeconds
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim())
  if (directives.some((d) => d === 'no-cache' || d === 'no-store'))
    return CACHE_RULES.defaultSeconds
  const maxAge = directives.find((d) => d.startsWith('max-age='))
  const seconds = maxAge === undefined ? NaN : Number(maxAge.slice('max-age='.length))
  if (!Number.isFinite(seconds)) return CACHE_RULES.defaultSeconds
  return Math.min(CACHE_RULES.maxSeconds, Math.max(CACHE_RULES.minSeconds, Math.floor(seconds)))
}
