/**
 * "Add from the token": a select of required-claim lines suggested from the token being
 * verified (presence, values, array members, scope words, nested paths); picking one appends it
 * to the Required claims lines.
 */
import { useMemo } from 'react'
import { requirementSuggestions } from '../../../shared/requirement-suggestions'
import { decodeToken } from '../../../shared/token-decode'
import { unwrapToken } from '../../../shared/token-text'

interface Props {
  id: string
  token: string
  /** The current lines; lines already there are not offered again. */
  lines: string
  onAdd: (line: string) => void
}

export function ClaimPicker({ id, token, lines, onAdd }: Props) {
  const groups = useMemo(() => suggestionGroups(token), [token])
  const present = new Set(lines.split('\n').map((l) => l.trim()))
  if (groups.length === 0) return null
  return (
    <div className="claim-picker">
      <label className="field-label" htmlFor={id}>
        Add a requirement from the token&apos;s claims
      </label>
      <select
        id={id}
        value=""
        onChange={(e) => {
          if (e.target.value !== '') onAdd(e.target.value)
        }}
      >
        <option value="">Pick a claim or a value…</option>
        {groups.map(([claim, options]) => (
          <optgroup key={claim} label={claim}>
            {options.map((line) => (
              <option key={line} value={line} disabled={present.has(line)}>
                {line}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  )
}

function suggestionGroups(text: string): Array<[string, string[]]> {
  const token = unwrapToken(text.trim())
  if (token === '' || token.split('.').length !== 3) return []
  const { payload } = decodeToken(token, new Date(), { display: false })
  const groups = new Map<string, string[]>()
  for (const { claim, line } of requirementSuggestions(payload)) {
    groups.set(claim, [...(groups.get(claim) ?? []), line])
  }
  return [...groups]
}
