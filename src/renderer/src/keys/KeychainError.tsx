/**
 * A failed keychain read: the unavailable keychain gets a prominent panel with its fix and a
 * Retry (the forms that need it are disabled meanwhile).
 */
import type { ErrorPayload } from '../../../shared/errors'
import { ErrorBanner } from '../ErrorBanner'

export const keychainDown = (error: ErrorPayload | null) =>
  error?.code === 'ERR_KEYCHAIN_UNAVAILABLE'

interface Props {
  error: ErrorPayload
  what: string
  onRetry(): void
}

export function KeychainError({ error, what, onRetry }: Props) {
  if (!keychainDown(error))
    return (
      <>
        <ErrorBanner error={error} />
        <RetryButton onRetry={onRetry} />
      </>
    )
  return (
    <div className="keychain-down">
      <h3>The OS keychain is unavailable</h3>
      <p>
        {what} live only in the keychain, so they cannot be listed or used until it can be reached;
        the forms that need it are disabled. Nothing is stored in plain text instead.
      </p>
      <ErrorBanner error={error} />
      <RetryButton onRetry={onRetry} />
    </div>
  )
}

function RetryButton({ onRetry }: { onRetry(): void }) {
  return (
    <button type="button" className="secondary" onClick={onRetry}>
      Retry
    </button>
  )
}
