/** Opens text (a saved token, a history entry) in Inspect from anywhere in the views. */
import { createContext, useContext } from 'react'

export const InspectHandoff = createContext<((text: string) => void) | null>(null)

/** The shell's "open in Inspect", or null outside the shell (tests of a lone view). */
export function useInspectHandoff(): ((text: string) => void) | null {
  return useContext(InspectHandoff)
}
