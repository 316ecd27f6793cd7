/** The time claims of a token: the value as ISO UTC and relative to when it was decoded. */
import type { TokenTime } from '../../../shared/token-types'

export function TimesList({ times, decodedAt }: { times: TokenTime[]; decodedAt: number }) {
  if (times.length === 0) return null
  return (
    <ul className="times" aria-label="Times">
      {times.map((t) => {
        const expired = t.claim === 'exp' && t.value * 1000 <= decodedAt
        return (
          <li key={t.claim} data-time={t.claim} className={expired ? 'expired' : undefined}>
            <code>{t.claim}</code>{' '}
            <span className="time-iso">{t.iso ?? `${t.value} (not a date)`}</span>{' '}
            <span className={expired ? 'time-relative bad' : 'time-relative muted'}>
              {expired && <strong>EXPIRED · </strong>}
              {t.relative}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
