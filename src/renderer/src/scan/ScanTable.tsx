/**
 * The unique tokens of a scan: sortable by any column, filtered by text and state, virtualized
 * (only the rows in view are drawn, so 100,000 rows scroll smoothly). A row opens its token in
 * Inspect.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react'
import type { ScanRow } from '../../../shared/scan-types'
import { LongValue } from '../components/LongValue'

type SortKey = 'count' | 'iss' | 'sub' | 'kid' | 'alg' | 'state' | 'verification' | 'firstLine'
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'count', label: 'Seen' },
  { key: 'iss', label: 'Issuer' },
  { key: 'sub', label: 'Subject' },
  { key: 'kid', label: 'kid' },
  { key: 'alg', label: 'alg' },
  { key: 'state', label: 'Expiry' },
  { key: 'verification', label: 'Signature' },
  { key: 'firstLine', label: 'First seen' },
]
export const FILTERS = {
  all: () => true,
  expired: (r: ScanRow) => r.state === 'expired',
  valid: (r: ScanRow) => r.state === 'valid',
  'long-lived': (r: ScanRow) => r.longLived,
  'alg none': (r: ScanRow) => r.alg?.toLowerCase() === 'none',
  failing: (r: ScanRow) => r.verification === 'invalid',
  unverifiable: (r: ScanRow) => r.verification === 'unverifiable',
} as const
type Filter = keyof typeof FILTERS
const ROW_HEIGHT = 34
/** Narrower than this, each row is a three-line card (no column is dropped, nothing scrolls sideways). */
const CARD_BELOW_PX = 860
const CARD_HEIGHT = 76

interface Props {
  rows: ScanRow[]
  onOpen(row: ScanRow): void
}

export function ScanTable({ rows, onOpen }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'count',
    descending: true,
  })
  const [query, setQuery] = useState('')
  const [filter, setFilter] = useState<Filter>('all')
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase()
    const matches = (r: ScanRow) =>
      q === '' ||
      [r.iss, r.sub, r.kid, r.alg, r.clientId, r.sha256, r.aud].some((v) =>
        v?.toLowerCase().includes(q),
      )
    const list = rows.filter((r) => FILTERS[filter](r) && matches(r))
    const value = (r: ScanRow) => r[sort.key] ?? ''
    list.sort((a, b) => {
      const x = value(a)
      const y = value(b)
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
      return sort.descending ? -order : order
    })
    return list
  }, [rows, sort, query, filter])
  const scroller = useRef<HTMLDivElement>(null)
  const grid = useRef<HTMLDivElement>(null)
  const narrow = useNarrow(grid)
  const rowHeight = narrow ? CARD_HEIGHT : ROW_HEIGHT
  // The React Compiler leaves this component unmemoized (TanStack Virtual returns fresh
  // functions each render); that is what a virtual list needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  })
  useEffect(() => virtual.measure(), [virtual, rowHeight])
  const sortBy = (key: SortKey) =>
    setSort((s) =>
      s.key === key ? { key, descending: !s.descending } : { key, descending: key === 'count' },
    )

  return (
    <div className="scan-table">
      <div className="inline-row wrap">
        <label className="field-label" htmlFor="scan-filter">
          Filter
        </label>
        <input
          id="scan-filter"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="issuer, subject, kid, sha256…"
        />
        <label className="field-label" htmlFor="scan-state">
          Show
        </label>
        <select
          id="scan-state"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
        >
          {Object.keys(FILTERS).map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <span className="muted" aria-live="polite">
          {shown.length.toLocaleString('en')} of {rows.length.toLocaleString('en')} tokens
        </span>
      </div>
      <div
        ref={grid}
        className={narrow ? 'scan-grid cards' : 'scan-grid'}
        role="table"
        aria-label="Unique tokens"
        aria-rowcount={shown.length + 1}
      >
        <div className="scan-row scan-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <div
              key={c.key}
              role="columnheader"
              aria-sort={
                sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
              }
            >
              <button type="button" className="sort" onClick={() => sortBy(c.key)}>
                {c.label}
                {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
              </button>
            </div>
          ))}
          <div role="columnheader">
            <span className="visually-hidden">Open in Inspect</span>
          </div>
        </div>
        <div className="scan-body" ref={scroller} role="rowgroup">
          <div role="presentation" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const r = shown[item.index]!
              return (
                <div
                  key={r.sha256}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="scan-row"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: rowHeight,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <div role="cell">{r.count.toLocaleString('en')}</div>
                  <div role="cell" className="ellipsis" data-label="Issuer">
                    {r.iss ? <LongValue value={r.iss} tail={14} what="Issuer" /> : '–'}
                  </div>
                  <div role="cell" className="ellipsis" title={r.sub} data-label="Subject">
                    {r.sub ?? '–'}
                  </div>
                  <div role="cell" className="ellipsis" data-label="kid">
                    {r.kid ? <LongValue value={r.kid} what="kid" /> : '–'}
                  </div>
                  <div role="cell" data-label="alg">
                    {r.alg ?? '–'}
                  </div>
                  <div
                    role="cell"
                    className={r.state === 'expired' ? 'bad' : undefined}
                    data-label="Expiry"
                  >
                    {r.state}
                    {r.longLived ? ' · long-lived' : ''}
                  </div>
                  <div
                    role="cell"
                    className={`ellipsis${r.verification === 'invalid' ? ' bad' : ''}`}
                    title={signatureText(r)}
                    data-label="Signature"
                  >
                    {signatureText(r)}
                  </div>
                  <div
                    role="cell"
                    className="ellipsis"
                    title={whereText(r)}
                    data-label="First seen"
                  >
                    {whereText(r)}
                  </div>
                  <div role="cell">
                    <button
                      type="button"
                      className="secondary compact"
                      title={`Open in Inspect (sha256 ${r.sha256})`}
                      onClick={() => onOpen(r)}
                    >
                      Open
                    </button>
                  </div>
                </div>
              )
            })}
          </div>
        </div>
      </div>
    </div>
  )
}

/** The signature verdict with its reason when it failed: "invalid · ERR_JWS_SIGNATURE_…". */
function signatureText(r: ScanRow): string {
  if (r.verification === undefined) return '–'
  return r.verificationCode ? `${r.verification} · ${r.verificationCode}` : r.verification
}

/** "line 12", or "gateway-2.log:12" when several files were scanned. */
function whereText(r: ScanRow): string {
  if (r.firstFile === undefined) return `line ${r.firstLine.toLocaleString('en')}`
  const name = r.firstFile.split(/[\\/]/).pop() ?? r.firstFile
  return `${name}:${r.firstLine}`
}

/** Whether the grid is narrower than its columns need (then rows become cards). */
function useNarrow(grid: RefObject<HTMLDivElement | null>): boolean {
  const [narrow, setNarrow] = useState(false)
  useEffect(() => {
    const element = grid.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) =>
      setNarrow((entry?.contentRect.width ?? Infinity) < CARD_BELOW_PX),
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [grid])
  return narrow
}
