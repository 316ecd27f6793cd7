/** Output shapes of remote keys (zod): JWK Set reports, the cache, trusted issuers. */
import * as z from 'zod/mini'

const Failure = z.object({ code: z.string(), message: z.string() })

export const JwkSummarySchema = z.object({
  kid: z.optional(z.string()),
  kty: z.string(),
  alg: z.optional(z.string()),
  use: z.optional(z.string()),
  detail: z.string().check(z.describe("'RSA 2048 bits', 'EC P-256', or why it cannot be used.")),
  thumbprint: z
    .optional(z.string())
    .check(z.describe('RFC 7638 thumbprint, for keys that can be read.')),
  certificate: z
    .optional(z.object({ subject: z.string(), notAfter: z.string(), expired: z.boolean() }))
    .check(z.describe('The first certificate of its x5c chain.')),
  usable: z.boolean().check(z.describe('False when the key cannot verify.')),
})

export const JwksFindingSchema = z.object({
  code: z.enum([
    'private_members',
    'symmetric_key',
    'rsa_short',
    'key_weak',
    'duplicate_kid',
    'missing_kid',
    'no_alg_or_use',
    'certificate_expired',
    'unusable_key',
  ]),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
})

export const JwksCacheStateSchema = z.object({
  fetchedAt: z.string(),
  checkedAt: z
    .string()
    .check(z.describe('Last time the server confirmed the copy (a 200 or a 304).')),
  ageSeconds: z.number(),
  maxAgeSeconds: z
    .number()
    .check(z.describe('How long a copy is used without asking the server again.')),
  fresh: z.boolean(),
  stale: z.boolean(),
  staleBecause: z.optional(Failure),
  etag: z.optional(z.string()),
  lastModified: z.optional(z.string()),
})

export const JwksReportSchema = z.object({
  jwksUri: z.string(),
  issuer: z.optional(z.string()),
  keys: z.array(JwkSummarySchema),
  cache: JwksCacheStateSchema,
  rotation: z
    .object({
      added: z.array(z.string()),
      removed: z.array(z.string()),
      since: z.optional(z.string()),
    })
    .check(z.describe('kids (or thumbprints) added and removed since the previous copy.')),
  findings: z.array(JwksFindingSchema),
})

export const CachedDocumentSchema = z.object({
  url: z.string(),
  kind: z.enum(['jwks', 'discovery']),
  fetchedAt: z.string(),
  checkedAt: z.string(),
  maxAgeSeconds: z.number(),
  keys: z.optional(z.number()),
})

export const TrustedIssuerSchema = z.object({
  issuer: z.string(),
  name: z.optional(z.string()),
  audience: z
    .optional(z.string())
    .check(z.describe('The audience its tokens must have when verify is given none.')),
  anyAudience: z.optional(z.boolean()).check(z.describe('Accepts tokens for any of its clients.')),
  addedAt: z.string(),
})

export const IssuersListOutputSchema = z.array(TrustedIssuerSchema)
