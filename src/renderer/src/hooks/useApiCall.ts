/** Runs a contract call and keeps its result, error and pending state for a view. */
import { useCallback, useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import type { Result } from '../../../shared/result'

export interface ApiCallState<T> {
  value: T | null
  error: ErrorPayload | null
  pending: boolean
}

export function useApiCall<A extends unknown[], T>(call: (...args: A) => Promise<Result<T>>) {
  const [state, setState] = useState<ApiCallState<T>>({ value: null, error: null, pending: false })
  const run = useCallback(
    async (...args: A): Promise<Result<T>> => {
      setState((s) => ({ ...s, pending: true }))
      const result = await call(...args)
      setState(
        result.ok
          ? { value: result.value, error: null, pending: false }
          : { value: null, error: result.error, pending: false },
      )
      return result
    },
    [call],
  )
  const reset = useCallback(() => setState({ value: null, error: null, pending: false }), [])
  return { ...state, run, reset }
}
