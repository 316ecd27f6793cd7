/**
 * Keychain entries that no stored key or credential names (after a lost or corrupt settings
 * file): restore their records from the key material, or delete them. Shown only when there
 * are some.
 */
import type { OrphanEntry } from '../../../shared/stored-key-types'
import { api } from '../api'
import { useApiCall } from '../hooks/useApiCall'
import { useLoadedCall } from '../hooks/useLoadedCall'
import { ErrorBanner } from '../ErrorBanner'

export function RecoverSection({ onRecovered }: { onRecovered: () => void }) {
  const orphans = useLoadedCall(api['keys.orphans'])
  const recover = useApiCall(api['keys.recover'])
  const entries = orphans.value ?? []
  if (entries.length === 0 && !recover.error) return null
  const act = (action: 'restore' | 'delete', list: OrphanEntry[]) =>
    void recover.run({ action, accounts: list.map((o) => o.account) }).then((r) => {
      orphans.refresh()
      if (r.ok) onRecovered()
    })
  return (
    <section className="panel recover" aria-labelledby="recover-heading">
      <h3 id="recover-heading">Keychain entries without a record</h3>
      <p className="muted">
        These secrets are in the OS keychain but no stored key or credential names them (the
        settings file was lost or moved aside). Restore rebuilds the record from the key itself.
      </p>
      <ul>
        {entries.map((o) => (
          <li key={o.account}>
            <strong>{o.name}</strong> <span className="muted">{o.kind}</span> {o.detail}{' '}
            {o.restorable && (
              <button type="button" onClick={() => act('restore', [o])}>
                Restore
              </button>
            )}{' '}
            <button type="button" className="danger" onClick={() => act('delete', [o])}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {recover.error && <ErrorBanner error={recover.error} />}
    </section>
  )
}
