/**
 * Claims as a table: name, value, and what the claim means (the provider's own description
 * first, then the registered claims'); unknown claims are listed and marked so; nested values
 * (objects, arrays) show as an indented tree.
 */
import { describeTokenClaim } from '../../../shared/providers'
import { isoUtc } from '../../../shared/relative-time'
import { LongText } from '../components/LongText'

export function ClaimsTable({
  claims,
  providerId,
}: {
  claims: Record<string, unknown>
  providerId?: string | undefined
}) {
  return (
    <table className="claims">
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(claims).map(([name, value]) => {
          const info = describeTokenClaim(name, providerId)
          const nested = typeof value === 'object' && value !== null
          return (
            <tr key={name} data-claim={name}>
              <th scope="row">
                <code title={name}>{name}</code>
              </th>
              <td className="claim-value">
                {nested ? (
                  <pre className="claim-tree">{JSON.stringify(value, null, 2)}</pre>
                ) : (
                  <LongText text={formatValue(value)} />
                )}
                {info?.time && typeof value === 'number' && (
                  <div className="muted">{isoUtc(value) ?? 'not a date'}</div>
                )}
              </td>
              <td className="muted">
                {info ? `${info.title}: ${info.description}` : <em>unknown claim</em>}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
