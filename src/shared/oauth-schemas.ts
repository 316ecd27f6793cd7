/**
 * OAuth client profiles and token requests as they cross the contract: what a profile holds
 * (metadata only: its client secret, refresh token and keys live in the keychain), the grants
 * and client authentication methods the workbench speaks, and what a token request asks for.
 */
import * as z from 'zod'
import { LIMITS } from './limits'
import { CLIENT_AUTH_METHODS, GRANTS, TOKEN_TYPE_IDS, type TokenTypeName } from './oauth-names'

const short = z.string().max(LIMITS.value)
const url = z.string().min(1).max(LIMITS.url)
const keyName = z.string().min(1).max(LIMITS.keyName)

/** A profile name: printable, 1-64 characters, no spaces at either end. */
export const ClientNameSchema = z
  .string()
  .min(1)
  .max(LIMITS.keyName)
  .refine(
    (name) => name.trim() === name && ![...name].some((c) => c < ' ' || c === '\u007f'),
    'a name is printable characters without spaces at either end',
  )

/**
 * A client profile: which issuer, which client, how it authenticates, what it asks for.
 *
 * @example
 * ClientProfileSchema.parse({ name: 'keycloak-dev', issuer: 'https://sso.example.com/realms/dev',
 *   clientId: 'workbench', authMethod: 'private_key_jwt', signingKey: 'workbench-client' })
 */
export const ClientProfileSchema = z.strictObject({
  name: ClientNameSchema,
  /** The issuer identifier; its metadata comes from discovery and must name it exactly. */
  issuer: url,
  clientId: z.string().min(1).max(LIMITS.value),
  authMethod: z.enum(CLIENT_AUTH_METHODS),
  /** private_key_jwt: the stored key that signs the client assertion. */
  signingKey: keyName.optional(),
  /** A loopback redirect URI (http://127.0.0.1/callback); no port means an ephemeral one. */
  redirectUri: url.optional(),
  /** Default scopes, space-separated. */
  scope: short.optional(),
  /** Sent as `audience` (Auth0, token exchange). */
  audience: short.optional(),
  /** RFC 8707 resource indicator. */
  resource: url.optional(),
  /** More parameters for the authorization and token requests (prompt, acr_values, ...). */
  extraParams: z.record(z.string().min(1).max(LIMITS.memberName), short).optional(),
  /** DPoP (RFC 9449): the stored key tokens are bound to. */
  dpopKey: keyName.optional(),
  /** Always push the authorization request (RFC 9126), even when the server does not require it. */
  par: z.boolean().optional(),
  /** Ask the introspection endpoint (RFC 7662) about opaque access tokens. */
  introspect: z.boolean().optional(),
})
export type ClientProfile = z.infer<typeof ClientProfileSchema>

/** `clients.add`: a profile and, for the secret-based methods, the client secret (to the keychain). */
export const ClientAddSchema = z.strictObject({
  profile: ClientProfileSchema,
  clientSecret: z.string().min(1).max(LIMITS.secret).optional(),
  /** Save over a profile of the same name. */
  replace: z.boolean().optional(),
})
export type ClientAdd = z.infer<typeof ClientAddSchema>

/**
 * One token request through a profile.
 *
 * @example
 * TokenRequestSchema.parse({ profile: 'keycloak-dev', grant: 'client-credentials' })
 */
export const TokenRequestSchema = z.strictObject({
  profile: ClientNameSchema,
  grant: z.enum(GRANTS),
  scope: short.optional(),
  audience: short.optional(),
  resource: url.optional(),
  /** exchange: the token to exchange, and its type. */
  subjectToken: z.string().min(1).max(LIMITS.token).optional(),
  subjectTokenType: z
    .enum(Object.keys(TOKEN_TYPE_IDS) as [TokenTypeName, ...TokenTypeName[]])
    .optional(),
  /** jwt-bearer: a ready assertion, or the subject of one the profile's key signs. */
  assertion: z.string().min(1).max(LIMITS.token).optional(),
  subject: short.optional(),
  /** Seconds the code flow's listener and the device flow wait for the user (default 300). */
  timeoutSeconds: z.number().int().min(5).max(3600).optional(),
  /** Save the tokens as credentials of the profile (default true). */
  save: z.boolean().optional(),
})
export type TokenRequest = z.infer<typeof TokenRequestSchema>

/**
 * A DPoP proof for a resource request (RFC 9449 §4), signed by a stored key.
 *
 * @example
 * DpopProofSchema.parse({ key: 'dpop-es256', method: 'GET', url: 'https://api.example.com/me' })
 */
export const DpopProofSchema = z.strictObject({
  key: keyName,
  method: z.string().regex(/^[A-Za-z]{1,16}$/, 'an HTTP method'),
  url,
  accessToken: z.string().min(1).max(LIMITS.token).optional(),
  nonce: short.optional(),
})
export type DpopProofRequest = z.infer<typeof DpopProofSchema>

/** Where a custom endpoint's answer holds the token. */
export const TokenLocationSchema = z.union([
  z.strictObject({ json: z.string().min(1).max(LIMITS.memberName) }),
  z.strictObject({
    header: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'a header name'),
  }),
  z.strictObject({ text: z.literal(true) }),
])
export type TokenLocation = z.infer<typeof TokenLocationSchema>

/**
 * A custom token endpoint: a service that mints a JWT from a session cookie, or hands an
 * identity token back in the headers of its answer (SpacetimeDB). The cookie is never part of
 * the recipe: it comes from a saved credential (the keychain) or a file at run time.
 *
 * @example
 * TokenRecipeSchema.parse({ name: 'spacetime-local', method: 'POST',
 *   url: 'http://127.0.0.1:3000/v1/identity', tokenFrom: { header: 'spacetime-identity-token' },
 *   acceptStatus: [400] })
 */
export const TokenRecipeSchema = z.strictObject({
  name: ClientNameSchema,
  method: z.enum(['GET', 'POST', 'PUT']),
  url,
  /** Headers sent as given (never a Cookie or Authorization: those come from the keychain). */
  headers: z.record(z.string().min(1).max(LIMITS.memberName), short).optional(),
  /** The saved credential sent as the Cookie header. */
  cookieCredential: z.string().min(1).max(LIMITS.credentialName).optional(),
  body: z.string().max(LIMITS.json).optional(),
  tokenFrom: TokenLocationSchema,
  /** Statuses besides 2xx whose answer is read (SpacetimeDB answers 400 with the token). */
  acceptStatus: z.array(z.number().int().min(100).max(599)).max(8).optional(),
})
export type TokenRecipe = z.infer<typeof TokenRecipeSchema>

/** Running a recipe: its name, and a cookie for this run only (read from a file by the CLI). */
export const RecipeRunSchema = z.strictObject({
  recipe: ClientNameSchema,
  cookie: z.string().min(1).max(LIMITS.secret).optional(),
  save: z.boolean().optional(),
})
export type RecipeRun = z.infer<typeof RecipeRunSchema>
