/**
 * Output shapes of decoded tokens (zod): what decode returns across the contract and what
 * `jwtw decode --json` prints. The TypeScript types are inferred from these, and the JSON
 * Schemas under docs/json are generated from them (scripts/json-schemas.mjs).
 */
import * as z from 'zod'
import { TIME_CLAIMS } from '../relative-time'

export const JsonObjectSchema = z.record(z.string(), z.unknown())

export const TokenDefectSchema = z.object({
  code: z.string().describe('A stable code: bad_base64url, duplicate_keys, truncated, ...'),
  part: z.string().describe("Where: 'header', 'payload', 'signature', 'token'."),
  message: z.string(),
})

export const LintFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().describe('What is risky and what to do about it.'),
})

export const TokenTimeSchema = z.object({
  claim: z.enum(TIME_CLAIMS),
  value: z.number().describe('The value in the token: seconds since the epoch.'),
  iso: z.string().nullable().describe('ISO 8601 UTC, or null when not a representable date.'),
  relative: z.string().describe("'expires in 4m 12s', 'expired 3h ago'."),
})

export const DecodedTokenSchema = z.object({
  kind: z.enum(['JWS', 'JWE']),
  preview: z.string().describe('Redacted form of the token, safe to show in logs and lists.'),
  count: z.number().describe('Occurrences of this exact token in the input.'),
  offset: z
    .number()
    .describe('Character offset of its first occurrence (bytes in streamed input).'),
  line: z.number().optional().describe('1-based line of its first occurrence.'),
  column: z.number().optional().describe('1-based column of its first occurrence.'),
  header: JsonObjectSchema.nullable().describe(
    'The (protected) header, or null when it is no JSON object.',
  ),
  payload: z.unknown().describe('The decoded payload (JWS only; a JWE payload is encrypted).'),
  segmentLengths: z.array(z.number()),
  signatureBytes: z.number(),
  defects: z.array(TokenDefectSchema),
  times: z.array(TokenTimeSchema),
  lint: z.array(LintFindingSchema).describe('What is risky about this token, most severe first.'),
  provider: z
    .object({
      id: z.string(),
      name: z.string(),
      docs: z.string().describe("The provider's documentation of its token claims."),
      tenant: z.object({ label: z.string(), value: z.string() }).optional(),
    })
    .optional()
    .describe('The identity provider that issued it, recognised from iss or its claims.'),
  roles: z
    .array(z.string())
    .optional()
    .describe('Roles, groups and permissions, wherever the provider keeps them.'),
  scopes: z.array(z.string()).optional().describe('Scopes granted (scope or scp).'),
})

export const TokenStatusSchema = z.object({
  state: z.enum(['valid', 'expired', 'not-yet-valid', 'no-exp']),
  expired: z.boolean(),
  notYetValid: z.boolean(),
  expiresAt: z.string().nullable().describe('exp as ISO 8601 UTC, or null without a usable exp.'),
  secondsLeft: z.number().nullable().describe('Seconds until exp (negative once expired).'),
})

/** `jwtw decode --json`: each distinct token, with the token itself (a local inspection). */
export const DecodeOutputSchema = z.array(
  DecodedTokenSchema.extend({
    token: z.string(),
    sha256: z.string().describe('sha256 of the token, hex.'),
    status: TokenStatusSchema,
  }),
)
