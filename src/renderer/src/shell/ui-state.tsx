/**
 * The UI's working state (theme, sidebar, view, pane sizes, Mint's choices, history switch),
 * read from main at start and written back through the contract on each change. Nothing here
 * is a token or a secret, and nothing is written to browser storage.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { DEFAULT_UI_STATE, type UiState, type UiStatePatch } from '../../../shared/ui-state'
import { api } from '../api'

interface UiStateValue {
  state: UiState
  /** True once the stored state has been read. */
  loaded: boolean
  update(patch: UiStatePatch): void
}

const UiStateContext = createContext<UiStateValue>({
  state: DEFAULT_UI_STATE,
  loaded: false,
  update: () => undefined,
})

export function UiStateProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<UiState>(DEFAULT_UI_STATE)
  const [loaded, setLoaded] = useState(false)
  // Changes made before the stored state arrives win over it.
  const early = useRef<UiStatePatch>({})
  const isLoaded = useRef(false)
  useEffect(() => {
    void api['preferences.ui']().then((result) => {
      isLoaded.current = true
      if (result.ok) setState({ ...result.value, ...early.current })
      setLoaded(true)
    })
  }, [])
  const update = useCallback((patch: UiStatePatch) => {
    if (!isLoaded.current) early.current = { ...early.current, ...patch }
    setState((current) => ({ ...current, ...patch }))
    void api['preferences.setUi'](patch)
  }, [])
  const value = useMemo(() => ({ state, loaded, update }), [state, loaded, update])
  return <UiStateContext.Provider value={value}>{children}</UiStateContext.Provider>
}

export function useUiState(): UiStateValue {
  return useContext(UiStateContext)
}
