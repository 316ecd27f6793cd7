/** Where a running flow is: the sign-in link (code flow) or the user code (device flow). */
import type { TokenFlowProgress } from '../../../shared/oauth-types'
import { formatDuration } from '../../../shared/relative-time'
import { CopyButton } from '../components/CopyButton'
import { useNow } from '../inspect/useNow'

export function FlowProgress({ progress }: { progress: TokenFlowProgress }) {
  const now = useNow()
  const left = (at: string) => formatDuration(Math.max(0, (Date.parse(at) - now.getTime()) / 1000))
  if (progress.phase === 'browser') {
    return (
      <section className="panel flow-progress" aria-label="Sign in" role="status">
        <h2>Sign in in your browser</h2>
        <p>
          <a
            href={progress.authorizationUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="primary-link"
          >
            Open the sign-in page
          </a>{' '}
          <CopyButton text={progress.authorizationUrl} label="Copy link" />
        </p>
        <p className="muted">
          The answer comes back to {progress.redirectUri}; waiting {left(progress.expiresAt)} more.
        </p>
      </section>
    )
  }
  if (progress.phase === 'device') {
    return (
      <section className="panel flow-progress" aria-label="Device sign-in" role="status">
        <h2>Enter this code on another device</h2>
        <p className="user-code" aria-label="User code">
          {progress.userCode}
        </p>
        <p>
          at{' '}
          <a
            href={progress.verificationUriComplete ?? progress.verificationUri}
            target="_blank"
            rel="noopener noreferrer"
          >
            {progress.verificationUri}
          </a>
        </p>
        <p className="muted">
          The code expires in {left(progress.expiresAt)}; asking every {progress.intervalSeconds} s.
        </p>
      </section>
    )
  }
  return (
    <p className="muted" role="status">
      {progress.phase === 'exchanging' ? 'Exchanging the code for tokens…' : 'Asking the provider…'}
    </p>
  )
}
