/**
 * Which proxy a fetch goes through: HTTPS_PROXY for https, HTTP_PROXY for http (either case),
 * none for a host NO_PROXY names (a host, a domain and its subdomains, `*`), and never one for
 * this machine (127.0.0.0/8, ::1, localhost), whatever the environment says: a local JWKS or
 * issuer is never sent to a proxy.
 */
import { isLoopbackHost } from './remote-url'

/** The proxy settings of an environment. */
export interface ProxySettings {
  httpProxy?: string
  httpsProxy?: string
  noProxy?: string
}

/** The proxy settings in `env` (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, or their lower case). */
export function proxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  const read = (name: string) => env[name.toLowerCase()]?.trim() || env[name]?.trim() || undefined
  const settings: ProxySettings = {}
  const http = read('HTTP_PROXY')
  const https = read('HTTPS_PROXY')
  const no = read('NO_PROXY')
  if (http) settings.httpProxy = http
  if (https) settings.httpsProxy = https
  if (no) settings.noProxy = no
  return settings
}

/** The proxy URL `url` is fetched through, or undefined for a direct connection. */
export function proxyFor(url: URL, settings: ProxySettings = {}): string | undefined {
  if (isLoopbackHost(url.hostname)) return undefined
  const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy
  if (proxy === undefined || bypassed(url, settings.noProxy)) return undefined
  return proxy
}

function bypassed(url: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true
      const [name, entryPort] = entry
        .toLowerCase()
        .replace(/^\*?\./, '.')
        .split(/:(?=\d+$)/)
      if (entryPort !== undefined && entryPort !== port) return false
      const domain = name!.replace(/^\./, '')
      return host === domain || host.endsWith(`.${domain}`)
    })
}
