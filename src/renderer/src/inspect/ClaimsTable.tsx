/** Claims as a table: name, value, and what the claim means (from src/shared/claims). */
import { describeClaim } from '../../../shared/claims'
import { LongText } from '../components/LongText'

export function ClaimsTable({ claims }: { claims: Record<string, unknown> }) {
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
          const info = describeClaim(name)
          return (
            <tr key={name} data-claim={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td className="claim-value">
                <LongText text={formatValue(value)} />
                {info?.time && typeof value === 'number' && (
                  <div className="muted">{new Date(value * 1000).toISOString()}</div>
                )}
              </td>
              <td className="muted">{info ? `${info.title}: ${info.description}` : ''}</td>
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
