/**
 * Remote keys: fetch a JWK Set by URL or an issuer's by discovery and see every key, the cache
 * state, rotation and findings; keep the list of trusted issuers whose keys verify their own
 * tokens with no key given. Only URLs typed here are fetched, never one from a token.
 */
import { useState, type FormEvent } from 'react'
import { formatDuration } from '../../../shared/relative-time'
import type { JwksReport } from '../../../shared/jwks-types'
import { api } from '../api'
import { AnsweredResult } from '../components/AnsweredResult'
import { CheckField } from '../components/CheckField'
import { displayTime } from '../components/display-time'
import { useApiCall } from '../hooks/useApiCall'
import { useLoadedCall } from '../hooks/useLoadedCall'
import { ErrorBanner } from '../ErrorBanner'
import { useMainAction } from '../shell/command-bus'
import { useToast } from '../shell/Toasts'
import '../components/forms.css'
import { LongValue } from '../components/LongValue'
import './jwks.css'

type Source = 'jwksUri' | 'issuer'

export function JwksView() {
  const [source, setSource] = useState<Source>('issuer')
  const [url, setUrl] = useState('')
  const [refresh, setRefresh] = useState(false)
  const fetched = useApiCall(api['jwks.fetch'])
  // What the shown report answered: another URL or kind typed since marks it out of date.
  const [asked, setAsked] = useState('')
  const question = `${source} ${url.trim()}`
  const fetchKeys = () => {
    if (url.trim() === '') return
    setAsked(question)
    void fetched.run(
      source === 'issuer' ? { issuer: url.trim() } : { jwksUri: url.trim() },
      refresh ? { refresh } : {},
    )
  }
  useMainAction(fetchKeys)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    fetchKeys()
  }
  return (
    <div className="jwks-view">
      <form className="panel" aria-label="Fetch a JWK Set" onSubmit={submit}>
        <h2>Fetch published keys</h2>
        <div className="inline-row" role="radiogroup" aria-label="What the URL is">
          <label className="check">
            <input
              type="radio"
              name="jwks-source"
              checked={source === 'issuer'}
              onChange={() => setSource('issuer')}
            />
            Issuer (OIDC discovery)
          </label>
          <label className="check">
            <input
              type="radio"
              name="jwks-source"
              checked={source === 'jwksUri'}
              onChange={() => setSource('jwksUri')}
            />
            JWKS URL
          </label>
        </div>
        <label className="field-label" htmlFor="jwks-url">
          {source === 'issuer' ? 'Issuer URL' : 'JWKS URL'}
        </label>
        <div className="inline-row">
          <input
            id="jwks-url"
            type="url"
            className="grow"
            autoComplete="off"
            spellCheck={false}
            placeholder={
              source === 'issuer'
                ? 'https://accounts.google.com'
                : 'https://www.googleapis.com/oauth2/v3/certs'
            }
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <button
            type="submit"
            className="primary"
            disabled={fetched.pending || url.trim() === ''}
            title="Fetch (Ctrl+Enter)"
          >
            {fetched.pending ? 'Fetching…' : 'Fetch keys'}
          </button>
        </div>
        <CheckField
          label="Ask the server again even if the cached copy is fresh"
          checked={refresh}
          onChange={setRefresh}
        />
        {fetched.error && <ErrorBanner error={fetched.error} />}
      </form>
      {fetched.value && (
        <AnsweredResult
          stale={asked !== question}
          why="the URL changed after these keys were fetched."
          againLabel="Fetch again"
          onAgain={fetchKeys}
        >
          <JwksReportPanel report={fetched.value} />
        </AnsweredResult>
      )}
      <TrustedIssuers suggestion={fetched.value?.issuer} />
    </div>
  )
}

function JwksReportPanel({ report }: { report: JwksReport }) {
  const c = report.cache
  const state = c.stale
    ? `STALE: the server could not be reached (${c.staleBecause?.code ?? 'error'}); this copy is ${formatDuration(c.ageSeconds)} old`
    : c.fresh
      ? `fresh for ${formatDuration(c.maxAgeSeconds - c.ageSeconds)} more`
      : 'revalidated'
  return (
    <section className="panel" aria-label="Keys published">
      <h2>{report.keys.length === 1 ? '1 key' : `${report.keys.length} keys`}</h2>
      <p className="muted">
        {report.jwksUri}
        {report.issuer && ` (issuer ${report.issuer})`}
      </p>
      <p className={c.stale ? 'bad' : 'muted'} role="status">
        Fetched {displayTime(c.fetchedAt)}; {state}
      </p>
      <div className="data-table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">kid</th>
              <th scope="col">Type</th>
              <th scope="col">alg</th>
              <th scope="col">use</th>
              <th scope="col">Key</th>
              <th scope="col">Thumbprint</th>
              <th scope="col">Certificate</th>
            </tr>
          </thead>
          <tbody>
            {report.keys.map((k, i) => (
              <tr key={k.kid ?? k.thumbprint ?? i} className={k.usable ? undefined : 'unusable'}>
                <td data-label="kid">
                  {k.kid ? <LongValue value={k.kid} what="kid" /> : '(no kid)'}
                </td>
                <td data-label="Type">{k.kty}</td>
                <td data-label="alg">{k.alg ?? '–'}</td>
                <td data-label="use">{k.use ?? '–'}</td>
                <td data-label="Key">
                  {k.usable ? k.detail : <span className="bad">{k.detail}</span>}
                </td>
                <td data-label="Thumbprint">
                  {k.thumbprint ? <LongValue value={k.thumbprint} what="Thumbprint" /> : '–'}
                </td>
                <td data-label="Certificate">
                  {k.certificate
                    ? `${k.certificate.subject}, until ${k.certificate.notAfter.slice(0, 10)}${k.certificate.expired ? ' (EXPIRED)' : ''}`
                    : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(report.rotation.added.length > 0 || report.rotation.removed.length > 0) && (
        <p>
          Rotation since {report.rotation.since ?? 'the previous copy'}: added{' '}
          {report.rotation.added.join(', ') || 'none'}; removed{' '}
          {report.rotation.removed.join(', ') || 'none'}.
        </p>
      )}
      {report.findings.length > 0 && (
        <ul className="lint-list" aria-label="Findings">
          {report.findings.map((f, i) => (
            <li key={i}>
              <span className={`badge sev-${f.severity}`}>{f.severity}</span> <code>{f.code}</code>{' '}
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function TrustedIssuers({ suggestion }: { suggestion?: string | undefined }) {
  const listed = useLoadedCall(api['issuers.list'])
  const added = useApiCall(api['issuers.add'])
  const toast = useToast()
  const [issuer, setIssuer] = useState('')
  const [audience, setAudience] = useState('')
  const [anyAudience, setAnyAudience] = useState(false)
  // A trusted issuer has the audience its tokens must carry, or is said to accept any.
  const audienceGiven = anyAudience || audience.trim() !== ''
  const add = async (e: FormEvent) => {
    e.preventDefault()
    const result = await added.run({
      issuer: issuer.trim(),
      ...(anyAudience ? { anyAudience: true } : { audience: audience.trim() }),
    })
    if (result.ok) {
      toast(`Trusted ${result.value.issuer}.`)
      setIssuer('')
      setAudience('')
      setAnyAudience(false)
      listed.refresh()
    }
  }
  const remove = async (name: string) => {
    const result = await api['issuers.remove'](name)
    toast(
      result.ok ? `No longer trusted: ${name}.` : `${result.error.code}: ${result.error.message}`,
      result.ok ? 'ok' : 'error',
    )
    listed.refresh()
  }
  return (
    <section className="panel" aria-labelledby="trusted-heading">
      <h2 id="trusted-heading">Trusted issuers</h2>
      <p className="muted">
        A token whose iss is one of these is verified with that issuer's published keys when no key
        is given (Verify's Trusted issuer tab, Scan, <code>jwtw verify</code>).
      </p>
      {listed.error && <ErrorBanner error={listed.error} />}
      {listed.value && listed.value.length === 0 && (
        <p className="muted">No trusted issuers yet.</p>
      )}
      {listed.value && listed.value.length > 0 && (
        <ul className="issuer-list">
          {listed.value.map((t) => (
            <li key={t.issuer}>
              <LongValue value={t.issuer} tail={16} what="Issuer" />
              <span className="muted">
                {' · '}
                {t.audience
                  ? `audience ${t.audience}`
                  : t.anyAudience
                    ? 'any audience'
                    : 'no audience: its tokens fail verification'}
              </span>
              <button
                type="button"
                className="secondary"
                aria-label={`Stop trusting ${t.issuer}`}
                onClick={() => void remove(t.issuer)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-row wrap" aria-label="Trust an issuer" onSubmit={(e) => void add(e)}>
        <label className="field-label" htmlFor="trust-issuer">
          Issuer URL
        </label>
        <input
          id="trust-issuer"
          type="url"
          className="grow"
          value={issuer}
          onChange={(e) => setIssuer(e.target.value)}
          placeholder={suggestion ?? 'https://auth.example.com'}
        />
        <label className="field-label" htmlFor="trust-audience">
          Expected audience
        </label>
        <input
          id="trust-audience"
          type="text"
          value={audience}
          disabled={anyAudience}
          onChange={(e) => setAudience(e.target.value)}
          placeholder="api://orders or your client id"
        />
        <CheckField
          label="Any audience (tokens issued to any of its clients)"
          checked={anyAudience}
          onChange={setAnyAudience}
        />
        <button
          type="submit"
          className="secondary"
          disabled={issuer.trim() === '' || !audienceGiven || added.pending}
        >
          Trust issuer
        </button>
      </form>
      {suggestion && !listed.value?.some((t) => t.issuer === suggestion) && (
        <button type="button" className="link" onClick={() => setIssuer(suggestion)}>
          Trust {suggestion}?
        </button>
      )}
      {added.error && <ErrorBanner error={added.error} />}
    </section>
  )
}
