/**
 * Runs `run` on `input` once it has stopped changing for `ms`, and keeps the answer with the
 * input it belongs to, so an answer for an older input is never taken for the current one.
 * `input` must keep its identity between renders while it means the same (a memo); null runs
 * nothing. Used where typing drives a check: secret strength, Mint's preview, a trusted
 * issuer's verdict.
 */
import { useEffect, useRef, useState } from 'react'

export interface Settled<I, R> {
  input: I
  result: R
}

export function useSettled<I, R>(
  input: I | null,
  ms: number,
  run: (input: I) => Promise<R>,
): Settled<I, R> | null {
  const [done, setDone] = useState<Settled<I, R> | null>(null)
  const latest = useRef(run)
  useEffect(() => {
    latest.current = run
  })
  useEffect(() => {
    if (input === null) return
    let current = true
    const timer = setTimeout(() => {
      void latest.current(input).then((result) => {
        if (current) setDone({ input, result })
      })
    }, ms)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [input, ms])
  return done
}
