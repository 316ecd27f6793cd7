/** The time claims of a token: ISO UTC and a live relative time ("expires in 4m 12s", ticking). */
import { describeTime } from '../../../shared/relative-time'
import type { TokenTime } from '../../../shared/token-types'

export function TimesList({ times, now }: { times: TokenTime[]; now: Date }) {
  if (times.length === 0) return null
  return (
    <ul className="times" aria-label="Times">
      {times.map((t) => {
        const expired = isExpiry(t, now.getTime())
        return (
          <li key={t.claim} data-time={t.claim} className={expired ? 'expired' : undefined}>
            <code>{t.claim}</code>{' '}
            <span className="time-iso">{t.iso ?? `${t.value} (not a date)`}</span>{' '}
            <span className={expired ? 'time-relative bad' : 'time-relative muted'}>
              {t.iso === null ? t.relative : describeTime(t.claim, t.value, now)}
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
