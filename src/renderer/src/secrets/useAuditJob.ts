/** The weak-secret audit as a job (see hooks/useJob). */
import type { AuditProgress } from '../../../shared/secret-types'
import { api } from '../api'
import { useJob } from '../hooks/useJob'

const AUDIT_JOB = {
  start: api['audit.start'],
  status: api['audit.status'],
  cancel: api['audit.cancel'],
}
export const AUDIT_START: AuditProgress = {
  tried: 0,
  bytesDone: 0,
  bytesTotal: 0,
  elapsedMs: 0,
  rate: 0,
}

export function useAuditJob() {
  return useJob(AUDIT_JOB)
}
