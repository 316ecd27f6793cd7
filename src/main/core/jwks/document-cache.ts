/**
 * The cache of remote documents (JWK Sets and discovery documents), per URL: shared by every
 * verification in a process and kept in the settings file (public material only), so another
 * jwtw process within the freshness window asks the server nothing. Concurrent callers share
 * one in-flight fetch; an unknown kid makes one refetch, then waits out a cooldown; when the
 * server cannot be reached, the last good copy is used up to a bound, and reported as stale.
 */
import * as z from 'zod/mini'
import { WorkbenchError, type RemoteDocument } from '../../../shared/errors'
import type { CachedDocument } from '../../../shared/jwks-types'
import type { CoreEnv } from '../env'
import { CACHE_RULES, freshnessSeconds } from './cache-policy'
import { getJson, type FetchOptions } from './http-get'

const CacheEntrySchema = z.lazy(() =>
  z.looseObject({
    url: z.string(),
    kind: z.enum(['jwks', 'discovery']),
    body: z.unknown(),
    /** Findings made when the document came in (what was cut out is gone). */
    notes: z.optional(z.array(z.unknown())),
    fetchedAt: z.iso.datetime(),
    checkedAt: z.iso.datetime(),
    // The settings file is checked when read: a freshness outside the bounds any fetch can set
    // (an edited file) is brought back inside them.
    maxAgeSeconds: z.pipe(
      z.number(),
      z.transform((n) =>
        Number.isFinite(n)
          ? Math.min(CACHE_RULES.maxSeconds, Math.max(CACHE_RULES.minSeconds, n))
          : CACHE_RULES.minSeconds,
      ),
    ),
    etag: z.optional(z.string()),
    lastModified: z.optional(z.string()),
    rotation: z.optional(
      z.object({ added: z.array(z.string()), removed: z.array(z.string()), since: z.string() }),
    ),
  }),
)
export type CacheEntry = z.infer<typeof CacheEntrySchema>

/** A document as the cache hands it out, with why it is stale when it is. */
export interface Cached {
  entry: CacheEntry
  stale?: { code: string; message: string }
}

/** What a caller makes of a fetched document before it is kept (validated, cut down). */
export type Prepare = (json: unknown, url: string) => { body: unknown; notes?: unknown[] }

export interface GetOptions {
  kind: 'jwks' | 'discovery'
  prepare: Prepare
  /** How to fetch, and how stale a copy may be used: read only when the cache must ask. */
  policy: () => { fetch: FetchOptions; maxStaleSeconds: number }
  /** Refetch even when fresh. */
  refresh?: boolean
  /** For a JWK Set: the kid wanted; an unknown kid makes one refetch, then a cooldown. */
  kid?: string
  /** For a JWK Set: how a key is named in the rotation diff. */
  keyIds?: (body: unknown) => string[]
}

export interface DocumentCache {
  get(url: string, options: GetOptions): Promise<Cached>
  list(): CachedDocument[]
  forget(url: string): Promise<void>
}

const SECTION = 'jwksCache'
/** Documents kept in the settings file at most; the least recently checked go first. */
const MAX_STORED = 100

export function createDocumentCache(env: CoreEnv): DocumentCache {
  const memory = new Map<string, CacheEntry>()
  const inFlight = new Map<string, Promise<Cached>>()
  const lastKidRefetch = new Map<string, number>()
  const nowMs = () => env.now().getTime()

  const stored = (url: string): CacheEntry | undefined => {
    const all = env.settings.get(SECTION)
    if (typeof all !== 'object' || all === null || Array.isArray(all)) return undefined
    const parsed = CacheEntrySchema.safeParse((all as Record<string, unknown>)[url])
    return parsed.success && parsed.data.url === url ? parsed.data : undefined
  }

  const persist = async (entry: CacheEntry): Promise<void> => {
    memory.set(entry.url, entry)
    await env.settings.update(SECTION, (current) => {
      const all = {
        ...(typeof current === 'object' && current !== null && !Array.isArray(current)
          ? current
          : {}),
      }
      all[entry.url] = entry as never
      const urls = Object.keys(all)
      if (urls.length > MAX_STORED) {
        const byAge = urls.sort((a, b) => checkedOf(all[a]).localeCompare(checkedOf(all[b])))
        for (const old of byAge.slice(0, urls.length - MAX_STORED)) delete all[old]
      }
      return all
    })
  }

  async function refetch(
    url: string,
    options: GetOptions,
    previous: CacheEntry | undefined,
  ): Promise<Cached> {
    const document: RemoteDocument = options.kind === 'jwks' ? 'JWKS' : 'DISCOVERY'
    const at = env.now().toISOString()
    const policy = options.policy()
    try {
      const outcome = await getJson(
        url,
        document,
        policy.fetch,
        previous
          ? {
              ...(previous.etag ? { etag: previous.etag } : {}),
              ...(previous.lastModified ? { lastModified: previous.lastModified } : {}),
            }
          : {},
      )
      const maxAgeSeconds = freshnessSeconds(outcome.cacheControl)
      if (outcome.status === 'not-modified' && previous) {
        const renewed = { ...previous, checkedAt: at, maxAgeSeconds }
        await persist(renewed)
        return { entry: renewed }
      }
      if (outcome.status === 'not-modified') {
        throw new WorkbenchError(
          `ERR_${document}_HTTP_STATUS`,
          `${url} answered 304 to a request that asked for no validation.`,
        )
      }
      const prepared = options.prepare(outcome.json, url)
      const entry: CacheEntry = {
        url,
        kind: options.kind,
        body: prepared.body,
        ...(prepared.notes && prepared.notes.length > 0 ? { notes: prepared.notes } : {}),
        fetchedAt: at,
        checkedAt: at,
        maxAgeSeconds,
        ...(outcome.etag ? { etag: outcome.etag } : {}),
        ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
      }
      const rotation =
        previous && options.keyIds
          ? diff(options.keyIds(previous.body), options.keyIds(entry.body))
          : undefined
      if (rotation && (rotation.added.length > 0 || rotation.removed.length > 0)) {
        entry.rotation = { ...rotation, since: previous!.fetchedAt }
      } else if (previous?.rotation) entry.rotation = previous.rotation
      await persist(entry)
      return { entry }
    } catch (error) {
      const code = (error as { code?: unknown }).code
      const usable =
        previous &&
        nowMs() >= Date.parse(previous.checkedAt) &&
        (nowMs() - Date.parse(previous.checkedAt)) / 1000 <= policy.maxStaleSeconds
      if (usable && typeof code === 'string' && fallsBackOn(code)) {
        return { entry: previous, stale: { code, message: (error as Error).message } }
      }
      throw error
    }
  }

  return {
    async get(url, options) {
      const entry = memory.get(url) ?? stored(url)
      if (entry && !memory.has(url)) memory.set(url, entry)
      if (entry && !options.refresh) {
        // A check time in the future (a clock set back, an edited file) makes nothing fresh.
        const age = nowMs() - Date.parse(entry.checkedAt)
        const fresh = age >= 0 && age < entry.maxAgeSeconds * 1000
        const knowsKid =
          options.kid === undefined ||
          !options.keyIds ||
          options.keyIds(entry.body).includes(options.kid)
        if (fresh && knowsKid) return { entry }
        if (fresh) {
          // A refetch for an unknown kid is on its way: everyone waits for that one.
          const pending = inFlight.get(url)
          if (pending) return pending
          const last = lastKidRefetch.get(url)
          if (last !== undefined && nowMs() - last < CACHE_RULES.unknownKidCooldownSeconds * 1000) {
            return { entry }
          }
          lastKidRefetch.set(url, nowMs())
        }
      }
      let pending = inFlight.get(url)
      if (!pending) {
        pending = refetch(url, options, entry).finally(() => inFlight.delete(url))
        inFlight.set(url, pending)
      }
      return pending
    },
    list() {
      const all = env.settings.get(SECTION)
      const urls =
        typeof all === 'object' && all !== null && !Array.isArray(all) ? Object.keys(all) : []
      return urls.flatMap((url) => {
        const entry = memory.get(url) ?? stored(url)
        if (!entry) return []
        const keys = (entry.body as { keys?: unknown[] } | null)?.keys
        return [
          {
            url,
            kind: entry.kind,
            fetchedAt: entry.fetchedAt,
            checkedAt: entry.checkedAt,
            maxAgeSeconds: entry.maxAgeSeconds,
            ...(Array.isArray(keys) ? { keys: keys.length } : {}),
          },
        ]
      })
    },
    async forget(url) {
      memory.delete(url)
      await env.settings.update(SECTION, (current) => {
        const all = {
          ...(typeof current === 'object' && current !== null && !Array.isArray(current)
            ? current
            : {}),
        }
        delete all[url]
        return all
      })
    },
  }
}

/** An old copy stands in when the server cannot be reached or sends junk, never when it changed its mind on who it is. */
function fallsBackOn(code: string): boolean {
  return (
    /^ERR_(JWKS|DISCOVERY)_/.test(code) &&
    code !== 'ERR_DISCOVERY_ISSUER_MISMATCH' &&
    code !== 'ERR_DISCOVERY_NO_JWKS_URI'
  )
}

function diff(before: string[], after: string[]): { added: string[]; removed: string[] } {
  return {
    added: after.filter((id) => !before.includes(id)),
    removed: before.filter((id) => !after.includes(id)),
  }
}

function checkedOf(value: unknown): string {
  const checked = (value as { checkedAt?: unknown } | null)?.checkedAt
  return typeof checked === 'string' ? checked : ''
}
