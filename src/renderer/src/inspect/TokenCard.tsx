/**
 * One decoded token: its times, lint findings and defects, its header and claims with their
 * meaning, and the hand-offs to Verify and Mint.
 */
import type { DecodedToken } from '../../../shared/token-types'
import { LintList } from './LintList'
import { isExpired, TimesList } from './TimesList'
import { TokenParts } from './TokenParts'

interface Props {
  token: DecodedToken
  /** When the token was decoded (ms since the epoch): what "expired" is relative to. */
  decodedAt: number
  /** Opens the Verify view with this token; absent when the token cannot be verified here. */
  onVerify?: () => void
  /** Opens the Mint view with this token's alg, header and claims. */
  onEdit?: () => void
}

export function TokenCard({ token, decodedAt, onVerify, onEdit }: Props) {
  const alg = typeof token.header?.['alg'] === 'string' ? token.header['alg'] : 'unknown alg'
  return (
    <article className="token-card" aria-label={`${token.kind} token`}>
      <header className="token-card-header">
        <span className="badge">{token.kind}</span>
        <span className="badge alg">{alg}</span>
        <code className="preview">{token.preview}</code>
        {isExpired(token.times, decodedAt) && <span className="badge sev-error">expired</span>}
        {token.count > 1 && (
          <span className="badge sev-warning duplicate-count">
            seen {token.count} times in the input
          </span>
        )}
        <span className="muted">
          segments {token.segmentLengths.join(' · ')} chars
          {token.kind === 'JWS' && ` · signature ${token.signatureBytes} bytes`}
        </span>
        <span className="card-actions">
          {onVerify && (
            <button type="button" className="secondary" onClick={onVerify}>
              Verify this token
            </button>
          )}
          {onEdit && (
            <button type="button" className="secondary" onClick={onEdit}>
              Edit as new token
            </button>
          )}
        </span>
      </header>
      <TimesList times={token.times} decodedAt={decodedAt} />
      {token.defects.length > 0 && (
        <ul className="defects" aria-label="Defects">
          {token.defects.map((d, i) => (
            <li key={i}>
              <code>{d.code}</code> {d.message}
            </li>
          ))}
        </ul>
      )}
      <LintList findings={token.lint} />
      <TokenParts header={token.header} payload={token.payload} encrypted={token.kind === 'JWE'} />
    </article>
  )
}
