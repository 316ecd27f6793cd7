/** Shows an error from the contract: its code and what to do. */
import type { ErrorPayload } from '../../shared/errors'

export function ErrorBanner({
  error,
}: {
  error: Pick<ErrorPayload, 'message'> & { code: string }
}) {
  return (
    <div className="error-banner" role="alert">
      <code className="error-code">{error.code}</code>
      <span>{error.message}</span>
    </div>
  )
}
