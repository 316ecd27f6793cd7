/** Output shapes of the token flows (zod): the contract's token result and `jwtw token --json`. */
import * as z from 'zod'
import { ClientProfileSchema } from '../oauth-schemas'
import { CLIENT_AUTH_METHODS, GRANTS } from '../oauth-names'
import { VerifyResultSchema } from './verify'
import { JsonObjectSchema } from './token'

export const TokenVerdictSchema = z.object({
  kind: z.enum(['jwt', 'opaque']).describe('A JWT, or an opaque string only its issuer can read.'),
  verification: VerifyResultSchema.optional().describe(
    "The full verification against the issuer's published keys (JWTs from the profile's issuer).",
  ),
  note: z.string().optional().describe('Why it was not verified, when it was not.'),
  introspection: JsonObjectSchema.optional().describe(
    'What the introspection endpoint said (RFC 7662).',
  ),
})

export const TokenResultSchema = z.object({
  profile: z.string(),
  grant: z
    .enum([...GRANTS, 'saved'])
    .describe('The grant that obtained the token; saved: the saved one, still fresh, was used.'),
  issuer: z.string(),
  authMethod: z.enum(CLIENT_AUTH_METHODS),
  tokenType: z.string().describe('token_type: Bearer, or DPoP for a sender-constrained token.'),
  accessToken: z.string(),
  idToken: z.string().optional(),
  /** The refresh token itself stays in the keychain; only whether there is one crosses. */
  refreshToken: z
    .enum(['saved', 'rotated', 'kept', 'none'])
    .describe(
      'saved: a refresh token came and was saved; rotated: it replaced the old one; kept: none came and the saved one stays; none.',
    ),
  expiresAt: z.string().optional().describe('When the access token expires (from expires_in).'),
  scope: z.string().optional(),
  access: TokenVerdictSchema,
  id: TokenVerdictSchema.optional(),
  dpop: z
    .object({ key: z.string(), jkt: z.string() })
    .optional()
    .describe('The key DPoP-bound tokens are bound to, and its thumbprint.'),
  savedAs: z.string().optional().describe('The credential the access token was saved as.'),
})

export const DpopProofResultSchema = z.object({
  proof: z.string(),
  jkt: z.string().describe('The RFC 7638 thumbprint of the public key in the proof.'),
})

export const ClientSummarySchema = ClientProfileSchema.safeExtend({
  secret: z
    .enum(['present', 'missing', 'not-needed'])
    .describe('The client secret in the keychain: saved, missing, or not used by this method.'),
  refreshToken: z.boolean().describe('A refresh token is saved in the keychain.'),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export const ClientsListOutputSchema = z.array(ClientSummarySchema)

export const RecipeResultSchema = z.object({
  recipe: z.string(),
  url: z.string(),
  status: z.number().describe('The HTTP status of the answer the token was read from.'),
  from: z.string().describe('Where the token was: json PATH, header NAME, or the body.'),
  token: z.string(),
  kind: z.enum(['jwt', 'opaque']),
  expiresAt: z.string().optional().describe("The token's exp, when it is a JWT with one."),
  savedAs: z.string().optional(),
})
