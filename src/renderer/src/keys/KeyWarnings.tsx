/** What the key store said about a key as it was stored: a short or well-known secret. */
import type { KeySummary } from '../../../shared/stored-key-types'

export function KeyWarnings({ keys }: { keys: KeySummary[] }) {
  const warnings = [...new Set(keys.flatMap((k) => k.warnings ?? []))]
  if (warnings.length === 0) return null
  return (
    <ul className="key-warnings" role="alert" aria-label="Warnings about this key">
      {warnings.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  )
}
