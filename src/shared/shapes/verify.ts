/** Output shapes of a verification (zod): the contract's verify result and `jwtw verify --json`. */
import * as z from 'zod/mini'
import { JWS_ALGS } from '../algorithms'
import { ERROR_CODES } from '../errors'
import { JsonObjectSchema, LintFindingSchema } from './token'

/** Every check a verification can list, in the order they run. */
export const CHECK_IDS = [
  'structure',
  'encoding',
  'duplicates',
  'alg',
  'crit',
  'header-keys',
  'key',
  'signature',
  'claims',
  'exp',
  'nbf',
  'iat',
  'max-age',
  'iss',
  'aud',
  'sub',
  'typ',
] as const

export const CheckIdSchema = z.union([
  z.enum(CHECK_IDS),
  z.templateLiteral(['require:', z.string()]).check(z.describe('A required claim: require:NAME.')),
  z.templateLiteral(['profile:', z.string()]).check(z.describe("A profile's rule: profile:RULE.")),
])

export const ErrorCodeSchema = z.enum(ERROR_CODES as [string, ...string[]])

export const RemoteOriginSchema = z.object({
  jwksUri: z.string().check(z.describe('The JWK Set URL the key was read from.')),
  issuer: z
    .optional(z.string())
    .check(z.describe('The issuer whose discovery document named that URL.')),
  fetchedAt: z.string().check(z.describe('When the copy in use was fetched (ISO 8601).')),
  ageSeconds: z.number().check(z.describe('Seconds since the server last confirmed the copy.')),
  stale: z
    .boolean()
    .check(z.describe('The server could not be reached and an older copy was used.')),
  staleBecause: z.optional(z.object({ code: z.string(), message: z.string() })),
})

export const KeyDescriptionSchema = z.object({
  origin: z.enum(['secret', 'pem', 'certificate', 'jwk', 'jwks', 'stored']),
  kind: z.enum(['secret', 'public', 'private']),
  keyType: z.enum(['oct', 'RSA', 'EC', 'OKP']),
  detail: z
    .string()
    .check(z.describe("'RSA 2048 bits', 'EC P-256', 'Ed25519', 'HMAC secret, 32 bytes'.")),
  algs: z.array(z.enum(JWS_ALGS)).check(z.describe('Algorithms the key can be used with.')),
  kid: z.optional(z.string()),
  thumbprint: z
    .optional(z.string())
    .check(z.describe('RFC 7638 thumbprint (SHA-256) of the public key.')),
  name: z.optional(z.string()).check(z.describe('Stored key name.')),
  use: z.optional(z.string()),
  keyOps: z.optional(z.array(z.string())),
  remote: z.optional(RemoteOriginSchema),
})

export const VerifyCheckSchema = z.object({
  id: CheckIdSchema,
  ok: z.boolean(),
  code: z.optional(ErrorCodeSchema),
  message: z.string(),
  skipped: z
    .optional(z.boolean())
    .check(z.describe('The check could not run (the token is then invalid).')),
  unverifiable: z
    .optional(z.boolean())
    .check(
      z.describe(
        'Failed because the keys given cannot judge this token (another key type, no key with its kid).',
      ),
    ),
})

export const VerifyResultSchema = z.object({
  valid: z.boolean().check(z.describe('Every check ran and passed.')),
  checks: z.array(VerifyCheckSchema),
  header: z.nullable(JsonObjectSchema),
  payload: z.unknown(),
  key: z
    .nullable(KeyDescriptionSchema)
    .check(z.describe('The key that verified the signature; null when none did.')),
  keysTried: z
    .number()
    .check(z.describe('Keys tried against the signature (0 when none fit the header).')),
  lint: z.optional(z.array(LintFindingSchema)),
})

/** `jwtw verify --json`: one result, or with --all one per token. */
export const VerifyOutputSchema = z.union([VerifyResultSchema, z.array(VerifyResultSchema)])
