/** The local OIDC issuer: start it on a port with the chosen keys, see its URLs, stop it. */
import { useEffect, useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import type { Result } from '../../../shared/result'
import type { IssuerStatus } from '../../../shared/stored-key-types'
import { api } from '../api'
import { CopyButton } from '../components/CopyButton'
import { ErrorBanner } from '../ErrorBanner'
import { parseList } from './key-choices'

export function IssuerToggle() {
  const [status, setStatus] = useState<IssuerStatus | null>(null)
  const [error, setError] = useState<ErrorPayload | null>(null)
  const [pending, setPending] = useState(false)
  const [port, setPort] = useState('')
  const [keys, setKeys] = useState('')

  useEffect(() => {
    let current = true
    void api['issuer.status']().then((r) => {
      if (!current) return
      if (r.ok) setStatus(r.value)
      else setError(r.error)
    })
    return () => {
      current = false
    }
  }, [])

  const apply = (call: Promise<Result<IssuerStatus>>) => {
    setPending(true)
    void call.then((r) => {
      setPending(false)
      if (r.ok) {
        setStatus(r.value)
        setError(null)
      } else setError(r.error)
    })
  }

  const start = () => {
    const portText = port.trim()
    const portNumber = Number(portText)
    if (portText !== '' && (!/^\d+$/.test(portText) || portNumber > 65535)) {
      setError({ code: 'ERR_INVALID_ARGUMENT', message: 'The port is a number from 0 to 65535.' })
      return
    }
    const names = parseList(keys)
    apply(
      api['issuer.start']({
        ...(portText !== '' ? { port: portNumber } : {}),
        ...(names.length > 0 ? { keys: names } : {}),
      }),
    )
  }

  const running = status?.running === true
  return (
    <section className="issuer panel" aria-labelledby="issuer-heading">
      <h2 id="issuer-heading">
        Local issuer{' '}
        <span className={running ? 'badge status-active' : 'badge'} role="status">
          {running ? 'running' : 'stopped'}
        </span>
      </h2>
      <p className="muted">
        Serves OpenID discovery and a JWKS of your keys (active and retiring versions) on this
        machine, for services that verify tokens by JWKS URL.
      </p>
      {!running && (
        <div className="row">
          <label className="stacked">
            Issuer port
            <input
              type="text"
              inputMode="numeric"
              value={port}
              placeholder="8787 (0 = any free port)"
              onChange={(e) => setPort(e.target.value)}
            />
          </label>
          <label className="stacked grow">
            Keys to publish (names, comma-separated; empty = every asymmetric key)
            <input type="text" value={keys} onChange={(e) => setKeys(e.target.value)} />
          </label>
        </div>
      )}
      <button
        type="button"
        className={running ? 'secondary' : 'primary'}
        disabled={pending || (status === null && error === null)}
        onClick={() => (running ? apply(api['issuer.stop']()) : start())}
      >
        {running ? 'Stop issuer' : 'Start issuer'}
      </button>
      {error && <ErrorBanner error={error} />}
      {running && status.issuer && status.jwksUri && (
        <dl className="issuer-urls">
          <dt>Issuer URL</dt>
          <dd>
            <code aria-label="Issuer URL">{status.issuer}</code>{' '}
            <CopyButton text={status.issuer} label="Copy issuer URL" />
          </dd>
          <dt>JWKS URL</dt>
          <dd>
            <code aria-label="JWKS URL">{status.jwksUri}</code>{' '}
            <CopyButton text={status.jwksUri} label="Copy JWKS URL" />
          </dd>
          {status.keys && status.keys.length > 0 && (
            <>
              <dt>Keys</dt>
              <dd>{status.keys.join(', ')}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  )
}
