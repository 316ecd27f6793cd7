/** A minted token: the token to copy, the signer's warnings, the key used, header and claims. */
import type { MintResult } from '../../../shared/mint-types'
import { CopyButton } from '../components/CopyButton'
import { KeyDescriptionLine } from '../components/KeyDescriptionLine'
import { TokenParts } from '../inspect/TokenParts'

export function MintResultPanel({ result }: { result: MintResult }) {
  return (
    <div className="token-card">
      <label className="field-label" htmlFor="minted-token">
        Minted token
      </label>
      <textarea id="minted-token" className="token-output" readOnly value={result.token} />
      <div className="form-actions">
        <CopyButton text={result.token} label="Copy token" />
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
