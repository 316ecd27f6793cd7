/** A contract call that loads what a view shows when it mounts; `refresh` loads it again. */
import { useCallback, useEffect } from 'react'
import type { Result } from '../../../shared/result'
import { useApiCall } from './useApiCall'

export function useLoadedCall<T>(call: () => Promise<Result<T>>) {
  const loaded = useApiCall(call)
  const { run } = loaded
  const refresh = useCallback(() => void run(), [run])
  useEffect(refresh, [refresh])
  return { ...loaded, refresh }
}
