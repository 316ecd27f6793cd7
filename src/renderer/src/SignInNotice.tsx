/** Browser mode without a session: how to get one (the UI stays visible, calls fail until then). */
import { useEffect, useState } from 'react'
import { transport } from './api'
import { browserSession } from './browser-session'

export function SignInNotice() {
  const [state, setState] = useState(browserSession.state())
  useEffect(() => {
    if (transport !== 'browser') return
    const unsubscribe = browserSession.subscribe(setState)
    void browserSession.credential()
    return unsubscribe
  }, [])
  if (transport !== 'browser' || state === 'signed-in') return null
  return (
    <div className="sign-in-notice" role="alert">
      {state === 'link-used'
        ? 'This login link was already used or has expired.'
        : 'Not signed in to this browser-mode server.'}{' '}
      Press Enter in the terminal running <code>jwtw ui</code> for a fresh login link, and open it
      here.
    </div>
  )
}
