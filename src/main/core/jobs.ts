/**
 * Long jobs the app polls (an audit, a scan): start returns an id at once, status reports
 * progress or the outcome, cancel aborts and waits for the end. Finished jobs are kept (the
 * newest 32) so a late status call still gets its answer.
 */
import { randomUUID } from 'node:crypto'
import { toErrorPayload, WorkbenchError } from '../../shared/errors'
import type { JobStatus } from '../../shared/jobs'

const KEEP_FINISHED = 32

export interface Job<S extends JobStatus, E> {
  status: S
  controller: AbortController
  done: Promise<void>
  /** What the job keeps beside its status (an upload's stream, a scan's tokens). */
  extra: E
}

export interface JobRegistry<S extends JobStatus, E> {
  /** Starts `run`; `finish` puts its result into the status. */
  start<R>(
    initial: Omit<S, 'jobId' | 'state'>,
    extra: E,
    run: (signal: AbortSignal, status: S, extra: E) => Promise<R>,
    finish: (status: S, result: R, extra: E) => void,
  ): { jobId: string }
  find(jobId: string): Job<S, E>
  status(jobId: string): S
  cancel(jobId: string): Promise<S>
  /** Settles when the job has ended (tests and shutdown). */
  settled(jobId: string): Promise<S>
}

export function createJobRegistry<S extends JobStatus, E = undefined>(
  kind: string,
): JobRegistry<S, E> {
  const jobs = new Map<string, Job<S, E>>()
  const find = (jobId: string): Job<S, E> => {
    const job = jobs.get(jobId)
    if (!job) {
      throw new WorkbenchError('ERR_JOB_NOT_FOUND', `No ${kind} job with that id; start a new one.`)
    }
    return job
  }
  const prune = () => {
    const finished = [...jobs].filter(([, j]) => j.status.state !== 'running')
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      jobs.delete(id)
    }
  }
  return {
    start(initial, extra, run, finish) {
      const jobId = randomUUID()
      const controller = new AbortController()
      const status = { ...initial, jobId, state: 'running' } as S
      const done = run(controller.signal, status, extra).then(
        (result) => {
          status.state = 'done'
          finish(status, result, extra)
        },
        (error: unknown) => {
          const { code, message } = toErrorPayload(error)
          status.state = code === 'ERR_CANCELLED' ? 'cancelled' : 'failed'
          status.error = { code, message }
        },
      )
      jobs.set(jobId, { status, controller, done, extra })
      prune()
      return { jobId }
    },
    find,
    status: (jobId) => ({ ...find(jobId).status }),
    async cancel(jobId) {
      const job = find(jobId)
      job.controller.abort()
      await job.done
      return { ...job.status }
    },
    async settled(jobId) {
      const job = find(jobId)
      await job.done
      return { ...job.status }
    },
  }
}
