/** The shape every contract call returns: a value or an error with a code, never a throw. */
import type { ErrorPayload } from './errors'

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload }

/** @example ok(3) // { ok: true, value: 3 } */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** @example fail({ code: 'ERR_NO_KEY', message: 'no key' }) */
export function fail<T = never>(error: ErrorPayload): Result<T> {
  return { ok: false, error }
}
