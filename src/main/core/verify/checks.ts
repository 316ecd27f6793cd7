/** The list a verification writes its checks into, in the order they run. */
import type { ErrorCode } from '../../../shared/errors'
import type { CheckId, VerifyCheck } from '../../../shared/verify-types'

export interface CheckList {
  readonly checks: VerifyCheck[]
  pass(id: CheckId, message: string): void
  fail(id: CheckId, code: ErrorCode, message: string): void
  /** Failed because the keys given cannot judge the token (they are not its issuer's). */
  cannotJudge(id: CheckId, code: ErrorCode, message: string): void
  /** A check that could not run; the token is then invalid, never valid by omission. */
  notRun(id: CheckId, message: string): void
}

export function checkList(): CheckList {
  const checks: VerifyCheck[] = []
  return {
    checks,
    pass: (id, message) => void checks.push({ id, ok: true, message }),
    fail: (id, code, message) => void checks.push({ id, ok: false, code, message }),
    cannotJudge: (id, code, message) =>
      void checks.push({ id, ok: false, code, message, unverifiable: true }),
    notRun: (id, message) => void checks.push({ id, ok: false, skipped: true, message }),
  }
}

/** A value for a message, short. */
export function show(value: unknown): string {
  return (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))).slice(
    0,
    120,
  )
}
