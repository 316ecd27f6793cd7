/**
 * History (opt-in): the switch, the kept entries (tokens without their signature, so none can be
 * replayed) searchable by subject, issuer, view or verdict, each openable in Inspect, and Clear
 * all after a confirmation. A native modal dialog: Esc closes it and focus stays inside.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { HistoryEntry } from '../../../shared/ui-state'
import { api } from '../api'
import { ConfirmButton } from '../components/ConfirmButton'
import { useApiCall } from '../hooks/useApiCall'
import { ErrorBanner } from '../ErrorBanner'
import { displayTime } from '../components/display-time'
import { useUiState } from './ui-state'

interface Props {
  open: boolean
  onClose(): void
  onInspect(token: string): void
}

const searchable = (e: HistoryEntry) =>
  [e.view, e.sub, e.iss, e.verdict, displayTime(e.at)].filter(Boolean).join(' ').toLowerCase()

export function HistoryDialog({ open, onClose, onInspect }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const { state, update } = useUiState()
  const listed = useApiCall(api['history.list'])
  const cleared = useApiCall(api['history.clear'])
  const [query, setQuery] = useState('')
  const { run } = listed

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) {
      element.showModal()
      void run()
    } else if (!open && element.open) element.close()
  }, [open, run])

  const entries = listed.value
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    // Newest first.
    return [...(entries ?? [])]
      .reverse()
      .filter((e) => words.every((w) => searchable(e).includes(w)))
  }, [entries, query])

  return (
    <dialog
      ref={dialog}
      className="history-dialog"
      aria-labelledby="history-heading"
      onClose={onClose}
    >
      <div className="history-head">
        <h2 id="history-heading">History</h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={state.history}
          onChange={(e) => update({ history: e.target.checked })}
        />
        Keep the tokens I inspect, mint and verify (without their signature, in the settings file)
      </label>
      <input
        type="search"
        className="history-search"
        aria-label="Search history"
        placeholder="Search by subject, issuer, view or verdict"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {listed.error && <ErrorBanner error={listed.error} />}
      {cleared.error && <ErrorBanner error={cleared.error} />}
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">
          {state.history
            ? 'Nothing kept yet.'
            : 'History is off: nothing is kept. Turn it on above to keep what you work on.'}
        </p>
      ) : (
        <>
          <p className="muted" role="status">
            {shown.length === entries.length
              ? `${entries.length} entries, newest first.`
              : `${shown.length} of ${entries.length} entries match.`}
          </p>
          <ul className="history-list" aria-label="History entries">
            {shown.map((e) => (
              <li key={`${e.at}|${e.token}`}>
                <div>
                  <strong>{e.sub ?? '(no sub)'}</strong> <span className="badge">{e.view}</span>{' '}
                  {e.verdict && <span className="history-verdict">{e.verdict}</span>}
                  <div className="muted">
                    {e.iss ?? '(no iss)'} · <span title={e.at}>{displayTime(e.at)}</span>
                  </div>
                </div>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    onInspect(e.token)
                    onClose()
                  }}
                >
                  Open in Inspect
                </button>
              </li>
            ))}
          </ul>
          <ConfirmButton
            label="Clear all…"
            prompt={`Delete all ${entries.length} history entries? This cannot be undone.`}
            confirmLabel="Clear history"
            danger
            onConfirm={() => void cleared.run().then(() => run())}
          />
        </>
      )}
    </dialog>
  )
}
