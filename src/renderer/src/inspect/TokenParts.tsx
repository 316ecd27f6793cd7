/** A token's decoded header (as JSON) and payload (as a claims table when it is an object). */
import { isRecord } from '../../../shared/is-record'
import { ClaimsTable } from './ClaimsTable'

interface Props {
  header: unknown
  payload: unknown
  /** A JWE: its payload is encrypted and not shown. */
  encrypted?: boolean
  /** The provider that issued it: its own claims are described. */
  providerId?: string | undefined
}

export function TokenParts({ header, payload, encrypted = false, providerId }: Props) {
  return (
    <div className="token-parts">
      <div>
        <h3>Header</h3>
        <pre className="json">{JSON.stringify(header, null, 2)}</pre>
      </div>
      <div>
        <h3>Claims</h3>
        {encrypted ? (
          <p className="muted">The payload of a JWE is encrypted: decrypt it below.</p>
        ) : isRecord(payload) ? (
          <ClaimsTable claims={payload} providerId={providerId} />
        ) : (
          <pre className="json">{JSON.stringify(payload, null, 2)}</pre>
        )}
      </div>
    </div>
  )
}
