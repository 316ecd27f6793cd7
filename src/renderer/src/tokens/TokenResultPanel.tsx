/** The tokens a flow obtained, with their verdicts and what can be done with them. */
import type { TokenResult, TokenVerdict } from '../../../shared/oauth-types'
import { CopyButton } from '../components/CopyButton'
import { displayTime } from '../components/display-time'
import { useInspectHandoff } from '../shell/inspect-handoff'
import { LongValue } from '../components/LongValue'

const REFRESH: Record<TokenResult['refreshToken'], string> = {
  saved: 'saved in the OS keychain',
  rotated: 'rotated: the new one replaced the old',
  kept: 'the saved one is kept',
  none: 'none',
}

export function TokenResultPanel({
  result,
  onVerifyToken,
}: {
  result: TokenResult
  onVerifyToken: (token: string) => void
}) {
  const inspect = useInspectHandoff()
  const scheme = result.tokenType === 'DPoP' ? 'DPoP' : 'Bearer'
  return (
    <section className="panel token-result" aria-label="Token obtained">
      <h2>Token for {result.profile}</h2>
      <dl className="facts">
        <dt>Grant</dt>
        <dd>{result.grant}</dd>
        <dt>Token type</dt>
        <dd>{result.tokenType}</dd>
        {result.expiresAt && (
          <>
            <dt>Expires</dt>
            <dd>{displayTime(result.expiresAt)}</dd>
          </>
        )}
        {result.scope && (
          <>
            <dt>Scope</dt>
            <dd>{result.scope}</dd>
          </>
        )}
        <dt>Access token</dt>
        <dd>
          <Verdict verdict={result.access} />
          <code className="token-line" title={`${result.accessToken.length} characters`}>
            {result.accessToken}
          </code>
        </dd>
        {result.id && (
          <>
            <dt>ID token</dt>
            <dd>
              <Verdict verdict={result.id} />
            </dd>
          </>
        )}
        <dt>Refresh token</dt>
        <dd>{REFRESH[result.refreshToken]}</dd>
        {result.dpop && (
          <>
            <dt>DPoP key</dt>
            <dd>
              {result.dpop.key} <LongValue value={result.dpop.jkt} what="Thumbprint" />
            </dd>
          </>
        )}
        {result.savedAs && (
          <>
            <dt>Saved as</dt>
            <dd>credential “{result.savedAs}”</dd>
          </>
        )}
      </dl>
      <div className="form-actions wrap">
        {inspect && (
          <button type="button" className="primary" onClick={() => inspect(result.accessToken)}>
            Inspect access token
          </button>
        )}
        {inspect && result.idToken && (
          <button type="button" className="secondary" onClick={() => inspect(result.idToken!)}>
            Inspect ID token
          </button>
        )}
        {result.access.kind === 'jwt' && (
          <button
            type="button"
            className="secondary"
            onClick={() => onVerifyToken(result.accessToken)}
          >
            Verify
          </button>
        )}
        <CopyButton text={result.accessToken} label="Copy token" />
        <CopyButton text={`Authorization: ${scheme} ${result.accessToken}`} label="Copy header" />
        <CopyButton
          text={`curl -H 'Authorization: ${scheme} ${result.accessToken}'`}
          label="Copy curl"
        />
        <CopyButton text={`export ACCESS_TOKEN='${result.accessToken}'`} label="Copy env line" />
      </div>
    </section>
  )
}

function Verdict({ verdict }: { verdict: TokenVerdict }) {
  const v = verdict.verification
  if (v) {
    const failed = v.checks.filter((c) => !c.ok)
    return v.valid ? (
      <span className="ok">JWT, verified against the issuer’s keys</span>
    ) : (
      <span className="bad">
        JWT, NOT valid: {failed.map((c) => `${c.id}: ${c.message}`).join('; ')}
      </span>
    )
  }
  const active = verdict.introspection?.['active']
  return (
    <span>
      {verdict.kind === 'opaque' ? 'Opaque' : 'JWT'}
      {active === true
        ? ', introspection: active'
        : active === false
          ? ', introspection: NOT active'
          : ''}
      {verdict.note ? ` — ${verdict.note}` : ''}
    </span>
  )
}
