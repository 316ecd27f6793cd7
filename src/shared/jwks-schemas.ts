/** zod schemas of the remote-keys contract methods: JWKS reports, the cache, trusted issuers. */
import * as z from 'zod/mini'
import { LIMITS } from './limits'
import { RemoteOptionsSchema } from './request-schemas'

const url = z.string().check(z.minLength(1), z.maxLength(LIMITS.url))

/**
 * What `jwks.fetch` reports on: a JWKS URL, or an issuer (discovery).
 *
 * @example
 * JwksSourceSchema.parse({ issuer: 'https://auth.example.com' })
 */
export const JwksSourceSchema = z.lazy(() =>
  z.union([z.strictObject({ jwksUri: url }), z.strictObject({ issuer: url })]),
)

export const JwksFetchOptionsSchema = z.lazy(() =>
  z.optional(
    z.strictObject({ refresh: z.optional(z.boolean()), remote: z.optional(RemoteOptionsSchema) }),
  ),
)

export const CacheUrlSchema = z.lazy(() => url)

/**
 * Arguments of `issuers.add`.
 *
 * @example
 * TrustIssuerSchema.parse({ issuer: 'https://auth.example.com', audience: 'api' })
 */
export const TrustIssuerSchema = z.lazy(() =>
  z.strictObject({
    issuer: url,
    name: z.optional(z.string().check(z.maxLength(LIMITS.value))),
    audience: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.value))),
    /** Accept tokens for any of the issuer's clients: no audience check. */
    anyAudience: z.optional(z.boolean()),
    insecureHttp: z.optional(z.boolean()),
  }),
)

/** How remote keys are fetched, kept in the settings file. */
export const RemotePreferencesSchema = z.lazy(() =>
  z.strictObject({
    caFile: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.path))),
    timeoutMs: z.optional(z.int().check(z.gte(100), z.lte(120_000))),
    maxStaleSeconds: z.optional(z.int().check(z.gte(0), z.lte(365 * 24 * 3600))),
    allowRedirects: z.optional(z.boolean()),
  }),
)
export type RemotePreferences = z.infer<typeof RemotePreferencesSchema>
