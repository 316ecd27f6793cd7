/** The stored keys (metadata only), loaded when a view needs them and reloadable on demand. */
import { useEffect } from 'react'
import { api } from '../api'
import { useApiCall } from './useApiCall'

export function useStoredKeys(enabled: boolean) {
  const keys = useApiCall(api['keys.list'])
  const { run } = keys
  useEffect(() => {
    if (enabled) void run()
  }, [enabled, run])
  return keys
}
