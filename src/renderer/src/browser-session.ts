/**
 * Browser mode's sign-in: the link `jwtw ui` prints carries a one-time login code in its
 * fragment. It is taken out of the address bar at once, traded for a session credential, and
 * the credential is kept in sessionStorage: scoped to this origin (port included), gone with
 * the tab, never in a URL or a cookie. Under Electron none of this runs.
 */
const STORAGE_KEY = 'jwtw.session'
const LOGIN_FRAGMENT = /^#login=([A-Za-z0-9_-]{1,128})$/

type State = 'signed-in' | 'signed-out' | 'link-used'
type Listener = (state: State) => void

let pending: Promise<string | null> | undefined
let state: State = 'signed-out'
const listeners = new Set<Listener>()

function setState(next: State): void {
  state = next
  for (const listener of listeners) listener(next)
}

async function signIn(): Promise<string | null> {
  const code = LOGIN_FRAGMENT.exec(window.location.hash)?.[1]
  if (code !== undefined) {
    // Out of the address bar (and of what a reload would resend) before anything else.
    window.history.replaceState(null, '', window.location.pathname)
    try {
      const response = await fetch('session', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      })
      const result = (await response.json()) as { ok: boolean; value?: { credential: string } }
      if (result.ok && result.value) {
        sessionStorage.setItem(STORAGE_KEY, result.value.credential)
        setState('signed-in')
        return result.value.credential
      }
    } catch {
      // Reported as signed out below.
    }
    setState(sessionStorage.getItem(STORAGE_KEY) ? 'signed-in' : 'link-used')
    return sessionStorage.getItem(STORAGE_KEY)
  }
  const kept = sessionStorage.getItem(STORAGE_KEY)
  setState(kept ? 'signed-in' : 'signed-out')
  return kept
}

export const browserSession = {
  /** The session credential, signing in with the URL's login code first if there is one. */
  credential(): Promise<string | null> {
    pending ??= signIn()
    return pending
  },
  /** The server no longer knows the credential (idle timeout, server restarted). */
  lost(): void {
    sessionStorage.removeItem(STORAGE_KEY)
    pending = Promise.resolve(null)
    // A used login link stays the reason shown: it says what to do.
    if (state !== 'link-used') setState('signed-out')
  },
  state: (): State => state,
  subscribe(listener: Listener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}
