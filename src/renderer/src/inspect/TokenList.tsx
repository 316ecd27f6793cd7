/** Several tokens in the text: one row each (sub, iss, alg, expiry) to pick the one shown. */
import type { DecodedToken } from '../../../shared/token-types'
import { tokenFacts } from './token-facts'

interface Props {
  tokens: DecodedToken[]
  selected: number
  onSelect(index: number): void
  now: Date
}

export function TokenList({ tokens, selected, onSelect, now }: Props) {
  return (
    <ul className="token-list-rows" aria-label="Tokens found">
      {tokens.map((t, i) => {
        const f = tokenFacts(t, now)
        return (
          <li key={`${t.offset}-${i}`}>
            <button
              type="button"
              aria-pressed={i === selected}
              className={i === selected ? 'token-row selected' : 'token-row'}
              onClick={() => onSelect(i)}
            >
              <span className="badge alg">{f.alg}</span>
              <span className="token-name">{f.sub ?? 'no sub'}</span>
              <span className="muted">{f.iss ?? 'no iss'}</span>
              <span className={f.expired ? 'bad' : 'muted'}>{f.expiry}</span>
              {t.count > 1 && <span className="muted">×{t.count}</span>}
            </button>
          </li>
        )
      })}
    </ul>
  )
}
