/** Light or dark: the user's choice, else the OS (prefers-color-scheme), on <html data-theme>. */
import { useEffect, useState } from 'react'
import type { UiState } from '../../../shared/ui-state'

const DARK = '(prefers-color-scheme: dark)'

export function useAppliedTheme(choice: UiState['theme']): 'light' | 'dark' {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(DARK).matches)
  useEffect(() => {
    const query = window.matchMedia(DARK)
    const changed = () => setSystemDark(query.matches)
    query.addEventListener('change', changed)
    return () => query.removeEventListener('change', changed)
  }, [])
  const theme = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme
  }, [theme])
  return theme
}
