/** The stored keys, one row each: metadata only, never material. */
import type { KeySummary } from '../../../shared/stored-key-types'
import { displayTime } from '../components/display-time'
import { LongValue } from '../components/LongValue'

export function KeyTable({
  keys,
  selected,
  onSelect,
}: {
  keys: KeySummary[]
  selected: string | null
  onSelect: (name: string) => void
}) {
  if (keys.length === 0) {
    return <p className="muted">No stored keys yet: generate or import one.</p>
  }
  return (
    <table className="keys-table" aria-label="Stored keys">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Alg</th>
          <th scope="col">kid</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <KeyRow
            key={key.name}
            summary={key}
            selected={selected === key.name}
            onSelect={() => onSelect(key.name)}
          />
        ))}
      </tbody>
    </table>
  )
}

function KeyRow({
  summary,
  selected,
  onSelect,
}: {
  summary: KeySummary
  selected: boolean
  onSelect: () => void
}) {
  const retiring = summary.versions.filter((v) => v.status === 'retiring').length
  return (
    <tr data-key={summary.name} className={selected ? 'selected' : undefined}>
      <th scope="row" title={`Created ${displayTime(summary.createdAt)}`}>
        {summary.name}
        <div className="muted key-kind">{summary.detail}</div>
      </th>
      <td>
        <span className="badge alg">{summary.alg}</span>
        {summary.use === 'enc' && (
          <span className="badge" title="An encryption key: encrypts and decrypts JWE, never signs">
            enc
          </span>
        )}
      </td>
      <td>
        <LongValue value={summary.kid} what="kid" />
      </td>
      <td>
        <KeyStatusBadges summary={summary} retiring={retiring} />
        {summary.tags.map((t) => (
          <span key={t} className="badge tag">
            {t}
          </span>
        ))}
      </td>
      <td>
        <button
          type="button"
          className="secondary"
          aria-label={`${selected ? 'Selected' : 'Manage'} key ${summary.name}`}
          aria-expanded={selected}
          onClick={onSelect}
        >
          {selected ? 'Selected' : 'Manage'}
        </button>
      </td>
    </tr>
  )
}

function KeyStatusBadges({ summary, retiring }: { summary: KeySummary; retiring: number }) {
  return (
    <span className="badges">
      <span className="badge status-active">active</span>
      {retiring > 0 && <span className="badge sev-warning">{retiring} retiring</span>}
      {summary.verifyOnly && <span className="badge sev-info">verify only</span>}
      {summary.secret === 'missing' && (
        <span
          className="badge sev-error"
          title="The keychain entry was deleted outside the app: this key cannot sign."
        >
          missing secret
        </span>
      )}
    </span>
  )
}
