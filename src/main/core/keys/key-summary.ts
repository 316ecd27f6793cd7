/** What `keys.list` shows about a stored key: its record and whether its keychain entries exist. */
import type { KeySummary, KeyVersionSummary } from '../../../shared/stored-key-types'
import { activeVersion, orderedVersions, type KeyRecord, type VersionRecord } from './key-records'

/** The summary of a record, given the keychain accounts that exist. */
export function summarize(record: KeyRecord, accounts: Set<string>): KeySummary {
  const secretOf = (v: VersionRecord): KeyVersionSummary['secret'] =>
    !v.account ? 'none' : accounts.has(v.account) ? 'present' : 'missing'
  const versions = orderedVersions(record).map((v) => {
    const s: KeyVersionSummary = {
      kid: v.kid,
      status: v.status,
      createdAt: v.createdAt,
      secret: secretOf(v),
    }
    if (v.publicJwk) s.publicJwk = { ...v.publicJwk }
    return s
  })
  const current = activeVersion(record)
  const summary: KeySummary = {
    name: record.name,
    kind: record.kind,
    alg: record.alg,
    use: record.use ?? 'sig',
    kid: current.kid,
    detail: record.detail,
    createdAt: record.createdAt,
    tags: [...record.tags],
    verifyOnly: record.verifyOnly,
    secret: secretOf(current),
    versions,
  }
  if (record.rotatedAt) summary.rotatedAt = record.rotatedAt
  return summary
}
