/** What key signed or verified a token (never the key itself). */
import type { KeyDescription } from '../../../shared/key-types'

const ORIGIN: Record<KeyDescription['origin'], string> = {
  secret: 'secret text',
  pem: 'PEM',
  certificate: 'certificate',
  jwk: 'JWK',
  jwks: 'JWKS',
  stored: 'stored key',
}

export function KeyDescriptionLine({
  keyDescription: k,
}: {
  keyDescription: KeyDescription | null
}) {
  if (!k) return <p className="muted key-description">No key (unsecured token).</p>
  const parts = [
    k.kind === 'secret' ? k.detail : `${k.detail} ${k.kind} key`,
    k.name ? `stored key "${k.name}"` : `from ${ORIGIN[k.origin]}`,
    k.kid ? `kid ${k.kid}` : null,
    k.thumbprint && k.thumbprint !== k.kid ? `thumbprint ${k.thumbprint}` : null,
    `fits ${k.algs.join(', ')}`,
  ].filter((p): p is string => p !== null)
  return (
    <p className="key-description">
      <span className="muted">Key: </span>
      {parts.join(' · ')}
    </p>
  )
}
