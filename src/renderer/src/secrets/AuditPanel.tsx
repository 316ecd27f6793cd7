/**
 * Audit an HS token's secret against built-in lists and wordlist files: progress bar, rate,
 * cancel, and the finding when a candidate signs the token.
 */
import { useState } from 'react'
import { formatSize } from '../../../shared/limits'
import type { ErrorPayload } from '../../../shared/errors'
import type { AuditStatus, BuiltInList } from '../../../shared/secret-types'
import { CheckField } from '../components/CheckField'
import { ErrorBanner } from '../ErrorBanner'
import { AUDIT_START, useAuditJob } from './useAuditJob'

const BUILT_IN: ReadonlyArray<{ id: BuiltInList; label: string }> = [
  { id: 'known-weak', label: 'known-weak: placeholders and sample secrets' },
  { id: 'common-passwords', label: 'common-passwords' },
]

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })

export function AuditPanel() {
  const [token, setToken] = useState('')
  const [builtIn, setBuiltIn] = useState<BuiltInList[]>(['known-weak', 'common-passwords'])
  const [wordlists, setWordlists] = useState('')
  const audit = useAuditJob()
  const [inputError, setInputError] = useState<string | null>(null)
  const running = audit.status?.state === 'running'

  return (
    <section className="panel audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit a token&apos;s secret</h2>
      <p className="muted">
        Tries candidate secrets against an HS256/384/512 token&apos;s signature, to find out whether
        it was signed with a guessable secret.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          const paths = wordlists
            .split('\n')
            .map((p) => p.trim())
            .filter((p) => p !== '')
          if (builtIn.length === 0 && paths.length === 0) {
            setInputError('Choose a built-in list or add a wordlist file.')
            return
          }
          setInputError(null)
          void audit.start(
            {
              token: token.trim(),
              builtIn,
              ...(paths.length > 0 ? { wordlists: paths } : {}),
            },
            AUDIT_START,
          )
        }}
      >
        <label className="stacked">
          HS token to audit
          <textarea
            className="key-text"
            value={token}
            spellCheck={false}
            autoComplete="off"
            placeholder="eyJhbGciOiJIUzI1NiIs…"
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <fieldset className="built-in">
          <legend>Built-in lists</legend>
          {BUILT_IN.map((list) => (
            <CheckField
              key={list.id}
              label={list.label}
              checked={builtIn.includes(list.id)}
              onChange={(checked) =>
                setBuiltIn(checked ? [...builtIn, list.id] : builtIn.filter((id) => id !== list.id))
              }
            />
          ))}
        </fieldset>
        <label className="stacked">
          Wordlist files on the machine running the services (one path per line)
          <textarea
            className="paths"
            value={wordlists}
            spellCheck={false}
            placeholder="/usr/share/wordlists/rockyou.txt"
            onChange={(e) => setWordlists(e.target.value)}
          />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={running || audit.starting}>
            Start audit
          </button>
          {running && (
            <button type="button" className="secondary" onClick={() => void audit.cancel()}>
              Cancel audit
            </button>
          )}
        </div>
      </form>
      {inputError && <ErrorBanner error={{ code: 'ERR_INVALID_ARGUMENT', message: inputError }} />}
      {audit.error && <ErrorBanner error={audit.error} />}
      {audit.status && <AuditProgressView status={audit.status} />}
    </section>
  )
}

function AuditProgressView({ status }: { status: AuditStatus }) {
  const { progress } = status
  const finished = status.state !== 'running'
  // A finished audit fills the bar: a match ends the scan early, with the rest left unread.
  const done = status.state === 'done'
  const percent =
    progress.bytesTotal > 0 ? Math.floor((progress.bytesDone / progress.bytesTotal) * 100) : 0
  return (
    <div className="audit-status" data-state={status.state}>
      <div className="row progress-row">
        {progress.bytesTotal > 0 ? (
          <progress
            aria-label="Audit progress"
            value={done ? progress.bytesTotal : progress.bytesDone}
            max={progress.bytesTotal}
          />
        ) : (
          <progress aria-label="Audit progress" />
        )}
        <span className="muted" aria-live="polite">
          {progress.tried.toLocaleString('en')} candidates tried
          {progress.bytesTotal > 0 &&
            ` · ${formatSize(progress.bytesDone)} of ${formatSize(progress.bytesTotal)} (${percent}%)`}
          {progress.rate > 0 && ` · ${compact.format(progress.rate)}/s`}
        </span>
      </div>
      {finished && <AuditOutcome status={status} />}
    </div>
  )
}

function AuditOutcome({ status }: { status: AuditStatus }) {
  const { result } = status
  if (status.state === 'cancelled') {
    return (
      <p className="audit-outcome warn" role="status">
        Cancelled after {status.progress.tried.toLocaleString('en')} candidates.
      </p>
    )
  }
  if (status.state === 'failed') {
    // The services send only contract codes; the type here is the wider string.
    return status.error ? <ErrorBanner error={status.error as ErrorPayload} /> : null
  }
  if (result?.found) {
    return (
      <div className="finding" role="alert">
        <strong>Finding: secret found.</strong> This token is signed with{' '}
        <code className="found-secret">{result.secret}</code>. Anyone who tries the same list can
        forge tokens: replace the secret with a generated one (above) and re-issue the tokens.
      </div>
    )
  }
  if (!result) return null
  return (
    <p className="audit-outcome ok" role="status">
      Not found after {result.tried.toLocaleString('en')} candidates (
      {(result.elapsedMs / 1000).toFixed(1)} s, {compact.format(result.rate)}/s, {result.engine}
      {result.workers > 1 ? `, ${result.workers} workers` : ''}).
    </p>
  )
}
