/** What key signed or verified a token (never the key itself). */
import type { KeyDescription } from '../../../shared/key-types'

export function KeyDescriptionLine({
  keyDescription: k,
}: {
  keyDescription: KeyDescription | null
}) {
  if (!k) return <p className="muted key-description">No key (unsecured token).</p>
  const parts = [
    k.name ? `stored key "${k.name}"` : k.origin,
    `${k.kind} ${k.detail}`,
    k.kid ? `kid ${k.kid}` : null,
    k.thumbprint ? `thumbprint ${k.thumbprint}` : null,
    `algs ${k.algs.join(', ')}`,
  ].filter((p): p is string => p !== null)
  return (
    <p className="key-description">
      <span className="muted">Key: </span>
      {parts.join(' · ')}
    </p>
  )
}
