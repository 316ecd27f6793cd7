/**
 * The one shape of a long job the UI polls (a weak-secret audit, a log scan): start returns an
 * id at once; status reports the state, the progress and, once ended, the result or the error;
 * cancel ends it. Each kind adds its own progress and result.
 */
import type { ErrorPayload } from './errors'

export const JOB_STATES = ['running', 'done', 'cancelled', 'failed'] as const
export type JobState = (typeof JOB_STATES)[number]

/** What every job's status has. */
export interface JobStatus<P = unknown> {
  jobId: string
  state: JobState
  progress: P
  error?: Pick<ErrorPayload, 'code' | 'message'>
}

/** How often the UI asks a running job for its status. */
export const JOB_POLL_MS = 200
