/** What key signed or verified a token (never the key itself). */
import { Fragment, type ReactNode } from 'react'
import type { KeyDescription } from '../../../shared/key-types'
import { LongValue } from './LongValue'

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
  const parts: Array<[string, ReactNode]> = [
    ['kind', k.kind === 'secret' ? k.detail : `${k.detail} ${k.kind} key`],
    ['origin', k.name ? `stored key "${k.name}"` : `from ${ORIGIN[k.origin]}`],
  ]
  if (k.kid)
    parts.push([
      'kid',
      <>
        kid <LongValue value={k.kid} what="kid" />
      </>,
    ])
  if (k.thumbprint && k.thumbprint !== k.kid)
    parts.push([
      'jkt',
      <>
        thumbprint <LongValue value={k.thumbprint} what="Thumbprint" />
      </>,
    ])
  parts.push(['algs', `fits ${k.algs.join(', ')}`])
  return (
    <p className="key-description">
      <span className="muted">Key: </span>
      {parts.map(([id, part], i) => (
        <Fragment key={id}>
          {i > 0 && ' · '}
          {part}
        </Fragment>
      ))}
    </p>
  )
}
