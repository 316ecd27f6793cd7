/** zod schemas of the remote-keys contract methods: JWKS reports, the cache, trusted issuers. */
import * as z from 'zod'
import { LIMITS } from './limits'
import { RemoteOptionsSchema } from './request-schemas'

const url = z.string().min(1).max(LIMITS.url)

/**
 * What `jwks.fetch` reports on: a JWKS URL, or an issuer (discovery).
 *
 * @example
 * JwksSourceSchema.parse({ issuer: 'https://auth.example.com' })
 */
export const JwksSourceSchema = z.union([
  z.strictObject({ jwksUri: url }),
  z.strictObject({ issuer: url }),
])

export const JwksFetchOptionsSchema = z
  .strictObject({ refresh: z.boolean().optional(), remote: RemoteOptionsSchema.optional() })
  .optional()

export const CacheUrlSchema = url

/**
 * Arguments of `issuers.add`.
 *
 * @example
 * TrustIssuerSchema.parse({ issuer: 'https://auth.example.com', audience: 'api' })
 */
export const TrustIssuerSchema = z.strictObject({
  issuer: url,
  name: z.string().max(LIMITS.value).optional(),
  audience: z.string().min(1).max(LIMITS.value).optional(),
  /** Accept tokens for any of the issuer's clients: no audience check. */
  anyAudience: z.boolean().optional(),
  insecureHttp: z.boolean().optional(),
})

/** How remote keys are fetched, kept in the settings file. */
export const RemotePreferencesSchema = z.strictObject({
  caFile: z.string().min(1).max(LIMITS.path).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  maxStaleSeconds: z
    .number()
    .int()
    .min(0)
    .max(365 * 24 * 3600)
    .optional(),
  allowRedirects: z.boolean().optional(),
})
export type RemotePreferences = z.infer<typeof RemotePreferencesSchema>
