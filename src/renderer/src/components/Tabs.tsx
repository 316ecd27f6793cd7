/**
 * A row of tabs (the WAI-ARIA tabs pattern): one selected and in the tab order, arrow keys move
 * between them, and the panel is labelled by its tab. Used for key sources, what to scan and the
 * sections of Keys.
 */
import type { ReactNode } from 'react'

interface TabsProps<T extends string> {
  /** Names the tab list for assistive technology. */
  label: string
  /** Makes the ids of the tabs and the panel unique on the page. */
  idPrefix: string
  tabs: ReadonlyArray<{ id: T; label: string }>
  value: T
  onChange(value: NoInfer<T>): void
  /** Too narrow for the row (it would wrap): a select of the same choices instead. */
  selectWhenNarrow?: boolean
}

const tabId = (idPrefix: string, id: string) => `${idPrefix}-tab-${id}`
const panelId = (idPrefix: string) => `${idPrefix}-panel`

export function Tabs<T extends string>(props: TabsProps<T>) {
  const { label, tabs, value, onChange } = props
  if (!props.selectWhenNarrow) return <TabRow {...props} />
  return (
    <div className="tabs-or-select">
      <TabRow {...props} />
      <select
        className="tabs-select"
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {tabs.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </div>
  )
}

function TabRow<T extends string>({ label, idPrefix, tabs, value, onChange }: TabsProps<T>) {
  return (
    <div className="key-tabs" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={tabId(idPrefix, t.id)}
          aria-selected={value === t.id}
          aria-controls={panelId(idPrefix)}
          tabIndex={value === t.id ? 0 : -1}
          className={value === t.id ? 'key-tab active' : 'key-tab'}
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => {
            const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
            if (step === 0) return
            e.preventDefault()
            const i = tabs.findIndex((x) => x.id === value)
            const next = tabs[(i + step + tabs.length) % tabs.length]!
            onChange(next.id)
            document.getElementById(tabId(idPrefix, next.id))?.focus()
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  )
}

export function TabPanel({
  idPrefix,
  value,
  className,
  children,
}: {
  idPrefix: string
  value: string
  className?: string
  children: ReactNode
}) {
  return (
    <div
      role="tabpanel"
      id={panelId(idPrefix)}
      aria-labelledby={tabId(idPrefix, value)}
      className={className}
    >
      {children}
    </div>
  )
}
