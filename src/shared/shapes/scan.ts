/** Output shapes of a log scan (zod): `jwtw scan --json` and --ndjson, the Scan view's jobs. */
import * as z from 'zod/mini'
import { JsonObjectSchema, LintFindingSchema, TokenStatusSchema } from './token'

export const ScanVerificationSchema = z.object({
  state: z
    .enum(['valid', 'invalid', 'unverifiable'])
    .check(
      z.describe(
        'unverifiable: the keys given cannot judge it (another issuer, no key with its kid, a JWE).',
      ),
    ),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  key: z.optional(z.string()).check(z.describe('The key that decided, in words (never the key).')),
})

export const ScanClaimsSchema = z.object({
  alg: z.optional(z.string()),
  enc: z.optional(z.string()).check(z.describe('A JWE: its content encryption.')),
  provider: z
    .optional(z.string())
    .check(z.describe('The identity provider and tenant, when known.')),
  kid: z.optional(z.string()),
  typ: z.optional(z.string()),
  iss: z.optional(z.string()),
  sub: z.optional(z.string()),
  aud: z.optional(z.union([z.string(), z.array(z.string())])),
  clientId: z.optional(z.string()),
  scope: z.optional(z.string()),
})

export const ScanTokenSchema = z.object({
  sha256: z.string().check(z.describe('sha256 of the token (hex): names it without showing it.')),
  preview: z.string().check(z.describe('Redacted: a prefix and the length.')),
  token: z
    .optional(z.string())
    .check(z.describe('The token itself, only when asked for (--show-tokens).')),
  kind: z.enum(['JWS', 'JWE']),
  count: z.number(),
  firstLine: z.number(),
  lastLine: z.number(),
  firstFile: z.optional(z.string()),
  lastFile: z.optional(z.string()),
  header: z.nullable(JsonObjectSchema),
  payload: z.unknown(),
  claims: ScanClaimsSchema,
  status: TokenStatusSchema,
  longLived: z.boolean().check(z.describe('Lifetime over 24 hours, no exp, or exp null.')),
  lint: z.array(LintFindingSchema),
  verification: z.optional(ScanVerificationSchema),
})

export const ScanFileSchema = z.object({
  path: z.string(),
  bytes: z.number(),
  lines: z.number(),
  gzip: z.boolean(),
  occurrences: z.number(),
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
})

export const ScanGroupSchema = z.object({
  iss: z.nullable(z.string()),
  kid: z.nullable(z.string()),
  unique: z.number(),
  occurrences: z.number(),
  expired: z.number(),
  longLived: z.number(),
  algNone: z.number(),
  failing: z.optional(z.number()),
  unverifiable: z.optional(z.number()),
})

export const ScanOversizedSchema = z.object({
  file: z.optional(z.string()),
  line: z.number(),
  bytes: z
    .number()
    .check(z.describe('Its length; for a run too long to hold, how much was seen ("over").')),
  code: z.literal('ERR_INPUT_TOO_LARGE'),
})

const summary = {
  occurrences: z.number(),
  unique: z.number(),
  unlisted: z.number().check(z.describe('Occurrences of tokens past the listing caps.')),
  truncated: z
    .number()
    .check(z.describe('Truncated tokens (a header and dots only): counted, not listed.')),
  oversized: z
    .array(ScanOversizedSchema)
    .check(z.describe('Runs over the one-token cap (the first 100).')),
  oversizedCount: z.number(),
  files: z.array(ScanFileSchema),
  groups: z.array(ScanGroupSchema),
  encrypted: z
    .array(
      z.object({ alg: z.string(), enc: z.string(), unique: z.number(), occurrences: z.number() }),
    )
    .check(
      z.describe('Encrypted tokens (JWE) by key management alg and enc; read by header only.'),
    ),
  scannedAt: z.string(),
  elapsedMs: z.number(),
  partial: z
    .optional(z.boolean())
    .check(z.describe('Cancelled or interrupted: what was found until then.')),
}

export const ScanResultSchema = z.object({ ...summary, tokens: z.array(ScanTokenSchema) })
export const ScanSummarySchema = z.object(summary)

/** `jwtw scan --ndjson`: a line per new unique token, then a summary line. */
export const ScanLineSchema = z.discriminatedUnion('type', [
  z.extend(ScanTokenSchema, { type: z.literal('token') }),
  z.extend(ScanSummarySchema, { type: z.literal('summary') }),
])
