/** The app shell: a header with the views, one view at a time. */
import { useState } from 'react'
import { transport } from './api'
import { InspectView } from './inspect/InspectView'

const VIEWS = [{ id: 'inspect', label: 'Inspect' }] as const
type ViewId = (typeof VIEWS)[number]['id']

export function App() {
  const [view, setView] = useState<ViewId>('inspect')
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
      <main className="app-main">{view === 'inspect' && <InspectView />}</main>
    </div>
  )
}
