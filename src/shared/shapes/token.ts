/**
 * Output shapes of decoded tokens (zod): what decode returns across the contract and what
 * `jwtw decode --json` prints. The TypeScript types are inferred from these, and the JSON
 * Schemas under docs/json are generated from them (scripts/json-schemas.mjs).
 */
import * as z from 'zod/mini'
import { TIME_CLAIMS } from '../relative-time'

export const JsonObjectSchema = z.record(z.string(), z.unknown())

export const TokenDefectSchema = z.object({
  code: z
    .string()
    .check(z.describe('A stable code: bad_base64url, duplicate_keys, truncated, ...')),
  part: z.string().check(z.describe("Where: 'header', 'payload', 'signature', 'token'.")),
  message: z.string(),
})

export const LintFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().check(z.describe('What is risky and what to do about it.')),
})

export const TokenTimeSchema = z.object({
  claim: z.enum(TIME_CLAIMS),
  value: z.number().check(z.describe('The value in the token: seconds since the epoch.')),
  iso: z
    .nullable(z.string())
    .check(z.describe('ISO 8601 UTC, or null when not a representable date.')),
  relative: z.string().check(z.describe("'expires in 4m 12s', 'expired 3h ago'.")),
})

export const DecodedTokenSchema = z.object({
  kind: z.enum(['JWS', 'JWE']),
  preview: z
    .string()
    .check(z.describe('Redacted form of the token, safe to show in logs and lists.')),
  count: z.number().check(z.describe('Occurrences of this exact token in the input.')),
  offset: z
    .number()
    .check(z.describe('Character offset of its first occurrence (bytes in streamed input).')),
  line: z.optional(z.number()).check(z.describe('1-based line of its first occurrence.')),
  column: z.optional(z.number()).check(z.describe('1-based column of its first occurrence.')),
  header: z
    .nullable(JsonObjectSchema)
    .check(z.describe('The (protected) header, or null when it is no JSON object.')),
  payload: z
    .unknown()
    .check(z.describe('The decoded payload (JWS only; a JWE payload is encrypted).')),
  segmentLengths: z.array(z.number()),
  signatureBytes: z.number(),
  defects: z.array(TokenDefectSchema),
  times: z.array(TokenTimeSchema),
  lint: z
    .array(LintFindingSchema)
    .check(z.describe('What is risky about this token, most severe first.')),
  provider: z
    .optional(
      z.object({
        id: z.string(),
        name: z.string(),
        docs: z.string().check(z.describe("The provider's documentation of its token claims.")),
        tenant: z.optional(z.object({ label: z.string(), value: z.string() })),
      }),
    )
    .check(z.describe('The identity provider that issued it, recognised from iss or its claims.')),
  roles: z
    .optional(z.array(z.string()))
    .check(z.describe('Roles, groups and permissions, wherever the provider keeps them.')),
  scopes: z.optional(z.array(z.string())).check(z.describe('Scopes granted (scope or scp).')),
})

export const TokenStatusSchema = z.object({
  state: z.enum(['valid', 'expired', 'not-yet-valid', 'no-exp']),
  expired: z.boolean(),
  notYetValid: z.boolean(),
  expiresAt: z
    .nullable(z.string())
    .check(z.describe('exp as ISO 8601 UTC, or null without a usable exp.')),
  secondsLeft: z
    .nullable(z.number())
    .check(z.describe('Seconds until exp (negative once expired).')),
})

/** `jwtw decode --json`: each distinct token, with the token itself (a local inspection). */
export const DecodeOutputSchema = z.array(
  z.extend(DecodedTokenSchema, {
    token: z.string(),
    sha256: z.string().check(z.describe('sha256 of the token, hex.')),
    status: TokenStatusSchema,
  }),
)
