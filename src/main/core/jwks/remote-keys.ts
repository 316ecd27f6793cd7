/**
 * Keys from the network, for verify, the jwks command and the JWKS view: a JWKS URL, or an
 * issuer's keys through discovery; only URLs the user gave (never one from a token). Each
 * result says where its keys came from, when they were fetched, and whether the copy is stale.
 */
import { createHash } from 'node:crypto'
import type { WorkbenchError } from '../../../shared/errors'
import type { JwksFinding, JwksReport, RemoteOrigin } from '../../../shared/jwks-types'
import type { CoreEnv } from '../env'
import { CACHE_RULES } from './cache-policy'
import { createDocumentCache, type Cached, type DocumentCache } from './document-cache'
import { checkIssuer, discoveryUrls, prepareDiscovery } from './discovery'
import type { FetchOptions } from './http-get'
import type { ProxySettings } from './proxy'
import { describeSet, publicSet } from './jwk-set'

/** How remote documents are fetched; the caller's options over the stored preferences. */
export interface RemoteOptions {
  insecureHttp?: boolean
  allowRedirects?: boolean
  timeoutMs?: number
  maxStaleSeconds?: number
  caFile?: string
}

/** A public JWK Set ready for the key parser, and where it came from. */
export interface RemoteSet {
  jwks: { keys: Array<Record<string, unknown>> }
  origin: RemoteOrigin
}

export interface RemoteKeys {
  /** The keys at a JWKS URL. */
  fromJwksUri(
    url: string,
    options?: RemoteOptions & { kid?: string; refresh?: boolean },
  ): Promise<RemoteSet>
  /** An issuer's keys, through its discovery document. */
  fromIssuer(
    issuer: string,
    options?: RemoteOptions & { kid?: string; refresh?: boolean },
  ): Promise<RemoteSet>
  /** A JWK Set explained: keys, cache state, rotation, findings. */
  report(
    source: { jwksUri: string } | { issuer: string },
    options?: RemoteOptions & { refresh?: boolean },
  ): Promise<JwksReport>
  readonly cache: DocumentCache
  /** How this process fetches (preferences, CA file, proxy): the token flows fetch the same way. */
  fetchOptions(): FetchOptions
}

export const DEFAULT_TIMEOUT_MS = 5000

export function createRemoteKeys(
  env: CoreEnv,
  preferences: () => RemoteOptions,
  proxy: ProxySettings = {},
): RemoteKeys {
  const cache = createDocumentCache(env)

  const resolve = (options: RemoteOptions): { fetch: FetchOptions; maxStaleSeconds: number } => {
    const merged = { ...preferences(), ...definedOf(options) }
    return {
      fetch: {
        timeoutMs: merged.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        allowRedirects: merged.allowRedirects ?? false,
        insecureHttp: merged.insecureHttp ?? false,
        proxy,
        ...(merged.caFile ? { caFile: merged.caFile } : {}),
      },
      maxStaleSeconds: merged.maxStaleSeconds ?? CACHE_RULES.defaultMaxStaleSeconds,
    }
  }

  async function jwksEntry(
    url: string,
    options: RemoteOptions & { kid?: string; refresh?: boolean },
  ): Promise<Cached> {
    return cache.get(url, {
      kind: 'jwks',
      policy: () => resolve(options),
      prepare: (json, at) => {
        const set = publicSet(json, at)
        return { body: { keys: set.keys }, notes: set.findings }
      },
      keyIds: (body) => ((body as { keys?: Array<Record<string, unknown>> }).keys ?? []).map(keyId),
      ...(options.kid === undefined ? {} : { kid: options.kid }),
      ...(options.refresh ? { refresh: true } : {}),
    })
  }

  async function jwksUriOf(
    issuer: string,
    options: RemoteOptions & { refresh?: boolean },
  ): Promise<string> {
    const [oidc, rfc8414] = discoveryUrls(issuer)
    const get = (url: string) =>
      cache.get(url, {
        kind: 'discovery',
        policy: () => resolve(options),
        prepare: prepareDiscovery(issuer),
        ...(options.refresh ? { refresh: true } : {}),
      })
    let found: Cached
    try {
      found = await get(oidc!)
    } catch (error) {
      // Only "no such document" sends us to the RFC 8414 location.
      if ((error as WorkbenchError).code !== 'ERR_DISCOVERY_HTTP_STATUS') throw error
      found = await get(rfc8414!)
    }
    const body = found.entry.body as { issuer?: unknown; jwks_uri: string }
    checkIssuer(body.issuer, issuer, found.entry.url)
    return body.jwks_uri
  }

  const originOf = (cached: Cached, issuer?: string): RemoteOrigin => ({
    jwksUri: cached.entry.url,
    ...(issuer === undefined ? {} : { issuer }),
    fetchedAt: cached.entry.fetchedAt,
    ageSeconds: Math.max(
      0,
      Math.floor((env.now().getTime() - Date.parse(cached.entry.checkedAt)) / 1000),
    ),
    stale: cached.stale !== undefined,
    ...(cached.stale ? { staleBecause: cached.stale } : {}),
  })

  const setOf = (cached: Cached, issuer?: string): RemoteSet => ({
    jwks: cached.entry.body as RemoteSet['jwks'],
    origin: originOf(cached, issuer),
  })

  return {
    cache,
    fetchOptions: () => resolve({}).fetch,
    async fromJwksUri(url, options = {}) {
      return setOf(await jwksEntry(url, options))
    },
    async fromIssuer(issuer, options = {}) {
      const jwksUri = await jwksUriOf(issuer, options)
      return setOf(await jwksEntry(jwksUri, options), issuer)
    },
    async report(source, options = {}) {
      const issuer = 'issuer' in source ? source.issuer : undefined
      const url =
        issuer === undefined
          ? (source as { jwksUri: string }).jwksUri
          : await jwksUriOf(issuer, options)
      const cached = await jwksEntry(url, options)
      const { entry } = cached
      const described = await describeSet(
        {
          keys: (entry.body as RemoteSet['jwks']).keys,
          findings: (entry.notes ?? []) as JwksFinding[],
        },
        env.now(),
      )
      const origin = originOf(cached, issuer)
      return {
        jwksUri: url,
        ...(issuer === undefined ? {} : { issuer }),
        keys: described.keys,
        cache: {
          fetchedAt: entry.fetchedAt,
          checkedAt: entry.checkedAt,
          ageSeconds: origin.ageSeconds,
          maxAgeSeconds: entry.maxAgeSeconds,
          fresh: !origin.stale && origin.ageSeconds < entry.maxAgeSeconds,
          stale: origin.stale,
          ...(cached.stale ? { staleBecause: cached.stale } : {}),
          ...(entry.etag ? { etag: entry.etag } : {}),
          ...(entry.lastModified ? { lastModified: entry.lastModified } : {}),
        },
        rotation: entry.rotation ?? { added: [], removed: [] },
        findings: described.findings,
      }
    },
  }
}

/** How a key is named in a rotation diff: its kid, or its RFC 7638 thumbprint. */
export function keyId(jwk: Record<string, unknown>): string {
  if (typeof jwk['kid'] === 'string') return jwk['kid']
  const required: Record<string, string[]> = {
    RSA: ['e', 'kty', 'n'],
    EC: ['crv', 'kty', 'x', 'y'],
    OKP: ['crv', 'kty', 'x'],
  }
  const members = required[String(jwk['kty'])] ?? ['kty']
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])))
  return `thumbprint:${createHash('sha256').update(canonical).digest('base64url')}`
}

function definedOf(options: RemoteOptions): RemoteOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as RemoteOptions
}
