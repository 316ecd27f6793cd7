/**
 * Two tokens side by side: header members and claims marked added, removed or changed, times
 * as the distance between them. The left token is the one selected; the right one is picked
 * from the others found or pasted.
 */
import { useMemo, useState } from 'react'
import { decodeToken } from '../../../shared/token-decode'
import { diffTokens, type DiffRow } from '../../../shared/token-diff'
import { findTokens } from '../../../shared/token-finder'
import type { DecodedToken } from '../../../shared/token-types'
import { tokenFacts } from './token-facts'

interface Props {
  left: DecodedToken
  others: DecodedToken[]
  now: Date
  onClose(): void
}

const CHANGE_LABEL: Record<DiffRow['change'], string> = {
  same: 'same',
  added: 'added',
  removed: 'removed',
  changed: 'changed',
}

export function ComparePanel({ left, others, now, onClose }: Props) {
  const [choice, setChoice] = useState(others.length > 0 ? '0' : 'paste')
  const [pasted, setPasted] = useState('')
  const right = useMemo(() => {
    if (choice !== 'paste') return others[Number(choice)] ?? null
    const found = findTokens(pasted)[0]
    return found ? decodeToken(found.token, now) : null
  }, [choice, pasted, others, now])
  const rows = right ? diffTokens(left.header, left.payload, right.header, right.payload) : []
  const show = (v: unknown) =>
    v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)
  const changed = rows.filter((r) => r.change !== 'same').length
  return (
    <section className="panel compare" aria-label="Compare two tokens">
      <header className="compare-head">
        <h2>Compare</h2>
        <label>
          Compare with{' '}
          <select
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            aria-label="Token to compare with"
          >
            {others.map((t, i) => {
              const f = tokenFacts(t, now)
              return (
                <option key={i} value={String(i)}>
                  {`${f.alg} · ${f.sub ?? 'no sub'} · ${f.expiry}`}
                </option>
              )
            })}
            <option value="paste">a pasted token…</option>
          </select>
        </label>
        <button type="button" className="secondary" onClick={onClose}>
          Close compare
        </button>
      </header>
      {choice === 'paste' && (
        <textarea
          className="token-input small"
          aria-label="Second token"
          placeholder="Paste the token to compare with…"
          spellCheck={false}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
        />
      )}
      {right && (
        <>
          <p aria-live="polite">
            {changed === 0
              ? 'The header and claims are the same.'
              : `${changed} difference${changed === 1 ? '' : 's'}.`}
          </p>
          <table className="diff">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Selected token</th>
                <th scope="col">Other token</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={`${r.part}.${r.name}`}
                  className={`diff-${r.change}`}
                  data-member={`${r.part}.${r.name}`}
                >
                  <th scope="row">
                    <span className="muted">{r.part === 'header' ? 'header ' : ''}</span>
                    <code>{r.name}</code>
                  </th>
                  <td>{show(r.left)}</td>
                  <td>{show(r.right)}</td>
                  <td>
                    {CHANGE_LABEL[r.change]}
                    {r.delta && ` (${r.delta})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
