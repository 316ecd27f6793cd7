/**
 * A token drawn as jwt.io users expect: each segment in its own colour (header, payload,
 * signature; a JWE's five parts), wrapped anywhere, with a legend for those who do not see colour.
 * A segment over SHOWN_CHARS is shown in part until asked.
 */
import { useState } from 'react'
import { clip, ShowAll } from '../components/LongText'

const JWS_PARTS = ['header', 'payload', 'signature']
const JWE_PARTS = ['protected header', 'encrypted key', 'iv', 'ciphertext', 'tag']

export function ColoredToken({ token }: { token: string }) {
  const [all, setAll] = useState(false)
  const segments = token.split('.')
  const hidden = segments.reduce((sum, s) => sum + clip(s, all).hidden, 0)
  const names = segments.length === 5 ? JWE_PARTS : JWS_PARTS
  return (
    // A token cut for display lays out each segment as its own block, so a keystroke in one
    // (typing the signature) does not wrap the thousands of characters of another again.
    <figure className={hidden > 0 ? 'colored-token cut' : 'colored-token'}>
      <code aria-label={`The token, ${segments.length} segments`}>
        {segments.map((segment, i) => (
          <span key={i} className="seg-part">
            {i > 0 && <span className="seg-dot">.</span>}
            <span className={`seg seg-${i}`} title={names[i] ?? `segment ${i + 1}`}>
              {clip(segment, all).shown}
            </span>
            {clip(segment, all).hidden > 0 && <span className="muted">…</span>}
          </span>
        ))}
      </code>
      {hidden > 0 && <ShowAll hidden={hidden} onShow={() => setAll(true)} />}
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
