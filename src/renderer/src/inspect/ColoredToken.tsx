/**
 * A token drawn as jwt.io users expect: each segment in its own colour (header, payload,
 * signature; a JWE's five parts), wrapped anywhere, with a legend for those who do not see colour.
 */
const JWS_PARTS = ['header', 'payload', 'signature']
const JWE_PARTS = ['protected header', 'encrypted key', 'iv', 'ciphertext', 'tag']

export function ColoredToken({ token }: { token: string }) {
  const segments = token.split('.')
  const names = segments.length === 5 ? JWE_PARTS : JWS_PARTS
  return (
    <figure className="colored-token">
      <code aria-label={`The token, ${segments.length} segments`}>
        {segments.map((segment, i) => (
          <span key={i}>
            {i > 0 && <span className="seg-dot">.</span>}
            <span className={`seg seg-${i}`} title={names[i] ?? `segment ${i + 1}`}>
              {segment}
            </span>
          </span>
        ))}
      </code>
      <figcaption className="seg-legend">
        {names.slice(0, segments.length).map((name, i) => (
          <span key={name} className={`seg-key seg-${i}`}>
            {name}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
