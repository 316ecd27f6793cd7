/** One decoded token: its header, its claims with their meaning, its defects. */
import type { DecodedToken } from '../../../shared/token-types'
import { ClaimsTable } from './ClaimsTable'

export function TokenCard({ token }: { token: DecodedToken }) {
  const alg = typeof token.header?.['alg'] === 'string' ? token.header['alg'] : 'unknown alg'
  return (
    <article className="token-card" aria-label={`${token.kind} token`}>
      <header className="token-card-header">
        <span className="badge">{token.kind}</span>
        <span className="badge alg">{alg}</span>
        <code className="preview">{token.preview}</code>
        {token.count > 1 && <span className="badge">×{token.count}</span>}
        <span className="muted">
          segments {token.segmentLengths.join(' · ')} chars
          {token.kind === 'JWS' && ` · signature ${token.signatureBytes} bytes`}
        </span>
      </header>
      {token.defects.length > 0 && (
        <ul className="defects">
          {token.defects.map((d, i) => (
            <li key={i}>
              <code>{d.code}</code> {d.message}
            </li>
          ))}
        </ul>
      )}
      <div className="token-parts">
        <div>
          <h3>Header</h3>
          <pre className="json">{JSON.stringify(token.header, null, 2)}</pre>
        </div>
        {token.kind === 'JWS' && (
          <div>
            <h3>Claims</h3>
            {isRecord(token.payload) ? (
              <ClaimsTable claims={token.payload} />
            ) : (
              <pre className="json">{JSON.stringify(token.payload, null, 2)}</pre>
            )}
          </div>
        )}
      </div>
    </article>
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
