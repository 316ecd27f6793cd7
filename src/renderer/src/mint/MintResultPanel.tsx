/** A minted token: the token to copy, the signer's warnings, the key used, header and claims. */
import type { MintResult } from '../../../shared/mint-types'
import { CopyButton } from '../components/CopyButton'
import { KeyDescriptionLine } from '../components/KeyDescriptionLine'
import { ColoredToken } from '../inspect/ColoredToken'
import { curlCommand } from '../inspect/token-facts'
import { TokenParts } from '../inspect/TokenParts'

export function MintResultPanel({
  result,
  onVerify,
}: {
  result: MintResult
  onVerify?: () => void
}) {
  return (
    <div className="token-card">
      <label className="field-label" htmlFor="minted-token">
        Minted token
      </label>
      <textarea id="minted-token" className="token-output" readOnly value={result.token} />
      <ColoredToken token={result.token} />
      <div className="form-actions">
        <CopyButton text={result.token} label="Copy token" copied="Token copied." />
        <CopyButton
          text={`Authorization: Bearer ${result.token}`}
          label="Copy as Bearer"
          copied="Authorization header copied."
        />
        <CopyButton
          text={curlCommand(result.token, result.payload)}
          label="Copy as curl"
          copied="curl command copied."
        />
        {onVerify && (
          <button type="button" className="secondary" onClick={onVerify}>
            Verify this
          </button>
        )}
      </div>
      {result.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {result.warnings.map((w) => (
            <li key={w.code} data-warning={w.code}>
              <span className="badge sev-warning">{w.code}</span> {w.message}
            </li>
          ))}
        </ul>
      )}
      <KeyDescriptionLine keyDescription={result.key} />
      <TokenParts header={result.header} payload={result.payload} />
    </div>
  )
}
