/**
 * One long job at a time (an audit, a scan): start it, poll its status every JOB_POLL_MS while
 * it runs, cancel it. Polling stops on unmount, and a job still running then is cancelled
 * (nothing would show its result). The one polling loop of the renderer.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import { JOB_POLL_MS, type JobStatus } from '../../../shared/jobs'
import type { Result } from '../../../shared/result'

export interface JobMethods<Q, S extends JobStatus> {
  start: (request: Q) => Promise<Result<{ jobId: string }>>
  status: (jobId: string) => Promise<Result<S>>
  cancel: (jobId: string) => Promise<Result<S>>
}

export function useJob<Q, S extends JobStatus>(methods: JobMethods<Q, S>) {
  const [status, setStatus] = useState<S | null>(null)
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [starting, setStarting] = useState(false)
  const job = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const mounted = useRef(false)
  const { start: startJob, status: jobStatus, cancel: cancelJob } = methods

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
      if (jobId) void cancelJob(jobId)
    }
  }, [stopJob, cancelJob])

  const poll = useCallback(
    (jobId: string) => {
      const tick = () => {
        timer.current = setTimeout(() => {
          void jobStatus(jobId).then((r) => {
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
        }, JOB_POLL_MS)
      }
      tick()
    },
    [jobStatus],
  )

  /** Starts a job (cancelling one still running); `initial` is shown until the first poll. */
  const start = useCallback(
    async (request: Q, initial: S['progress']): Promise<string | null> => {
      const previous = stopJob()
      if (previous) void cancelJob(previous)
      setError(null)
      setStatus(null)
      setStarting(true)
      const r = await startJob(request)
      if (!mounted.current) {
        if (r.ok) void cancelJob(r.value.jobId)
        return null
      }
      setStarting(false)
      if (!r.ok) {
        setError(r.error)
        return null
      }
      job.current = r.value.jobId
      setStatus({ jobId: r.value.jobId, state: 'running', progress: initial } as S)
      poll(r.value.jobId)
      return r.value.jobId
    },
    [poll, stopJob, startJob, cancelJob],
  )

  const cancel = useCallback(async () => {
    const jobId = stopJob()
    if (!jobId) return
    const r = await cancelJob(jobId)
    if (!mounted.current) return
    if (r.ok) setStatus(r.value)
    else setError(r.error)
  }, [stopJob, cancelJob])

  return { status, error, setError, starting, start, cancel }
}
