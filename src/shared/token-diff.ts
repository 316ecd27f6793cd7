/**
 * Two tokens side by side: each header member and claim marked same, added, removed or changed;
 * for time claims, how far apart the two values are. Pure, for the Compare panel.
 */
import { isRecord } from './is-record'
import { formatDuration, TIME_CLAIMS } from './relative-time'

export type Change = 'same' | 'added' | 'removed' | 'changed'

export interface DiffRow {
  part: 'header' | 'payload'
  name: string
  left?: unknown
  right?: unknown
  change: Change
  /** For a time claim in both: '+15m' (right is later) or '-2h'. */
  delta?: string
}

/**
 * @example
 * diffTokens({ alg: 'HS256' }, { exp: 10 }, { alg: 'HS256' }, { exp: 70 })[1] // { part: 'payload', name: 'exp', change: 'changed', delta: '+1m', ... }
 */
export function diffTokens(
  leftHeader: unknown,
  leftPayload: unknown,
  rightHeader: unknown,
  rightPayload: unknown,
): DiffRow[] {
  return [
    ...diffObjects('header', leftHeader, rightHeader),
    ...diffObjects('payload', leftPayload, rightPayload),
  ]
}

function diffObjects(part: DiffRow['part'], left: unknown, right: unknown): DiffRow[] {
  const a = isRecord(left) ? left : {}
  const b = isRecord(right) ? right : {}
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return names.map((name) => {
    const inA = Object.hasOwn(a, name)
    const inB = Object.hasOwn(b, name)
    const row: DiffRow = { part, name, change: 'same' }
    if (inA) row.left = a[name]
    if (inB) row.right = b[name]
    if (!inA) row.change = 'added'
    else if (!inB) row.change = 'removed'
    else if (JSON.stringify(a[name]) !== JSON.stringify(b[name])) row.change = 'changed'
    const [x, y] = [a[name], b[name]]
    if (
      part === 'payload' &&
      row.change === 'changed' &&
      (TIME_CLAIMS as readonly string[]).includes(name) &&
      typeof x === 'number' &&
      typeof y === 'number'
    ) {
      row.delta = `${y >= x ? '+' : '-'}${formatDuration(y - x)}`
    }
    return row
  })
}
