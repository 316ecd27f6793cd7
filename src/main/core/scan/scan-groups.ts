/** A scan's tokens grouped by issuer and kid, most occurrences first, with what is wrong in each. */
import type { ScanGroup, ScanResult, ScanToken } from '../../../shared/scan-types'

export function groupTokens(tokens: ScanToken[], verified: boolean): ScanGroup[] {
  const groups = new Map<string, ScanGroup>()
  for (const t of tokens) {
    const iss = t.claims.iss ?? null
    const kid = t.claims.kid ?? null
    const name = JSON.stringify([iss, kid])
    let group = groups.get(name)
    if (!group) {
      group = { iss, kid, unique: 0, occurrences: 0, expired: 0, longLived: 0, algNone: 0 }
      if (verified) Object.assign(group, { failing: 0, unverifiable: 0 })
      groups.set(name, group)
    }
    group.unique++
    group.occurrences += t.count
    if (t.status.expired) group.expired++
    if (t.longLived) group.longLived++
    if (t.claims.alg?.toLowerCase() === 'none') group.algNone++
    if (t.verification?.state === 'invalid') group.failing!++
    if (t.verification?.state === 'unverifiable') group.unverifiable!++
  }
  return [...groups.values()].sort((a, b) => b.occurrences - a.occurrences || b.unique - a.unique)
}

/** Encrypted tokens by alg and enc, most occurrences first (a JWE is read by its header only). */
export function tallyEncrypted(tokens: ScanToken[]): ScanResult['encrypted'] {
  const tally = new Map<string, ScanResult['encrypted'][number]>()
  for (const t of tokens) {
    if (t.kind !== 'JWE') continue
    const alg = t.claims.alg ?? '?'
    const enc = t.claims.enc ?? '?'
    const name = `${alg} ${enc}`
    const entry = tally.get(name) ?? { alg, enc, unique: 0, occurrences: 0 }
    entry.unique++
    entry.occurrences += t.count
    tally.set(name, entry)
  }
  return [...tally.values()].sort((a, b) => b.occurrences - a.occurrences)
}
