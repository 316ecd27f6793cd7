/**
 * The app shell: the sidebar of views, the open view (loaded when first opened), the command
 * palette, shortcuts and menu commands, drop-anywhere, toasts. The Inspect text and the Mint and
 * Verify forms live here so they survive switching views and hand-offs can fill them.
 */
import { Suspense, useEffect, useRef, useState } from 'react'
import { VIEW_COMMANDS } from '../../shared/app-commands'
import type { ViewId } from '../../shared/ui-state'
import { api, transport } from './api'
import { InspectView } from './inspect/InspectView'
import { EMPTY_MINT_FORM, formFromToken } from './mint/mint-form'
import {
  EMPTY_VERIFY_FORM,
  keySourceForToken,
  type KnownKeys,
  type VerifyForm,
} from './verify/verify-form'
import { decodeToken } from '../../shared/token-decode'
import { useLoadedCall } from './hooks/useLoadedCall'
import { CommandPalette } from './shell/CommandPalette'
import { HistoryDialog } from './shell/HistoryDialog'
import { useCommand, useShortcuts } from './shell/command-bus'
import { routeDroppedFile, type Dropped } from './shell/dropped-file'
import { Sidebar } from './shell/Sidebar'
import { useAppliedTheme } from './shell/theme'
import { useToast } from './shell/Toasts'
import { lazyView } from './shell/lazy-view'
import { useUiState } from './shell/ui-state'
import { SignInNotice } from './SignInNotice'
import { InspectHandoff } from './shell/inspect-handoff'

const views = {
  mint: lazyView(() => import('./mint/MintView').then((m) => m.MintView)),
  verify: lazyView(() => import('./verify/VerifyView').then((m) => m.VerifyView)),
  keys: lazyView(() => import('./keys/KeysView').then((m) => m.KeysView)),
  jwks: lazyView(() => import('./jwks/JwksView').then((m) => m.JwksView)),
  secrets: lazyView(() => import('./secrets/SecretsView').then((m) => m.SecretsView)),
  scan: lazyView(() => import('./scan/ScanView').then((m) => m.ScanView)),
  tokens: lazyView(() => import('./tokens/TokensView').then((m) => m.TokensView)),
}
const MintView = views.mint.View
const VerifyView = views.verify.View
const KeysView = views.keys.View
const JwksView = views.jwks.View
const SecretsView = views.secrets.View
const ScanView = views.scan.View
const TokensView = views.tokens.View
/** How long after start the other views are fetched, so Inspect is interactive first. */
const PRELOAD_AFTER_MS = 1500

export function App() {
  const { state, loaded, update } = useUiState()
  const [view, setView] = useState<ViewId>('inspect')
  const theme = useAppliedTheme(state.theme)
  const toast = useToast()
  const [paletteOpen, setPaletteOpen] = useState(false)
  const [historyOpen, setHistoryOpen] = useState(false)
  const [inspectText, setInspectText] = useState('')
  const [compare, setCompare] = useState(false)
  const [mintForm, setMintForm] = useState(EMPTY_MINT_FORM)
  const [verifyForm, setVerifyForm] = useState(EMPTY_VERIFY_FORM)
  const trusted = useLoadedCall(api['issuers.list']).value
  /**
   * Verify opens on the token with the key source that fits it (never fetching anything from
   * the network). A stored key whose kid matches is found in the keys' list (local metadata)
   * a moment later, and applied while the form still holds this token.
   */
  const verifyToken = (token: string) => {
    const { header, payload } = decodeToken(token, new Date(), { display: false })
    const trustedIssuers = (trusted ?? []).map((i) => i.issuer)
    const fit = (f: VerifyForm, storedKeys: KnownKeys['storedKeys']) =>
      keySourceForToken(f.key, header, payload, { trustedIssuers, storedKeys })
    setVerifyForm((f) => ({ ...f, token, key: fit(f, []) }))
    open('verify')
    void api['keys.list']().then((listed) => {
      if (!listed.ok) return
      const storedKeys = listed.value.filter((k) => k.use === 'sig')
      setVerifyForm((f) => (f.token === token ? { ...f, key: fit(f, storedKeys) } : f))
    })
  }
  const [dropped, setDropped] = useState<Dropped | null>(null)
  const [scanPaths, setScanPaths] = useState<string[] | null>(null)
  const restored = useRef(false)
  useShortcuts()

  useEffect(() => {
    const timer = setTimeout(() => {
      for (const view of Object.values(views)) void view.preload()
    }, PRELOAD_AFTER_MS)
    return () => clearTimeout(timer)
  }, [])

  // The view open at the last session comes back once the stored state is read.
  useEffect(() => {
    if (!loaded || restored.current) return
    restored.current = true
    setView(state.view)
  }, [loaded, state.view])

  const open = (next: ViewId) => {
    // A view chosen before the stored state arrives is not taken back.
    restored.current = true
    setView(next)
    update({ view: next })
  }
  const inspect = (text: string) => {
    setInspectText(text)
    open('inspect')
  }

  useCommand((id) => {
    const target = VIEW_COMMANDS.find((c) => c.id === id)
    if (target) return open(target.view)
    switch (id) {
      case 'palette.open':
        return setPaletteOpen(true)
      case 'theme.toggle':
        return update({ theme: theme === 'dark' ? 'light' : 'dark' })
      case 'sidebar.toggle':
        return update({ sidebarCollapsed: !state.sidebarCollapsed })
      case 'inspect.compare':
        setCompare(true)
        return open('inspect')
      case 'history.show':
        return setHistoryOpen(true)
      case 'history.toggle':
        update({ history: !state.history })
        return toast(
          state.history
            ? 'History is off: nothing more is kept.'
            : 'History is on: tokens are kept without their signature.',
        )
      case 'file.open':
        if (transport === 'electron') {
          void api['files.pick']().then((picked) => {
            if (picked.ok && picked.value.length > 0) {
              setScanPaths(picked.value)
              open('scan')
            }
          })
        } else open('scan')
        return
    }
  })

  // Drop a file anywhere: a key goes to Keys, a token to Inspect, a log to Scan.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault()
    }
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0]
      if (!file) return
      e.preventDefault()
      void routeDroppedFile(file).then((routed) => {
        if (routed.kind === 'error') return toast(routed.message, 'error')
        if (routed.kind === 'token') return inspect(routed.text)
        setDropped(routed)
        open(routed.kind === 'key' ? 'keys' : 'scan')
      })
    }
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  })

  const label = VIEW_COMMANDS.find((c) => c.view === view)!.label
  return (
    <div className={state.sidebarCollapsed ? 'app sidebar-collapsed' : 'app'}>
      <Sidebar view={view} theme={theme} />
      <main className="app-main" id="view-panel" role="tabpanel" aria-labelledby={`tab-${view}`}>
        <h1 className="visually-hidden">{label}</h1>
        <SignInNotice />
        {/* One boundary per view: switching never keeps the old view on screen while the new one loads. */}
        <InspectHandoff.Provider value={inspect}>
          <Suspense key={view} fallback={<p className="muted">Loading {label}…</p>}>
            {view === 'inspect' && (
              <InspectView
                text={inspectText}
                onTextChange={setInspectText}
                compare={compare}
                onCompareChange={setCompare}
                onVerifyToken={verifyToken}
                onEditToken={(header, payload) => {
                  setMintForm((f) => formFromToken(f, header, payload))
                  open('mint')
                }}
              />
            )}
            {view === 'mint' && (
              <MintView form={mintForm} onFormChange={setMintForm} onVerifyToken={verifyToken} />
            )}
            {view === 'verify' && <VerifyView form={verifyForm} onFormChange={setVerifyForm} />}
            {view === 'keys' && (
              <KeysView importText={dropped?.kind === 'key' ? dropped.text : undefined} />
            )}
            {view === 'jwks' && <JwksView />}
            {view === 'tokens' && <TokensView onVerifyToken={verifyToken} />}
            {view === 'secrets' && <SecretsView />}
            {view === 'scan' && (
              <ScanView
                key={`${scanPaths?.join('|') ?? ''}:${dropped?.kind === 'log' ? dropped.file.name : ''}`}
                paths={scanPaths}
                upload={dropped?.kind === 'log' ? dropped.file : undefined}
                onInspect={inspect}
              />
            )}
          </Suspense>
        </InspectHandoff.Provider>
      </main>
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} onInspect={inspect} />
      <HistoryDialog open={historyOpen} onClose={() => setHistoryOpen(false)} onInspect={inspect} />
    </div>
  )
}
