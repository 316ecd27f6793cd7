/**
 * One bounded GET of a remote JSON document: a timeout for the whole exchange, a size cap
 * counted while the body streams, redirects refused unless allowed (and then never to another
 * scheme), conditional requests (ETag, Last-Modified), a private CA, and HTTP(S)_PROXY /
 * NO_PROXY honoured, never for this machine (proxy.ts); a proxy's failure is named as one.
 */
import type * as Undici from 'undici'
import type { Dispatcher } from 'undici'
import type { RemoteDocument } from '../../../shared/errors'
import { formatSize, LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import { readCaFile } from './ca-file'
import { fetchError, networkError } from './fetch-errors'
import { proxyFor, type ProxySettings } from './proxy'
import { checkRemoteUrl } from './remote-url'

export interface FetchOptions {
  timeoutMs: number
  allowRedirects: boolean
  insecureHttp: boolean
  /** A PEM file of CA certificates to trust besides the system's. */
  caFile?: string
  proxy?: ProxySettings
}

/** What came back: a new document, or "not modified" (304) for a conditional request. */
export type FetchOutcome =
  | {
      status: 'ok'
      url: string
      json: unknown
      etag?: string
      lastModified?: string
      cacheControl?: string
    }
  | { status: 'not-modified'; url: string; cacheControl?: string }

const MAX_REDIRECTS = 5
const USER_AGENT = 'jwt-workbench'
const agents = new Map<string, Dispatcher>()

/** undici is loaded on the first fetch: commands that fetch nothing never parse it (~150 ms). */
let undici: Promise<typeof Undici> | undefined
const loadUndici = () => (undici ??= import('undici'))

/** The dispatcher for a CA file and a proxy (one per process, file and proxy). */
async function agentFor(
  caFile: string | undefined,
  proxy: string | undefined,
): Promise<Dispatcher> {
  const { Agent, ProxyAgent } = await loadUndici()
  const key = `${caFile ?? ''}\n${proxy ?? ''}`
  let agent = agents.get(key)
  if (!agent) {
    // A CA file that cannot be used is the user's configuration, not the server's outage.
    const ca = caFile === undefined ? undefined : readCaFile(caFile)
    const tls = ca === undefined ? {} : { ca: [ca] }
    agent =
      proxy === undefined
        ? new Agent({ connect: tls })
        : new ProxyAgent({ uri: proxy, requestTls: tls, proxyTls: tls })
    agents.set(key, agent)
  }
  return agent
}

/** The dispatcher for a request to `url` (CA file, proxy unless this machine), and the proxy. */
export async function dispatcherFor(
  url: URL,
  options: Pick<FetchOptions, 'caFile' | 'proxy'>,
): Promise<{ dispatcher: Dispatcher; proxy: string | undefined }> {
  const proxy = proxyFor(url, options.proxy)
  return { dispatcher: await agentFor(options.caFile, proxy), proxy }
}

/** undici's fetch, loaded on first use like the rest of undici. */
export async function undiciFetch(): Promise<typeof Undici.fetch> {
  return (await loadUndici()).fetch
}

/** GETs `text` (a URL the user gave) as JSON; throws ERR_<DOCUMENT>_* on every failure. */
export async function getJson(
  text: string,
  document: RemoteDocument,
  options: FetchOptions,
  validators: { etag?: string; lastModified?: string } = {},
): Promise<FetchOutcome> {
  let url = checkRemoteUrl(text, document, options)
  const signal = AbortSignal.timeout(options.timeoutMs)
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT }
  if (validators.etag) headers['if-none-match'] = validators.etag
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified
  for (let hop = 0; ; hop++) {
    const { dispatcher, proxy } = await dispatcherFor(url, options)
    let response: Dispatcher.ResponseData
    try {
      response = await requestOnce(url, headers, dispatcher, signal)
    } catch (error) {
      throw proxy === undefined
        ? networkError(error, document, url, options.timeoutMs)
        : proxyError(document, url, proxy, error)
    }
    const { statusCode } = response
    const header = (name: string) => {
      const value = response.headers[name]
      return Array.isArray(value) ? value[0] : value
    }
    if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) {
      await response.body.dump()
      const location = header('location')
      const target = location === undefined ? undefined : safeUrl(location, url)
      if (!options.allowRedirects || target === undefined) {
        throw fetchError(
          document,
          'REDIRECT_REFUSED',
          `${url.host} redirects (HTTP ${statusCode}) to ${clip(location ?? 'nowhere', 200)}: redirects are refused. Use the final URL, or allow redirects.`,
        )
      }
      if (target.protocol !== url.protocol || hop + 1 >= MAX_REDIRECTS) {
        throw fetchError(
          document,
          'REDIRECT_REFUSED',
          hop + 1 >= MAX_REDIRECTS
            ? `More than ${MAX_REDIRECTS} redirects from ${url.host}.`
            : `${url.host} redirects from ${url.protocol} to ${target.protocol}: a redirect never changes the scheme.`,
        )
      }
      url = checkRemoteUrl(target.href, document, options)
      continue
    }
    const cacheControl = header('cache-control')
    if (statusCode === 304) {
      await response.body.dump()
      return { status: 'not-modified', url: url.href, ...(cacheControl ? { cacheControl } : {}) }
    }
    if (proxy !== undefined && PROXY_STATUSES.has(statusCode)) {
      await response.body.dump()
      throw proxyError(document, url, proxy, new Error(`HTTP ${statusCode}`))
    }
    if (statusCode !== 200) {
      await response.body.dump()
      throw fetchError(
        document,
        'HTTP_STATUS',
        `${url.href} answered HTTP ${statusCode}${statusCode === 404 ? ': check the path' : statusCode >= 500 ? ': the server failed' : ''}.`,
      )
    }
    const text = await readCapped(response, document, url, options.timeoutMs)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw fetchError(
        document,
        'NOT_JSON',
        `${url.href} did not answer with JSON (${clip(text.trim(), 60) || 'an empty body'}).`,
      )
    }
    const etag = header('etag')
    const lastModified = header('last-modified')
    return {
      status: 'ok',
      url: url.href,
      json,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      ...(cacheControl ? { cacheControl } : {}),
    }
  }
}

/** A GET, tried again once when a kept-alive connection turns out closed (GET is idempotent). */
async function requestOnce(
  url: URL,
  headers: Record<string, string>,
  dispatcher: Dispatcher,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  const { request } = await loadUndici()
  try {
    return await request(url, { method: 'GET', headers, dispatcher, signal })
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error
    return request(url, { method: 'GET', headers, dispatcher, signal })
  }
}

/** The body as text, refusing more than the cap as it streams (a Content-Length is not trusted). */
async function readCapped(
  response: Dispatcher.ResponseData,
  document: RemoteDocument,
  url: URL,
  timeoutMs: number,
): Promise<string> {
  const cap = LIMITS.remoteResponseBytes
  const tooLarge = () =>
    fetchError(
      document,
      'TOO_LARGE',
      `${url.href} sent more than ${formatSize(cap)}: refused (a key set is a few KiB).`,
    )
  const declared = Number(response.headers['content-length'])
  if (Number.isFinite(declared) && declared > cap) {
    response.body.destroy()
    throw tooLarge()
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length
      if (size > cap) {
        response.body.destroy()
        throw tooLarge()
      }
      chunks.push(chunk as Buffer)
    }
  } catch (error) {
    if ((error as { code?: string }).code === `ERR_${document}_TOO_LARGE`) throw error
    throw networkError(error, document, url, timeoutMs)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Statuses a proxy answers when it cannot reach the server or refuses the request. */
export const PROXY_STATUSES = new Set([407, 502, 503, 504])

/** A failure on the way through a proxy: the proxy is named, never its credentials. */
export function proxyError(document: RemoteDocument, url: URL, proxy: string, error: unknown) {
  let where = proxy
  try {
    where = new URL(proxy).host
  } catch {
    // Shown as given (it is the user's own setting).
  }
  const cause = networkError(error, document, url, 0).message.replace(/\.$/, '')
  return fetchError(
    document,
    'PROXY',
    `Fetching ${url.host} through the proxy ${where} (HTTPS_PROXY / HTTP_PROXY) failed: ${clip((error as Error).message, 120) || cause}. Check the proxy, or add the host to NO_PROXY.`,
    error,
  )
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base)
  } catch {
    return undefined
  }
}
