/**
 * Which JWS and JWE algorithms this runtime's crypto can do (main probes them once; the desktop
 * app's BoringSSL lacks some that Node has). Pickers grey out the rest. Until the answer comes,
 * everything counts as available: main refuses the rest with ERR_ALG_NOT_AVAILABLE anyway.
 */
import { useEffect, useState } from 'react'
import type { RuntimeAlgorithms } from '../../../shared/jwe-algorithms'
import { api } from '../api'

let loaded: Promise<RuntimeAlgorithms | null> | undefined

export function useRuntimeAlgorithms(): (alg: string) => boolean {
  const [known, setKnown] = useState<RuntimeAlgorithms | null>(null)
  useEffect(() => {
    let live = true
    loaded ??= api['runtime.algorithms']().then((r) => (r.ok ? r.value : null))
    void loaded.then((value) => live && setKnown(value))
    return () => {
      live = false
    }
  }, [])
  return (alg) => {
    if (known === null) return true
    const table = { ...known.jws, ...known.jweAlg, ...known.jweEnc } as Record<string, boolean>
    return table[alg] !== false
  }
}
