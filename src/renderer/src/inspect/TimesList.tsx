/** The time claims of a token: the value as ISO UTC and relative to when it was decoded. */
import type { TokenTime } from '../../../shared/token-types'

export function TimesList({ times, decodedAt }: { times: TokenTime[]; decodedAt: number }) {
  if (times.length === 0) return null
  return (
    <ul className="times" aria-label="Times">
      {times.map((t) => {
        const expired = isExpiry(t, decodedAt)
        return (
          <li key={t.claim} data-time={t.claim} className={expired ? 'expired' : undefined}>
            <code>{t.claim}</code>{' '}
            <span className="time-iso">{t.iso ?? `${t.value} (not a date)`}</span>{' '}
            <span className={expired ? 'time-relative bad' : 'time-relative muted'}>
              {t.relative}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

/** True for an exp claim at or before `at` (ms since the epoch). */
export function isExpiry(time: TokenTime, at: number): boolean {
  return time.claim === 'exp' && time.value * 1000 <= at
}

/** True when the token's exp is at or before `at` (ms since the epoch). */
export function isExpired(times: TokenTime[], at: number): boolean {
  return times.some((t) => isExpiry(t, at))
}
