/**
 * Scan logs for tokens: paste text, give paths on this machine (desktop: the open dialog), or
 * drop a file (sent to main in 1 MiB chunks, up to 64 MiB). Progress with cancel; then every
 * unique token in a sortable, filterable table, verified when a key source is chosen; a row
 * opens its token in Inspect; the table exports as JSON or CSV (redacted).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { formatSize, LIMITS } from '../../../shared/limits'
import type { ScanRequest } from '../../../shared/scan-schemas'
import type { ScanRow } from '../../../shared/scan-types'
import { api, transport } from '../api'
import { CheckField } from '../components/CheckField'
import { TabPanel, Tabs } from '../components/Tabs'
import { EMPTY_KEY_SOURCE, toKeySource } from '../forms/key-source-form'
import { KeySourceFields } from '../components/KeySourceFields'
import { ErrorBanner } from '../ErrorBanner'
import { useJob } from '../hooks/useJob'
import { useMainAction } from '../shell/command-bus'
import { download, rowsAsCsv } from './scan-export'
import { ScanTable } from './ScanTable'
import '../components/forms.css'
import './scan.css'

interface Props {
  /** Paths picked in the desktop's open dialog. */
  paths: string[] | null
  /** A file dropped on the window. */
  upload?: File | undefined
  onInspect(token: string): void
}

type Input = 'text' | 'paths' | 'file'
const SCAN_INPUTS: ReadonlyArray<{ id: Input; label: string }> = [
  { id: 'text', label: 'Paste text' },
  { id: 'paths', label: 'Files on this machine' },
  { id: 'file', label: 'Upload a file' },
]

const SCAN_JOB = {
  start: api['scan.start'],
  status: api['scan.status'],
  cancel: api['scan.cancel'],
}

export function ScanView({ paths, upload, onInspect }: Props) {
  const [input, setInput] = useState<Input>(paths?.length ? 'paths' : upload ? 'file' : 'text')
  const [text, setText] = useState('')
  const [pathText, setPathText] = useState(paths?.join('\n') ?? '')
  const [file, setFile] = useState<File | null>(upload ?? null)
  const [verify, setVerify] = useState(false)
  const [key, setKey] = useState({ ...EMPTY_KEY_SOURCE, mode: 'trusted' as const })
  const [decrypt, setDecrypt] = useState(false)
  const resultRef = useRef<HTMLElement>(null)
  const scan = useJob(SCAN_JOB)
  const { status, error, setError } = scan

  const running = status?.state === 'running'
  // The result is below the form: bring it into view once, when the scan has ended.
  const ended = status !== null && status !== undefined && status.state !== 'running'
  useEffect(() => {
    if (ended) resultRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }, [ended, status?.jobId])
  const start = async () => {
    setError(null)
    let source: ScanRequest['source']
    if (input === 'text') source = { text }
    else if (input === 'paths')
      source = {
        paths: pathText
          .split('\n')
          .map((p) => p.trim())
          .filter(Boolean),
      }
    else if (file) source = { upload: { name: file.name, bytes: file.size } }
    else return setError({ code: 'ERR_INVALID_ARGUMENT', message: 'Choose a file first.' })
    const keySource = verify ? toKeySource(key) : null
    if (keySource && !keySource.ok) return setError(keySource.error)
    const jobId = await scan.start(
      {
        source,
        ...(keySource?.ok ? { key: keySource.value } : {}),
        ...(decrypt ? { decrypt: { anyStored: true as const } } : {}),
      },
      { bytesDone: 0, bytesTotal: file?.size ?? 0, occurrences: 0, unique: 0, elapsedMs: 0 },
    )
    if (jobId !== null && input === 'file' && file)
      void sendFile(jobId, file).catch((e: unknown) =>
        setError({ code: 'ERR_FILE_READ', message: String(e) }),
      )
  }
  const sendFile = async (jobId: string, chosen: File) => {
    for (let at = 0; at < chosen.size || at === 0; at += LIMITS.scanChunkBytes) {
      const bytes = new Uint8Array(await chosen.slice(at, at + LIMITS.scanChunkBytes).arrayBuffer())
      const last = at + LIMITS.scanChunkBytes >= chosen.size
      const sent = await api['scan.push'](jobId, { data: base64(bytes), ...(last ? { last } : {}) })
      if (!sent.ok) return setError(sent.error)
      if (last) return
    }
  }
  const cancel = () => void scan.cancel()
  const open = async (row: ScanRow) => {
    if (!status) return
    const full = await api['scan.token'](status.jobId, row.sha256)
    if (full.ok) onInspect(full.value.token)
    else setError(full.error)
  }
  useMainAction(() => void (running ? undefined : start()))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void start()
  }

  const p = status?.progress
  return (
    <div className="scan-view">
      <form className="panel" aria-label="Scan for tokens" onSubmit={submit}>
        <Tabs
          label="What to scan"
          idPrefix="scan-input"
          tabs={SCAN_INPUTS}
          value={input}
          onChange={setInput}
        />
        <TabPanel idPrefix="scan-input" value={input}>
          {input === 'text' && (
            <>
              <label className="field-label" htmlFor="scan-text">
                Log text
              </label>
              <textarea
                id="scan-text"
                className="token-input"
                spellCheck={false}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="Paste log lines (up to 1 MiB); larger logs: give the path or upload the file."
              />
            </>
          )}
          {input === 'paths' && (
            <>
              <label className="field-label" htmlFor="scan-paths">
                Paths, one per line (.gz read transparently)
              </label>
              <textarea
                id="scan-paths"
                className="token-input small"
                spellCheck={false}
                value={pathText}
                onChange={(e) => setPathText(e.target.value)}
                placeholder="/var/log/nginx/access.log"
              />
              {transport === 'electron' && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void api['files.pick']().then((picked) => {
                      if (picked.ok && picked.value.length > 0) setPathText(picked.value.join('\n'))
                    })
                  }
                >
                  Choose files…
                </button>
              )}
            </>
          )}
          {input === 'file' && (
            <>
              <label className="field-label" htmlFor="scan-file">
                A log file (up to {formatSize(LIMITS.scanUploadBytes)}; or drop it anywhere on the
                window)
              </label>
              <input
                id="scan-file"
                type="file"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              {file && (
                <p className="muted">
                  {file.name}, {formatSize(file.size)}
                </p>
              )}
            </>
          )}
        </TabPanel>
        <CheckField label="Verify each unique token" checked={verify} onChange={setVerify} />
        <CheckField
          label="Decrypt each encrypted token (JWE) with the stored encryption keys"
          checked={decrypt}
          onChange={setDecrypt}
        />
        {verify && (
          <KeySourceFields
            idPrefix="scan"
            purpose="verify"
            value={key}
            onChange={(k) => setKey(k as typeof key)}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={running} title="Scan (Ctrl+Enter)">
            {running ? 'Scanning…' : 'Scan'}
          </button>
          {running && (
            <button type="button" className="secondary" onClick={cancel}>
              Cancel
            </button>
          )}
        </div>
        {error && <ErrorBanner error={error} />}
      </form>
      {status && p && (
        <section className="panel" aria-label="Scan result" ref={resultRef}>
          {running && (
            <>
              <progress
                max={p.bytesTotal || undefined}
                value={p.bytesTotal ? p.bytesDone : undefined}
                aria-label="Scan progress"
              />
              <p className="muted" aria-live="polite">
                {formatSize(p.bytesDone)}
                {p.bytesTotal ? ` of ${formatSize(p.bytesTotal)}` : ''},{' '}
                {p.occurrences.toLocaleString('en')} tokens ({p.unique.toLocaleString('en')} unique)
              </p>
            </>
          )}
          {status.error && <ErrorBanner error={status.error} />}
          {status.summary && (
            <>
              <p role="status">
                <strong>
                  {status.summary.occurrences.toLocaleString('en')} occurrences,{' '}
                  {status.summary.unique.toLocaleString('en')} unique tokens
                </strong>{' '}
                in {status.summary.files.map((f) => f.path).join(', ')} (
                {(status.summary.elapsedMs / 1000).toFixed(2)} s)
                {status.state === 'cancelled' && ' — cancelled: what was found until then'}
              </p>
              {status.summary.encrypted.length > 0 && (
                <p className="muted" aria-label="Encrypted tokens">
                  Encrypted (JWE, header only; open one in Inspect to decrypt it):{' '}
                  {status.summary.encrypted
                    .map((e) => `${e.alg} + ${e.enc}: ${e.unique} unique, ${e.occurrences} seen`)
                    .join(' · ')}
                </p>
              )}
              {status.summary.files
                .filter((f) => f.error)
                .map((f) => (
                  <ErrorBanner key={f.path} error={f.error!} />
                ))}
              <div className="inline-row">
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    download(
                      'tokens.json',
                      JSON.stringify(status.rows ?? [], null, 2),
                      'application/json',
                    )
                  }
                >
                  Export JSON
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => download('tokens.csv', rowsAsCsv(status.rows ?? []), 'text/csv')}
                >
                  Export CSV
                </button>
                <span className="muted">
                  Exports are redacted: a preview and the sha256 of each token.
                </span>
              </div>
            </>
          )}
          {status.rows && status.rows.length > 0 && (
            <ScanTable rows={status.rows} onOpen={(row) => void open(row)} />
          )}
        </section>
      )}
    </div>
  )
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
