/**
 * The one way the token flows reach an authorization server: openid-client's requests go
 * through this fetch, which applies the same rules as the JWKS client (https except loopback,
 * no credentials in URLs, a timeout, no redirects, a capped answer, the CA file and proxy
 * settings) and names each failure with an ERR_OAUTH_* code. Error answers (4xx) are passed
 * back whole so the caller can show the server's error_description.
 */
import type { CustomFetch } from 'openid-client'
import { formatSize, LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import { fetchError, networkError } from '../jwks/fetch-errors'
import { dispatcherFor, PROXY_STATUSES, proxyError, undiciFetch } from '../jwks/http-get'
import type { ProxySettings } from '../jwks/proxy'
import { checkRemoteUrl } from '../jwks/remote-url'

export interface OAuthFetchOptions {
  timeoutMs: number
  caFile?: string
  proxy?: ProxySettings
}

/** A fetch for openid-client that keeps to the workbench's rules. */
export function oauthFetch(options: OAuthFetchOptions): CustomFetch {
  return async (text, init) => {
    const url = checkRemoteUrl(text, 'OAUTH')
    const { dispatcher, proxy } = await dispatcherFor(url, options)
    const fetch = await undiciFetch()
    const timeout = AbortSignal.timeout(options.timeoutMs)
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    let response: Awaited<ReturnType<typeof fetch>>
    try {
      response = await fetch(url, {
        method: init.method,
        headers: { ...init.headers, 'user-agent': 'jwt-workbench' },
        body: init.body as string | undefined,
        redirect: 'manual',
        signal,
        dispatcher,
      })
    } catch (error) {
      throw proxy === undefined
        ? networkError(error, 'OAUTH', url, options.timeoutMs)
        : proxyError('OAUTH', url, proxy, error)
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel()
      throw fetchError(
        'OAUTH',
        'REDIRECT_REFUSED',
        `${url.host} answered a redirect (HTTP ${response.status}) to ${clip(response.headers.get('location') ?? 'nowhere', 200)}: an OAuth endpoint answers directly. Check the issuer URL.`,
      )
    }
    if (proxy !== undefined && PROXY_STATUSES.has(response.status)) {
      await response.body?.cancel()
      throw proxyError('OAUTH', url, proxy, new Error(`HTTP ${response.status}`))
    }
    const body = await readCapped(response, url, options.timeoutMs)
    return new Response(response.status === 204 ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers),
    })
  }
}

async function readCapped(
  response: {
    headers: { get(name: string): string | null }
    body: ReadableStream<Uint8Array> | null
  },
  url: URL,
  timeoutMs: number,
): Promise<Uint8Array> {
  const cap = LIMITS.remoteResponseBytes
  const tooLarge = () =>
    fetchError('OAUTH', 'TOO_LARGE', `${url.href} sent more than ${formatSize(cap)}: refused.`)
  if (Number(response.headers.get('content-length')) > cap) {
    await response.body?.cancel()
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length
      if (size > cap) throw tooLarge()
      chunks.push(chunk)
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_OAUTH_TOO_LARGE') throw error
    throw networkError(error, 'OAUTH', url, timeoutMs)
  }
  return Buffer.concat(chunks)
}
