/**
 * A result shown beside the form it answered: once the form changes it is marked out of date
 * (dimmed, with why) and offers to run again, so an old answer is never taken for the current one.
 */
import type { ReactNode } from 'react'

interface Props {
  stale: boolean
  /** What changed: "the form changed after this token was minted". */
  why: string
  againLabel: string
  onAgain: () => void
  children: ReactNode
}

export function AnsweredResult({ stale, why, againLabel, onAgain, children }: Props) {
  return (
    <>
      {stale && (
        <p className="warn stale-result" role="status">
          Out of date: {why}{' '}
          <button type="button" className="secondary" onClick={onAgain}>
            {againLabel}
          </button>
        </p>
      )}
      <div className={stale ? 'stale' : undefined} aria-disabled={stale || undefined}>
        {children}
      </div>
    </>
  )
}
