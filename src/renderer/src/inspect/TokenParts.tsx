/** A token's decoded header (as JSON) and payload (as a claims table when it is an object). */
import type { ReactNode } from 'react'
import { isRecord } from '../../../shared/is-record'
import { ClaimsTable } from './ClaimsTable'

interface Props {
  header: unknown
  payload: unknown
  /** A JWE: its payload is encrypted; the Decrypt action takes its place. */
  encrypted?: ReactNode
}

export function TokenParts({ header, payload, encrypted }: Props) {
  return (
    <div className="token-parts">
      <div>
        <h3>Header</h3>
        <pre className="json">{JSON.stringify(header, null, 2)}</pre>
      </div>
      <div>
        <h3>Claims</h3>
        {encrypted ? (
          encrypted
        ) : isRecord(payload) ? (
          <ClaimsTable claims={payload} />
        ) : (
          <pre className="json">{JSON.stringify(payload, null, 2)}</pre>
        )}
      </div>
    </div>
  )
}
