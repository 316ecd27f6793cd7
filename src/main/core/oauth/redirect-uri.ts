/**
 * The rule for an OAuth client's redirect URI (RFC 8252 §7.3): only loopback http, because the
 * workbench must receive the code itself. Apart from the listener so that checking a profile
 * never loads the HTTP server.
 */
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'

export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1/callback'

/** The redirect URI checked: http to 127.0.0.1, [::1] or localhost, no query or fragment. */
export function loopbackRedirect(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw badRedirect(`"${clip(text, 200)}" is not an absolute URL.`)
  }
  const host = url.hostname
  if (url.protocol !== 'http:' || !['127.0.0.1', '[::1]', 'localhost'].includes(host)) {
    throw badRedirect(
      `${clip(text, 200)} is not a loopback redirect: the workbench receives the code itself, on http://127.0.0.1 (RFC 8252 §7.3). Register http://127.0.0.1/callback with the provider.`,
    )
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw badRedirect('A redirect URI has no query, fragment or credentials.')
  }
  return url
}

function badRedirect(message: string): WorkbenchError {
  return new WorkbenchError('ERR_OAUTH_REDIRECT_URI', message)
}
