/**
 * Which URLs the workbench fetches: ones the user gave (a JWKS URL, an issuer, a trusted
 * issuer), over https, or plain http to a loopback host only (or with --insecure-http for one
 * call). Checked before any connection is made.
 */
import type { RemoteDocument } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import { fetchError } from './fetch-errors'

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true
  // node:net is loaded here, on first use: a command that fetches nothing never loads it.
  return process.getBuiltinModule('node:net').isIP(host) === 4 && host.startsWith('127.')
}

/** The URL, checked: absolute http(s), no credentials in it, https unless loopback or allowed. */
export function checkRemoteUrl(
  text: string,
  document: RemoteDocument,
  options: { insecureHttp?: boolean } = {},
): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw fetchError(document, 'BAD_URL', `"${clip(text, 200)}" is not an absolute URL.`)
  }
  if (text.length > LIMITS.url) {
    throw fetchError(document, 'BAD_URL', `The URL is over ${LIMITS.url} characters.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw fetchError(
      document,
      'BAD_URL',
      `Only https (and http to this machine) URLs are fetched, not ${url.protocol}.`,
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw fetchError(
      document,
      'BAD_URL',
      'The URL carries a user name or password: refused (they would be sent in clear text and logged).',
    )
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !options.insecureHttp) {
    throw fetchError(
      document,
      'INSECURE_URL',
      `Plain http to ${url.host} is refused: anyone on the path could swap the keys. Use https, or --insecure-http for this one call if you must.`,
    )
  }
  url.hash = ''
  return url
}
