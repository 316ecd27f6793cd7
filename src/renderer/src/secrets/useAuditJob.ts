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

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      clearTimeout(timer.current)
      if (job.current) void api['audit.cancel'](job.current)
      job.current = null
    }
  }, [])

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
      clearTimeout(timer.current)
      if (job.current) void api['audit.cancel'](job.current)
      job.current = null
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
    [poll],
  )

  const cancel = useCallback(async () => {
    const jobId = job.current
    if (!jobId) return
    clearTimeout(timer.current)
    job.current = null
    const r = await api['audit.cancel'](jobId)
    if (!mounted.current) return
    if (r.ok) setStatus(r.value)
    else setError(r.error)
  }, [])

  return { status, error, starting, start, cancel }
}
