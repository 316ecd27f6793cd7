/**
 * One weak-secret audit at a time: start it, poll its status every 200 ms while it runs,
 * cancel it. Polling stops on unmount, and a job still running then is cancelled (nothing
 * would show its result).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import type { AuditRequest, AuditStatus } from '../../../shared/secret-types'
import { api } from '../api'

export const AUDIT_POLL_MS = 200

export function useAuditJob() {
  const [status, setStatus] = useState<AuditStatus | null>(null)
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [starting, setStarting] = useState(false)
  const job = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const mounted = useRef(false)

  /** Stops polling and forgets the current job; returns its id for the caller to cancel. */
  const stopJob = useCallback((): string | null => {
    clearTimeout(timer.current)
    const jobId = job.current
    job.current = null
    return jobId
  }, [])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      const jobId = stopJob()
      if (jobId) void api['audit.cancel'](jobId)
    }
  }, [stopJob])

  const poll = useCallback((jobId: string) => {
    const tick = () => {
      timer.current = setTimeout(() => {
        void api['audit.status'](jobId).then((r) => {
          if (!mounted.current || job.current !== jobId) return
          if (!r.ok) {
            job.current = null
            setError(r.error)
            return
          }
          setStatus(r.value)
          if (r.value.state === 'running') tick()
          else job.current = null
        })
      }, AUDIT_POLL_MS)
    }
    tick()
  }, [])

  const start = useCallback(
    async (request: AuditRequest) => {
      const previous = stopJob()
      if (previous) void api['audit.cancel'](previous)
      setError(null)
      setStatus(null)
      setStarting(true)
      const r = await api['audit.start'](request)
      if (!mounted.current) {
        if (r.ok) void api['audit.cancel'](r.value.jobId)
        return
      }
      setStarting(false)
      if (!r.ok) {
        setError(r.error)
        return
      }
      job.current = r.value.jobId
      setStatus({
        jobId: r.value.jobId,
        state: 'running',
        progress: { tried: 0, bytesDone: 0, bytesTotal: 0, elapsedMs: 0, rate: 0 },
      })
      poll(r.value.jobId)
    },
    [poll, stopJob],
  )

  const cancel = useCallback(async () => {
    const jobId = stopJob()
    if (!jobId) return
    const r = await api['audit.cancel'](jobId)
    if (!mounted.current) return
    if (r.ok) setStatus(r.value)
    else setError(r.error)
  }, [stopJob])

  return { status, error, starting, start, cancel }
}
