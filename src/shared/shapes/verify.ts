/** Output shapes of a verification (zod): the contract's verify result and `jwtw verify --json`. */
import * as z from 'zod'
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
  z.templateLiteral(['require:', z.string()]).describe('A required claim: require:NAME.'),
  z.templateLiteral(['profile:', z.string()]).describe("A profile's rule: profile:RULE."),
])

export const ErrorCodeSchema = z.enum(ERROR_CODES as [string, ...string[]])

export const RemoteOriginSchema = z.object({
  jwksUri: z.string().describe('The JWK Set URL the key was read from.'),
  issuer: z.string().optional().describe('The issuer whose discovery document named that URL.'),
  fetchedAt: z.string().describe('When the copy in use was fetched (ISO 8601).'),
  ageSeconds: z.number().describe('Seconds since the server last confirmed the copy.'),
  stale: z.boolean().describe('The server could not be reached and an older copy was used.'),
  staleBecause: z.object({ code: z.string(), message: z.string() }).optional(),
})

export const KeyDescriptionSchema = z.object({
  origin: z.enum(['secret', 'pem', 'certificate', 'jwk', 'jwks', 'stored']),
  kind: z.enum(['secret', 'public', 'private']),
  keyType: z.enum(['oct', 'RSA', 'EC', 'OKP']),
  detail: z.string().describe("'RSA 2048 bits', 'EC P-256', 'Ed25519', 'HMAC secret, 32 bytes'."),
  algs: z.array(z.enum(JWS_ALGS)).describe('Algorithms the key can be used with.'),
  kid: z.string().optional(),
  thumbprint: z.string().optional().describe('RFC 7638 thumbprint (SHA-256) of the public key.'),
  name: z.string().optional().describe('Stored key name.'),
  use: z.string().optional(),
  keyOps: z.array(z.string()).optional(),
  remote: RemoteOriginSchema.optional(),
})

export const VerifyCheckSchema = z.object({
  id: CheckIdSchema,
  ok: z.boolean(),
  code: ErrorCodeSchema.optional(),
  message: z.string(),
  skipped: z.boolean().optional().describe('The check could not run (the token is then invalid).'),
  unverifiable: z
    .boolean()
    .optional()
    .describe(
      'Failed because the keys given cannot judge this token (another key type, no key with its kid).',
    ),
})

export const VerifyResultSchema = z.object({
  valid: z.boolean().describe('Every check ran and passed.'),
  checks: z.array(VerifyCheckSchema),
  header: JsonObjectSchema.nullable(),
  payload: z.unknown(),
  key: KeyDescriptionSchema.nullable().describe(
    'The key that verified the signature; null when none did.',
  ),
  keysTried: z.number().describe('Keys tried against the signature (0 when none fit the header).'),
  lint: z.array(LintFindingSchema).optional(),
})

/** `jwtw verify --json`: one result, or with --all one per token. */
export const VerifyOutputSchema = z.union([VerifyResultSchema, z.array(VerifyResultSchema)])
