/** The app shell: a header with the views, one view at a time. */
import { useState } from 'react'
import { transport } from './api'
import { InspectView } from './inspect/InspectView'
import { MintView } from './mint/MintView'
import { EMPTY_MINT_FORM, formFromToken } from './mint/mint-form'
import { VerifyView } from './verify/VerifyView'
import { EMPTY_VERIFY_FORM } from './verify/verify-form'
import { KeysView } from './keys/KeysView'
import { SecretsView } from './secrets/SecretsView'
import { SignInNotice } from './SignInNotice'

const VIEWS = [
  { id: 'inspect', label: 'Inspect' },
  { id: 'mint', label: 'Mint' },
  { id: 'verify', label: 'Verify' },
  { id: 'keys', label: 'Keys' },
  { id: 'secrets', label: 'Secrets' },
] as const
type ViewId = (typeof VIEWS)[number]['id']

export function App() {
  const [view, setView] = useState<ViewId>('inspect')
  // The Mint and Verify forms live here so they survive switching views and Inspect can fill them.
  const [mintForm, setMintForm] = useState(EMPTY_MINT_FORM)
  const [verifyForm, setVerifyForm] = useState(EMPTY_VERIFY_FORM)
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">JWT Workbench</h1>
        <nav className="tabs" role="tablist" aria-label="Views">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              role="tab"
              aria-selected={view === v.id}
              className={view === v.id ? 'tab active' : 'tab'}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
        <span className="transport" title="How this UI talks to the services">
          {transport === 'electron' ? 'desktop' : 'browser mode'}
        </span>
      </header>
      <SignInNotice />
      <main className="app-main">
        {view === 'inspect' && (
          <InspectView
            onVerifyToken={(token) => {
              setVerifyForm((f) => ({ ...f, token }))
              setView('verify')
            }}
            onEditToken={(header, payload) => {
              setMintForm((f) => formFromToken(f, header, payload))
              setView('mint')
            }}
          />
        )}
        {view === 'mint' && <MintView form={mintForm} onFormChange={setMintForm} />}
        {view === 'verify' && <VerifyView form={verifyForm} onFormChange={setVerifyForm} />}
        {view === 'keys' && <KeysView />}
        {view === 'secrets' && <SecretsView />}
      </main>
    </div>
  )
}
