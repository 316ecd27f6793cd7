/**
 * OAuth client profiles and token requests as they cross the contract: what a profile holds
 * (metadata only: its client secret, refresh token and keys live in the keychain), the grants
 * and client authentication methods the workbench speaks, and what a token request asks for.
 */
import * as z from 'zod/mini'
import { LIMITS } from './limits'
import { onFirstUse } from './on-first-use'
import { CLIENT_AUTH_METHODS, GRANTS, TOKEN_TYPE_IDS, type TokenTypeName } from './oauth-names'

const short = z.string().check(z.maxLength(LIMITS.value))
const url = z.string().check(z.minLength(1), z.maxLength(LIMITS.url))
const keyName = z.string().check(z.minLength(1), z.maxLength(LIMITS.keyName))

/** A profile name: printable, 1-64 characters, no spaces at either end. */
export const ClientNameSchema = z.lazy(() =>
  z.string().check(
    z.minLength(1),
    z.maxLength(LIMITS.keyName),
    z.refine(
      (name) => name.trim() === name && ![...name].some((c) => c < ' ' || c === '\u007f'),
      'a name is printable characters without spaces at either end',
    ),
  ),
)

/**
 * A client profile: which issuer, which client, how it authenticates, what it asks for.
 *
 * @example
 * ClientProfileSchema.parse({ name: 'keycloak-dev', issuer: 'https://sso.example.com/realms/dev',
 *   clientId: 'workbench', authMethod: 'private_key_jwt', signingKey: 'workbench-client' })
 */
export const clientProfileObject = onFirstUse(() =>
  z.strictObject({
    name: ClientNameSchema,
    /** The issuer identifier; its metadata comes from discovery and must name it exactly. */
    issuer: url,
    clientId: z.string().check(z.minLength(1), z.maxLength(LIMITS.value)),
    authMethod: z.enum(CLIENT_AUTH_METHODS),
    /** private_key_jwt: the stored key that signs the client assertion. */
    signingKey: z.optional(keyName),
    /** A loopback redirect URI (http://127.0.0.1/callback); no port means an ephemeral one. */
    redirectUri: z.optional(url),
    /** Default scopes, space-separated. */
    scope: z.optional(short),
    /** Sent as `audience` (Auth0, token exchange). */
    audience: z.optional(short),
    /** RFC 8707 resource indicator. */
    resource: z.optional(url),
    /** More parameters for the authorization and token requests (prompt, acr_values, ...). */
    extraParams: z.optional(
      z.record(z.string().check(z.minLength(1), z.maxLength(LIMITS.memberName)), short),
    ),
    /** DPoP (RFC 9449): the stored key tokens are bound to. */
    dpopKey: z.optional(keyName),
    /** Always push the authorization request (RFC 9126), even when the server does not require it. */
    par: z.optional(z.boolean()),
    /** Ask the introspection endpoint (RFC 7662) about opaque access tokens. */
    introspect: z.optional(z.boolean()),
  }),
)
export const ClientProfileSchema = z.lazy(clientProfileObject)
export type ClientProfile = z.infer<typeof ClientProfileSchema>

/** `clients.add`: a profile and, for the secret-based methods, the client secret (to the keychain). */
export const ClientAddSchema = z.lazy(() =>
  z.strictObject({
    profile: ClientProfileSchema,
    clientSecret: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.secret))),
    /** Save over a profile of the same name. */
    replace: z.optional(z.boolean()),
  }),
)
export type ClientAdd = z.infer<typeof ClientAddSchema>

/**
 * One token request through a profile.
 *
 * @example
 * TokenRequestSchema.parse({ profile: 'keycloak-dev', grant: 'client-credentials' })
 */
export const tokenRequestObject = onFirstUse(() =>
  z.strictObject({
    profile: ClientNameSchema,
    grant: z.enum(GRANTS),
    scope: z.optional(short),
    audience: z.optional(short),
    resource: z.optional(url),
    /** exchange: the token to exchange, and its type. */
    subjectToken: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.token))),
    subjectTokenType: z.optional(
      z.enum(Object.keys(TOKEN_TYPE_IDS) as [TokenTypeName, ...TokenTypeName[]]),
    ),
    /** jwt-bearer: a ready assertion, or the subject of one the profile's key signs. */
    assertion: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.token))),
    subject: z.optional(short),
    /** Seconds the code flow's listener and the device flow wait for the user (default 300). */
    timeoutSeconds: z.optional(z.int().check(z.gte(5), z.lte(3600))),
    /** Save the tokens as credentials of the profile (default true). */
    save: z.optional(z.boolean()),
  }),
)
export const TokenRequestSchema = z.lazy(tokenRequestObject)
export type TokenRequest = z.infer<typeof TokenRequestSchema>

/**
 * A DPoP proof for a resource request (RFC 9449 §4), signed by a stored key.
 *
 * @example
 * DpopProofSchema.parse({ key: 'dpop-es256', method: 'GET', url: 'https://api.example.com/me' })
 */
export const DpopProofSchema = z.lazy(() =>
  z.strictObject({
    key: keyName,
    method: z.string().check(z.regex(/^[A-Za-z]{1,16}$/, 'an HTTP method')),
    url,
    accessToken: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.token))),
    nonce: z.optional(short),
  }),
)
export type DpopProofRequest = z.infer<typeof DpopProofSchema>

/** Where a custom endpoint's answer holds the token. */
export const TokenLocationSchema = z.lazy(() =>
  z.union([
    z.strictObject({ json: z.string().check(z.minLength(1), z.maxLength(LIMITS.memberName)) }),
    z.strictObject({
      header: z.string().check(z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'a header name')),
    }),
    z.strictObject({ text: z.literal(true) }),
  ]),
)
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
export const tokenRecipeObject = onFirstUse(() =>
  z.strictObject({
    name: ClientNameSchema,
    method: z.enum(['GET', 'POST', 'PUT']),
    url,
    /** Headers sent as given (never a Cookie or Authorization: those come from the keychain). */
    headers: z.optional(
      z.record(z.string().check(z.minLength(1), z.maxLength(LIMITS.memberName)), short),
    ),
    /** The saved credential sent as the Cookie header. */
    cookieCredential: z.optional(
      z.string().check(z.minLength(1), z.maxLength(LIMITS.credentialName)),
    ),
    body: z.optional(z.string().check(z.maxLength(LIMITS.json))),
    tokenFrom: TokenLocationSchema,
    /** Statuses besides 2xx whose answer is read (SpacetimeDB answers 400 with the token). */
    acceptStatus: z.optional(z.array(z.int().check(z.gte(100), z.lte(599))).check(z.maxLength(8))),
  }),
)
export const TokenRecipeSchema = z.lazy(tokenRecipeObject)
export type TokenRecipe = z.infer<typeof TokenRecipeSchema>

/** Running a recipe: its name, and a cookie for this run only (read from a file by the CLI). */
export const RecipeRunSchema = z.lazy(() =>
  z.strictObject({
    recipe: ClientNameSchema,
    cookie: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.secret))),
    save: z.optional(z.boolean()),
  }),
)
export type RecipeRun = z.infer<typeof RecipeRunSchema>
