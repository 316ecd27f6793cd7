/**
 * Browser-mode credentials. A login code (in the URL `jwtw ui` prints) is good once and only
 * for the exchange; it buys a session credential that is never put in a URL or a cookie,
 * expires when idle and dies with the server. Codes and credentials are kept hashed.
 */
import { createHash, randomBytes } from 'node:crypto'

export interface Sessions {
  /** A fresh one-time login code (several may be pending: one per printed link). */
  newLoginCode(): string
  /** Trades a pending login code for a session credential; null when the code is unknown or used. */
  exchange(code: string): string | null
  /** A credential for scripts, printed on request: a session like any other. */
  newApiToken(): string
  /** True for a live session credential; refreshes its idle timer. */
  check(credential: string): boolean
  /** Ends a session (logout). */
  end(credential: string): void
}

/** Sessions end after this long without a request (12 h). */
export const DEFAULT_IDLE_MS = 12 * 60 * 60 * 1000
/** A printed login link that is never used stops working after this long (15 min). */
const LOGIN_CODE_TTL_MS = 15 * 60 * 1000

export function createSessions(options: { idleMs?: number; now?: () => number } = {}): Sessions {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS
  const now = options.now ?? Date.now
  const codes = new Map<string, number>() // hash -> expiry
  const sessions = new Map<string, number>() // hash -> last seen
  const fresh = () => randomBytes(32).toString('base64url')
  const sweep = () => {
    const t = now()
    for (const [hash, expires] of codes) if (expires <= t) codes.delete(hash)
    for (const [hash, seen] of sessions) if (t - seen >= idleMs) sessions.delete(hash)
  }
  const startSession = () => {
    const credential = fresh()
    sessions.set(hashOf(credential), now())
    return credential
  }
  return {
    newLoginCode() {
      sweep()
      const code = fresh()
      codes.set(hashOf(code), now() + LOGIN_CODE_TTL_MS)
      return code
    },
    exchange(code) {
      sweep()
      const hash = hashOf(code)
      if (!codes.has(hash)) return null
      codes.delete(hash)
      return startSession()
    },
    newApiToken: startSession,
    check(credential) {
      sweep()
      const hash = hashOf(credential)
      if (!sessions.has(hash)) return false
      sessions.set(hash, now())
      return true
    },
    end(credential) {
      sessions.delete(hashOf(credential))
    },
  }
}

// Looked up by SHA-256: a lookup's timing can only tell about a hash of a 256-bit random
// value, and a memory dump holds no usable credential.
function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}
