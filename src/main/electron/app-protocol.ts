/** Electron glue: the renderer is served from app://workbench, never from file://. */
import type { Protocol } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../core/csp'
import { readStaticFile } from '../core/static-files'

export const APP_SCHEME = 'app'
export const APP_HOST = 'workbench'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** True for URLs of our own app origin (custom schemes have an opaque `origin` in WHATWG URL). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/**
 * A check for the URLs the app trusts: its own app:// origin, and in `electron-vite dev` the
 * dev server's exact origin (scheme, host and port compared as a whole, never as a prefix:
 * http://localhost:5173 must not trust http://localhost:5173.evil.example).
 */
export function trustedUrlCheck(devServerUrl: string | undefined): (url: string) => boolean {
  const devOrigin = devServerUrl === undefined ? undefined : originOf(devServerUrl)
  return (url) => isAppUrl(url) || (devOrigin !== undefined && originOf(url) === devOrigin)
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined
  } catch {
    return undefined
  }
}

/** Serves the built renderer directory under app://workbench/ with the strict CSP. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 })
    const file = await readStaticFile(rendererDir, url.pathname)
    if (!file) return new Response('Not found', { status: 404 })
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    })
  })
}
