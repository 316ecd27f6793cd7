/** A failed keychain read: the unavailable keychain gets a prominent panel with its fix. */
import type { ErrorPayload } from '../../../shared/errors'
import { ErrorBanner } from '../ErrorBanner'

export function KeychainError({ error, what }: { error: ErrorPayload; what: string }) {
  if (error.code !== 'ERR_KEYCHAIN_UNAVAILABLE') return <ErrorBanner error={error} />
  return (
    <div className="keychain-down">
      <h3>The OS keychain is unavailable</h3>
      <p>
        {what} live only in the keychain, so they cannot be listed or used until it can be reached.
        Nothing is stored in plain text instead.
      </p>
      <ErrorBanner error={error} />
    </div>
  )
}
