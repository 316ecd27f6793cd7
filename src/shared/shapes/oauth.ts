/** Output shapes of the token flows (zod): the contract's token result and `jwtw token --json`. */
import * as z from 'zod/mini'
import { clientProfileObject } from '../oauth-schemas'
import { CLIENT_AUTH_METHODS, GRANTS } from '../oauth-names'
import { VerifyResultSchema } from './verify'
import { JsonObjectSchema } from './token'

export const TokenVerdictSchema = z.object({
  kind: z
    .enum(['jwt', 'opaque'])
    .check(z.describe('A JWT, or an opaque string only its issuer can read.')),
  verification: z
    .optional(VerifyResultSchema)
    .check(
      z.describe(
        "The full verification against the issuer's published keys (JWTs from the profile's issuer).",
      ),
    ),
  note: z.optional(z.string()).check(z.describe('Why it was not verified, when it was not.')),
  introspection: z
    .optional(JsonObjectSchema)
    .check(z.describe('What the introspection endpoint said (RFC 7662).')),
})

export const TokenResultSchema = z.object({
  profile: z.string(),
  grant: z
    .enum([...GRANTS, 'saved'])
    .check(
      z.describe('The grant that obtained the token; saved: the saved one, still fresh, was used.'),
    ),
  issuer: z.string(),
  authMethod: z.enum(CLIENT_AUTH_METHODS),
  tokenType: z
    .string()
    .check(z.describe('token_type: Bearer, or DPoP for a sender-constrained token.')),
  accessToken: z.string(),
  idToken: z.optional(z.string()),
  /** The refresh token itself stays in the keychain; only whether there is one crosses. */
  refreshToken: z
    .enum(['saved', 'rotated', 'kept', 'none'])
    .check(
      z.describe(
        'saved: a refresh token came and was saved; rotated: it replaced the old one; kept: none came and the saved one stays; none.',
      ),
    ),
  expiresAt: z
    .optional(z.string())
    .check(z.describe('When the access token expires (from expires_in).')),
  scope: z.optional(z.string()),
  access: TokenVerdictSchema,
  id: z.optional(TokenVerdictSchema),
  dpop: z
    .optional(z.object({ key: z.string(), jkt: z.string() }))
    .check(z.describe('The key DPoP-bound tokens are bound to, and its thumbprint.')),
  savedAs: z
    .optional(z.string())
    .check(z.describe('The credential the access token was saved as.')),
})

export const DpopProofResultSchema = z.object({
  proof: z.string(),
  jkt: z.string().check(z.describe('The RFC 7638 thumbprint of the public key in the proof.')),
})

export const ClientSummarySchema = z.safeExtend(clientProfileObject(), {
  secret: z
    .enum(['present', 'missing', 'not-needed'])
    .check(
      z.describe('The client secret in the keychain: saved, missing, or not used by this method.'),
    ),
  refreshToken: z.boolean().check(z.describe('A refresh token is saved in the keychain.')),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export const ClientsListOutputSchema = z.array(ClientSummarySchema)

export const RecipeResultSchema = z.object({
  recipe: z.string(),
  url: z.string(),
  status: z.number().check(z.describe('The HTTP status of the answer the token was read from.')),
  from: z.string().check(z.describe('Where the token was: json PATH, header NAME, or the body.')),
  token: z.string(),
  kind: z.enum(['jwt', 'opaque']),
  expiresAt: z
    .optional(z.string())
    .check(z.describe("The token's exp, when it is a JWT with one.")),
  savedAs: z.optional(z.string()),
})
