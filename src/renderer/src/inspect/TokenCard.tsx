/**
 * One decoded token: a heading that names it (sub, iss, alg, expiry), collapsible; the token
 * colour-coded; times ticking; defects and lint; header and claims; copy actions and the
 * hand-offs to Verify and Mint.
 */
import type { DecodedToken } from '../../../shared/token-types'
import { CopyButton } from '../components/CopyButton'
import { providerLabel } from '../../../shared/providers'
import { ChipList } from '../components/ChipList'
import { ColoredToken } from './ColoredToken'
import { DecryptPanel } from './DecryptPanel'
import { LintList } from './LintList'
import { TimesList } from './TimesList'
import { curlCommand, tokenFacts } from './token-facts'
import { TokenParts } from './TokenParts'

interface Props {
  token: DecodedToken
  /** The token's text (null when the input no longer holds it whole). */
  raw: string | null
  now: Date
  onVerify?: () => void
  onEdit?: () => void
}

export function TokenCard({ token, raw, now, onVerify, onEdit }: Props) {
  const facts = tokenFacts(token, now)
  return (
    <article className="token-card" aria-label={`${token.kind} token`}>
      <details open>
        <summary className="token-card-header">
          <span className="badge">{token.kind}</span>
          <span className="badge alg">{facts.alg}</span>
          <span className="token-name">
            {facts.sub !== undefined ? `sub ${facts.sub}` : 'no sub'}
            {facts.iss !== undefined && <span className="muted"> · {facts.iss}</span>}
          </span>
          <span className={facts.expired ? 'badge sev-error' : 'badge'}>{facts.expiry}</span>
          {token.count > 1 && (
            <span className="badge sev-warning duplicate-count">
              seen {token.count} times in the input
            </span>
          )}
        </summary>
        <div className="card-actions" role="group" aria-label="Token actions">
          {raw && <CopyButton text={raw} label="Copy token" copied="Token copied." />}
          {raw && (
            <CopyButton
              text={`Authorization: Bearer ${raw}`}
              label="Copy as Bearer"
              copied="Authorization header copied."
            />
          )}
          {raw && (
            <CopyButton
              text={curlCommand(raw, token.payload)}
              label="Copy as curl"
              copied="curl command copied."
            />
          )}
          {token.kind === 'JWS' && (
            <CopyButton
              text={JSON.stringify(token.payload, null, 2)}
              label="Copy claims"
              copied="Claims copied as JSON."
            />
          )}
          {onVerify && (
            <button type="button" className="secondary" onClick={onVerify}>
              Verify this token
            </button>
          )}
          {onEdit && (
            <button type="button" className="secondary" onClick={onEdit}>
              Edit and re-sign
            </button>
          )}
        </div>
        {token.provider && (
          <p className="provider-line">
            <a href={token.provider.docs} target="_blank" rel="noreferrer noopener">
              {providerLabel(token.provider)}
            </a>
          </p>
        )}
        <ChipList label="Roles and groups" items={token.roles} />
        <ChipList label="Scopes" items={token.scopes} />
        {raw && <ColoredToken token={raw} />}
        <p className="muted segment-sizes">
          segments {token.segmentLengths.join(' · ')} chars
          {token.kind === 'JWS' && ` · signature ${token.signatureBytes} bytes`}
        </p>
        <TimesList times={token.times} now={now} />
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
        <TokenParts
          header={token.header}
          payload={token.payload}
          encrypted={token.kind === 'JWE'}
          providerId={token.provider?.id}
        />
        {token.kind === 'JWE' && raw && <DecryptPanel token={raw} now={now} />}
      </details>
    </article>
  )
}
