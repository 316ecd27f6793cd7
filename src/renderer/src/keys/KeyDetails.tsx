/** One stored key: its versions, exports, rotation, kid, tags and deletion. */
import { useState } from 'react'
import { isSecretKind } from '../../../shared/algorithms'
import type { Result } from '../../../shared/result'
import type { KeySummary } from '../../../shared/stored-key-types'
import { api } from '../api'
import { useApiCall } from '../hooks/useApiCall'
import { ErrorBanner } from '../ErrorBanner'
import { ConfirmButton } from '../components/ConfirmButton'
import { displayTime } from '../components/display-time'
import { parseList } from './key-choices'
import { PrivateExport, PublicExport } from './KeyExports'
import { LongValue } from '../components/LongValue'

export function KeyDetails({
  summary,
  onChanged,
  onDeleted,
}: {
  summary: KeySummary
  onChanged: () => void
  onDeleted: () => void
}) {
  return (
    <section className="key-details panel" aria-label={`Key ${summary.name}`}>
      <h3>
        {summary.name} <span className="muted">{summary.detail}</span>
      </h3>
      <VersionsTable summary={summary} />
      {/* Keyed by the active kid: a rotation or a new kid drops what was exported before. */}
      {!isSecretKind(summary.kind) && (
        <PublicExport key={`public-${summary.kid}`} summary={summary} />
      )}
      {!summary.verifyOnly && <PrivateExport key={`private-${summary.kid}`} summary={summary} />}
      <KeyFieldEditor
        key={`kid-${summary.kid}`}
        label="kid of the active version"
        button="Save kid"
        initial={summary.kid}
        unchanged={(kid) => kid === summary.kid}
        save={(kid) => api['keys.setKid'](summary.name, kid)}
        onSaved={onChanged}
      />
      <KeyFieldEditor
        key={`tags-${summary.tags.join(',')}`}
        label="Tags (comma-separated)"
        button="Save tags"
        initial={summary.tags.join(', ')}
        placeholder="staging, team-a"
        unchanged={(tags) => parseList(tags).join(',') === summary.tags.join(',')}
        save={(tags) => api['keys.setTags'](summary.name, parseList(tags))}
        onSaved={onChanged}
      />
      <KeyLifecycle summary={summary} onChanged={onChanged} onDeleted={onDeleted} />
    </section>
  )
}

function VersionsTable({ summary }: { summary: KeySummary }) {
  return (
    <table className="versions-table" aria-label={`Versions of ${summary.name}`}>
      <thead>
        <tr>
          <th scope="col">kid</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">Keychain entry</th>
        </tr>
      </thead>
      <tbody>
        {summary.versions.map((v) => (
          <tr key={v.kid} data-kid={v.kid} data-status={v.status}>
            <td>
              <LongValue value={v.kid} what="kid" />
            </td>
            <td>
              <span className={v.status === 'active' ? 'badge status-active' : 'badge sev-warning'}>
                {v.status}
              </span>
            </td>
            <td title={v.createdAt}>{displayTime(v.createdAt)}</td>
            <td>
              {v.secret === 'present' && 'present'}
              {v.secret === 'none' && 'none (verify only)'}
              {v.secret === 'missing' && <span className="badge sev-error">missing secret</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** One text field that saves a property of the key (kid, tags) and reloads it on success. */
function KeyFieldEditor({
  label,
  button,
  initial,
  placeholder,
  unchanged,
  save,
  onSaved,
}: {
  label: string
  button: string
  initial: string
  placeholder?: string
  unchanged: (text: string) => boolean
  save: (text: string) => Promise<Result<KeySummary>>
  onSaved: () => void
}) {
  const [text, setText] = useState(initial)
  const saved = useApiCall(save)
  return (
    <form
      className="row kid-editor"
      onSubmit={(e) => {
        e.preventDefault()
        void saved.run(text).then((r) => r.ok && onSaved())
      }}
    >
      <label>
        {label}{' '}
        <input
          type="text"
          value={text}
          spellCheck={false}
          placeholder={placeholder}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button type="submit" className="secondary" disabled={saved.pending || unchanged(text)}>
        {button}
      </button>
      {saved.error && <ErrorBanner error={saved.error} />}
    </form>
  )
}

function KeyLifecycle({
  summary,
  onChanged,
  onDeleted,
}: {
  summary: KeySummary
  onChanged: () => void
  onDeleted: () => void
}) {
  const rotated = useApiCall(api['keys.rotate'])
  const deleted = useApiCall(api['keys.delete'])
  const hasRetiring = summary.versions.some((v) => v.status === 'retiring')
  const error = rotated.error ?? deleted.error
  return (
    <div className="key-lifecycle">
      <div className="row">
        {!summary.verifyOnly && (
          <button
            type="button"
            className="secondary"
            disabled={rotated.pending}
            onClick={() => void rotated.run(summary.name).then((r) => r.ok && onChanged())}
          >
            Rotate key
          </button>
        )}
        {hasRetiring && (
          <ConfirmButton
            label="Delete retiring versions…"
            prompt="Tokens signed by the retiring versions will no longer verify with this key."
            confirmLabel="Delete retiring versions"
            danger
            onConfirm={() =>
              void deleted
                .run(summary.name, { retiringOnly: true })
                .then((r) => r.ok && onChanged())
            }
          />
        )}
        <ConfirmButton
          label="Delete key…"
          prompt={
            <>
              Delete <strong>{summary.name}</strong>, all its versions and their keychain entries?
              This cannot be undone.
            </>
          }
          confirmLabel="Delete permanently"
          danger
          onConfirm={() => void deleted.run(summary.name).then((r) => r.ok && onDeleted())}
        />
      </div>
      {rotated.value && !rotated.error && (
        <p className="ok" role="status">
          Rotated: new active kid <code>{rotated.value.kid}</code>; the previous version is retiring
          (still published, no longer signs).
        </p>
      )}
      {error && <ErrorBanner error={error} />}
    </div>
  )
}
