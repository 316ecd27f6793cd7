/**
 * Audit jobs for the app: start returns an id at once, status reports progress or the result,
 * cancel ends the workers. Finished jobs are kept (the newest 32) so a late status call still
 * gets its answer.
 */
import { randomUUID } from 'node:crypto'
import { toErrorPayload, WorkbenchError } from '../../../shared/errors'
import type { AuditRequest, AuditStatus } from '../../../shared/secret-types'
import { parseHmacToken } from './hmac-token'
import { runAudit, type AuditOptions } from './run-audit'

const KEEP_FINISHED = 32

interface Job {
  status: AuditStatus
  controller: AbortController
  done: Promise<void>
}

export interface AuditJobs {
  start(request: AuditRequest): { jobId: string }
  status(jobId: string): AuditStatus
  cancel(jobId: string): Promise<AuditStatus>
  /** Settles when the job has finished (tests and shutdown). */
  settled(jobId: string): Promise<AuditStatus>
}

export function createAuditJobs(options: Pick<AuditOptions, 'workers'> = {}): AuditJobs {
  const jobs = new Map<string, Job>()

  const find = (jobId: string): Job => {
    const job = jobs.get(jobId)
    if (!job) {
      throw new WorkbenchError('ERR_JOB_NOT_FOUND', 'No audit job with that id; start a new one.')
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
    start(request) {
      parseHmacToken(request.token) // refuse a non-HS token now, not in the status
      const jobId = randomUUID()
      const controller = new AbortController()
      const status: AuditStatus = {
        jobId,
        state: 'running',
        progress: { tried: 0, bytesDone: 0, bytesTotal: 0, elapsedMs: 0, rate: 0 },
      }
      const done = runAudit(request, {
        ...options,
        signal: controller.signal,
        onProgress: (p) => (status.progress = p),
      }).then(
        (result) => {
          status.state = 'done'
          status.result = result
        },
        (error: unknown) => {
          const payload = toErrorPayload(error)
          status.state = payload.code === 'ERR_CANCELLED' ? 'cancelled' : 'failed'
          status.error = { code: payload.code, message: payload.message }
        },
      )
      jobs.set(jobId, { status, controller, done })
      prune()
      return { jobId }
    },
    status(jobId) {
      return { ...find(jobId).status }
    },
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
