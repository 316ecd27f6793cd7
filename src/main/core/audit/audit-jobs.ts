/** Audit jobs for the app (see jobs.ts): the weak-secret audit on worker threads, polled. */
import type { AuditRequest, AuditStatus } from '../../../shared/secret-types'
import { createJobRegistry } from '../jobs'
import { parseHmacToken } from './hmac-token'
import { runAudit, type AuditOptions } from './run-audit'

export interface AuditJobs {
  start(request: AuditRequest): { jobId: string }
  status(jobId: string): AuditStatus
  cancel(jobId: string): Promise<AuditStatus>
  /** Settles when the job has finished (tests and shutdown). */
  settled(jobId: string): Promise<AuditStatus>
}

export function createAuditJobs(options: Pick<AuditOptions, 'workers'> = {}): AuditJobs {
  const jobs = createJobRegistry<AuditStatus>('audit')
  return {
    start(request) {
      parseHmacToken(request.token) // refuse a non-HS token now, not in the status
      return jobs.start(
        { progress: { tried: 0, bytesDone: 0, bytesTotal: 0, elapsedMs: 0, rate: 0 } },
        undefined,
        (signal, status) =>
          runAudit(request, { ...options, signal, onProgress: (p) => (status.progress = p) }),
        (status, result) => (status.result = result),
      )
    },
    status: jobs.status,
    cancel: jobs.cancel,
    settled: jobs.settled,
  }
}
