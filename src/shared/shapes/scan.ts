/** Output shapes of a log scan (zod): `jwtw scan --json` and --ndjson, the Scan view's jobs. */
import * as z from 'zod'
import { JsonObjectSchema, LintFindingSchema, TokenStatusSchema } from './token'

export const ScanVerificationSchema = z.object({
  state: z
    .enum(['valid', 'invalid', 'unverifiable'])
    .describe(
      'unverifiable: the keys given cannot judge it (another issuer, no key with its kid, a JWE).',
    ),
  code: z.string().optional(),
  message: z.string().optional(),
  key: z.string().optional().describe('The key that decided, in words (never the key).'),
})

export const ScanClaimsSchema = z.object({
  alg: z.string().optional(),
  enc: z.string().optional().describe('A JWE: its content encryption.'),
  provider: z.string().optional().describe('The identity provider and tenant, when known.'),
  kid: z.string().optional(),
  typ: z.string().optional(),
  iss: z.string().optional(),
  sub: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  clientId: z.string().optional(),
  scope: z.string().optional(),
})

export const ScanTokenSchema = z.object({
  sha256: z.string().describe('sha256 of the token (hex): names it without showing it.'),
  preview: z.string().describe('Redacted: a prefix and the length.'),
  token: z.string().optional().describe('The token itself, only when asked for (--show-tokens).'),
  kind: z.enum(['JWS', 'JWE']),
  count: z.number(),
  firstLine: z.number(),
  lastLine: z.number(),
  firstFile: z.string().optional(),
  lastFile: z.string().optional(),
  header: JsonObjectSchema.nullable(),
  payload: z.unknown(),
  claims: ScanClaimsSchema,
  status: TokenStatusSchema,
  longLived: z.boolean().describe('Lifetime over 24 hours, no exp, or exp null.'),
  lint: z.array(LintFindingSchema),
  verification: ScanVerificationSchema.optional(),
})

export const ScanFileSchema = z.object({
  path: z.string(),
  bytes: z.number(),
  lines: z.number(),
  gzip: z.boolean(),
  occurrences: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})

export const ScanGroupSchema = z.object({
  iss: z.string().nullable(),
  kid: z.string().nullable(),
  unique: z.number(),
  occurrences: z.number(),
  expired: z.number(),
  longLived: z.number(),
  algNone: z.number(),
  failing: z.number().optional(),
  unverifiable: z.number().optional(),
})

export const ScanOversizedSchema = z.object({
  file: z.string().optional(),
  line: z.number(),
  bytes: z.number().describe('Its length; for a run too long to hold, how much was seen ("over").'),
  code: z.literal('ERR_INPUT_TOO_LARGE'),
})

const summary = {
  occurrences: z.number(),
  unique: z.number(),
  unlisted: z.number().describe('Occurrences of tokens past the listing caps.'),
  truncated: z.number().describe('Truncated tokens (a header and dots only): counted, not listed.'),
  oversized: z.array(ScanOversizedSchema).describe('Runs over the one-token cap (the first 100).'),
  oversizedCount: z.number(),
  files: z.array(ScanFileSchema),
  groups: z.array(ScanGroupSchema),
  encrypted: z
    .array(
      z.object({ alg: z.string(), enc: z.string(), unique: z.number(), occurrences: z.number() }),
    )
    .describe('Encrypted tokens (JWE) by key management alg and enc; read by header only.'),
  scannedAt: z.string(),
  elapsedMs: z.number(),
  partial: z.boolean().optional().describe('Cancelled or interrupted: what was found until then.'),
}

export const ScanResultSchema = z.object({ ...summary, tokens: z.array(ScanTokenSchema) })
export const ScanSummarySchema = z.object(summary)

/** `jwtw scan --ndjson`: a line per new unique token, then a summary line. */
export const ScanLineSchema = z.discriminatedUnion('type', [
  ScanTokenSchema.extend({ type: z.literal('token') }),
  ScanSummarySchema.extend({ type: z.literal('summary') }),
])
