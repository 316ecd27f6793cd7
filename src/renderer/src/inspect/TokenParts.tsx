/**
 * A token's decoded header (as JSON with syntax colours) and payload: a claims table when it is
 * an object, or its raw JSON when asked.
 */
import { memo, useState } from 'react'
import { isRecord } from '../../../shared/is-record'
import { JsonView } from '../components/JsonView'
import { ClaimsTable } from './ClaimsTable'

interface Props {
  header: unknown
  payload: unknown
  /** A JWE: its payload is encrypted and not shown. */
  encrypted?: boolean
  /** The provider that issued it: its own claims are described. */
  providerId?: string | undefined
}

/** Memoized: the same header and payload objects (see InspectView) are not drawn again. */
export const TokenParts = memo(function TokenParts({
  header,
  payload,
  encrypted = false,
  providerId,
}: Props) {
  const [raw, setRaw] = useState(false)
  const table = !encrypted && isRecord(payload)
  return (
    <div className="token-parts">
      <div>
        <h3>Header</h3>
        <JsonView value={header} />
      </div>
      <div>
        <div className="parts-heading">
          <h3>Claims</h3>
          {table && (
            <button
              type="button"
              className="secondary compact"
              aria-pressed={raw}
              onClick={() => setRaw(!raw)}
            >
              Raw JSON
            </button>
          )}
        </div>
        {encrypted ? (
          <p className="muted">The payload of a JWE is encrypted: decrypt it below.</p>
        ) : table && !raw ? (
          <ClaimsTable claims={payload} providerId={providerId} />
        ) : (
          <JsonView value={payload} />
        )}
      </div>
    </div>
  )
})
