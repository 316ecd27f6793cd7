/**
 * zod schemas of the mint and verify requests as they cross the contract (every string and
 * collection capped, key material only as input), and the request types inferred from them.
 */
import * as z from 'zod/mini'
import { JWS_ALGS } from './algorithms'
import { JWE_ENC_NAMES, JWE_KEY_ALG_NAMES } from './jwe-algorithms'
import { LIMITS } from './limits'
import { VERIFY_PROFILES } from './verify-profiles'
import { TEMPLATE_NAMES } from './templates'

const name = z.string().check(z.minLength(1), z.maxLength(LIMITS.memberName))
const value = z.string().check(z.maxLength(LIMITS.value))
const timeText = z.string().check(z.maxLength(LIMITS.timeText))
const audience = z.lazy(() => z.union([value, z.array(value).check(z.maxLength(LIMITS.listItems))]))

/** A JSON object, capped by its serialized size. */
const jsonObject = z.lazy(() =>
  z
    .record(z.string().check(z.maxLength(LIMITS.memberName)), z.unknown())
    .check(z.refine((o) => JSON.stringify(o).length <= LIMITS.json, 'JSON is over 64 KiB')),
)

/**
 * How remote keys are fetched for one call, over the stored preferences.
 *
 * @example
 * RemoteOptionsSchema.parse({ insecureHttp: true, timeout: '10s' })
 */
export const RemoteOptionsSchema = z.lazy(() =>
  z.strictObject({
    /** Allow plain http to a host that is not this machine. */
    insecureHttp: z.optional(z.boolean()),
    allowRedirects: z.optional(z.boolean()),
    timeout: z.optional(timeText),
    /** How old a copy may be used when the server cannot be reached. */
    maxStale: z.optional(timeText),
    /** A PEM file of CA certificates to trust besides the system's (an internal identity provider). */
    caFile: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.path))),
  }),
)
export type RemoteOptionsInput = z.infer<typeof RemoteOptionsSchema>

const url = z.string().check(z.minLength(1), z.maxLength(LIMITS.url))

/**
 * A key source: secret text, pasted key text (PEM, JWK, JWKS), a stored key's name, a JWKS
 * URL, an issuer (its keys found by discovery), or the token's own issuer when it is trusted.
 * Key files are read by the CLI and passed as key text.
 *
 * @example
 * KeySourceSchema.parse({ storedKey: 'prod-signing' })
 * KeySourceSchema.parse({ issuer: 'https://auth.example.com' })
 */
export const KeySourceSchema = z.lazy(() =>
  z.union([
    z.strictObject({ secret: z.string().check(z.minLength(1), z.maxLength(LIMITS.secret)) }),
    z.strictObject({
      keyText: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyText)),
      kid: z.optional(value),
    }),
    z.strictObject({ storedKey: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyName)) }),
    z.strictObject({ jwksUrl: url, remote: z.optional(RemoteOptionsSchema) }),
    z.strictObject({ issuer: url, remote: z.optional(RemoteOptionsSchema) }),
    z.strictObject({ trusted: z.literal(true), remote: z.optional(RemoteOptionsSchema) }),
  ]),
)
export type KeySourceInput = z.infer<typeof KeySourceSchema>

/**
 * A JWE key source: a stored encryption key, pasted key text (PEM, JWK, JWKS), a raw symmetric
 * key (UTF-8, or b64:/hex:), a password (PBES2) given or saved as a credential (the keychain),
 * or, to decrypt, every stored encryption key.
 *
 * @example
 * JweKeySourceSchema.parse({ storedKey: 'api-enc' })
 */
export const JweKeySourceSchema = z.lazy(() =>
  z.union([
    z.strictObject({ storedKey: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyName)) }),
    z.strictObject({
      keyText: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyText)),
      kid: z.optional(value),
    }),
    z.strictObject({ secret: z.string().check(z.minLength(1), z.maxLength(LIMITS.secret)) }),
    z.strictObject({ password: z.string().check(z.minLength(1), z.maxLength(LIMITS.password)) }),
    z.strictObject({
      passwordCredential: z.string().check(z.minLength(1), z.maxLength(LIMITS.credentialName)),
    }),
    z.strictObject({ anyStored: z.literal(true) }),
  ]),
)
export type JweKeySourceInput = z.infer<typeof JweKeySourceSchema>

/**
 * How mint encrypts: to whom (a JWE key source, or the encryption key a JWKS URL or an issuer
 * publishes, `use: enc`), with which key management alg and content encryption.
 */
export const EncryptOptionsSchema = z.lazy(() =>
  z.strictObject({
    to: z.union([
      JweKeySourceSchema,
      z.strictObject({
        jwksUrl: url,
        kid: z.optional(value),
        remote: z.optional(RemoteOptionsSchema),
      }),
      z.strictObject({
        issuer: url,
        kid: z.optional(value),
        remote: z.optional(RemoteOptionsSchema),
      }),
    ]),
    alg: z.optional(z.enum(JWE_KEY_ALG_NAMES)),
    enc: z.optional(z.enum(JWE_ENC_NAMES)),
  }),
)
export type EncryptOptions = z.infer<typeof EncryptOptionsSchema>

/**
 * The mint request. Every field is optional except the key (unless `unsecured`); a template
 * fills the gaps and explicit fields win over it.
 *
 * @example
 * MintRequestSchema.parse({ key: { secret: 's' }, sub: 'alice', expiresIn: '15m' })
 */
export const MintRequestSchema = z.lazy(() =>
  z.strictObject({
    key: z.optional(KeySourceSchema),
    alg: z.optional(z.enum(JWS_ALGS)),
    /** An unsecured token (`alg: none`) for negative testing; no key is used. */
    unsecured: z.optional(z.boolean()),
    template: z.optional(z.enum(TEMPLATE_NAMES)),
    sub: z.optional(value),
    iss: z.optional(value),
    aud: z.optional(audience),
    /** A duration ('15m'), an absolute time (ISO 8601 or epoch seconds), or null for no exp. */
    expiresIn: z.optional(z.nullable(timeText)),
    /** A duration from now or an absolute time. */
    notBefore: z.optional(timeText),
    /** Include iat (default true). */
    iat: z.optional(z.boolean()),
    /** true: a random jti; a string: that jti. */
    jti: z.optional(z.union([z.boolean(), value])),
    claims: z.optional(jsonObject),
    /** Extra protected header fields. */
    header: z.optional(jsonObject),
    /** Header typ (default 'JWT'); null leaves it out. */
    typ: z.optional(z.nullable(value)),
    /** Header kid; default: the key's own kid or its RFC 7638 thumbprint; null leaves it out. */
    kid: z.optional(z.nullable(value)),
    cty: z.optional(value),
    /** Refuse weak secrets (ERR_WEAK_SECRET) instead of warning. */
    strict: z.optional(z.boolean()),
    /** Allow an expiry before iat (a token born expired, for negative tests). */
    allowExpired: z.optional(z.boolean()),
    /**
     * access: an RFC 9068 JWT access token: typ at+jwt, iat and a jti filled in, and iss, exp,
     * aud, sub and client_id required.
     */
    profile: z.optional(z.enum(['access'])),
    /** Encrypt the result: the signed token nested (cty JWT), or the claims alone without a key. */
    encrypt: z.optional(EncryptOptionsSchema),
  }),
)
export type MintRequest = z.infer<typeof MintRequestSchema>

/**
 * A claim that must be present, and hold `value` when one is given (`role=admin`): `name` is a
 * claim name, a dotted path (`realm_access.roles`) or a JSON pointer; `paths`, when given, are
 * the places to look instead (--role and --scope: every place providers keep them).
 */
const RequiredClaimSchema = z.lazy(() =>
  z.strictObject({
    name,
    value: z.optional(z.unknown()),
    paths: z.optional(z.array(name).check(z.minLength(1), z.maxLength(16))),
  }),
)
export type RequiredClaim = z.infer<typeof RequiredClaimSchema>

/**
 * What to check besides the signature.
 *
 * @example
 * VerifyOptionsSchema.parse({ audience: 'api', clockTolerance: '30s', require: [{ name: 'role', value: 'admin' }] })
 */
export const VerifyOptionsSchema = z.lazy(() =>
  z.strictObject({
    /** 'jwt' (default): the payload must be a JSON claims set. 'jws': any payload; claims are checked when it is one. */
    kind: z.optional(z.enum(['jwt', 'jws'])),
    /** Allowlist; the token's alg must be in it (and always fit the key). */
    algorithms: z.optional(z.array(z.enum(JWS_ALGS)).check(z.maxLength(JWS_ALGS.length))),
    issuer: z.optional(value),
    audience: z.optional(audience),
    subject: z.optional(value),
    typ: z.optional(value),
    require: z.optional(z.array(RequiredClaimSchema).check(z.maxLength(LIMITS.listItems))),
    /** Leeway for exp, nbf and iat: a duration ('30s') or seconds. */
    clockTolerance: z.optional(z.union([timeText, z.number().check(z.gte(0), z.lte(1e9))])),
    /** Verify as of this time (ISO 8601 or epoch seconds) instead of now. */
    at: z.optional(timeText),
    /** Maximum age since iat, as a duration ('1h'). */
    maxAge: z.optional(timeText),
    /** Select this kid from a JWKS (default: the token's kid). */
    kid: z.optional(value),
    /** Accept `exp: null` (SpacetimeDB identity tokens) as "never expires" instead of failing. */
    allowNullExp: z.optional(z.boolean()),
    /** Check the token as a whole against a profile (RFC 9068, OIDC ID token, logout, DPoP). */
    profile: z.optional(z.enum(VERIFY_PROFILES)),
    /** ID token: the nonce sent with the authorization request. */
    nonce: z.optional(value),
    /** The access token issued with it: at_hash (ID token) or ath (DPoP proof). */
    accessToken: z.optional(z.string().check(z.maxLength(LIMITS.token))),
    /** ID token: the authorization code, for c_hash. */
    code: z.optional(value),
    /** DPoP proof: the request's method and URL. */
    htm: z.optional(z.string().check(z.maxLength(16))),
    htu: z.optional(value),
  }),
)
export type VerifyOptions = z.infer<typeof VerifyOptionsSchema>

/**
 * The verify request.
 *
 * @example
 * VerifyRequestSchema.parse({ token: 'eyJ...', key: { secret: 's' }, options: { audience: 'api' } })
 */
export const VerifyRequestSchema = z.lazy(() =>
  z.strictObject({
    token: z.string().check(z.maxLength(LIMITS.token, 'token is over 256 KiB')),
    key: KeySourceSchema,
    options: z.optional(VerifyOptionsSchema),
  }),
)
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>

/**
 * The decrypt request: the JWE (compact or JSON), the key to decrypt with, and optionally a
 * key source to verify a nested signed token with.
 *
 * @example
 * DecryptRequestSchema.parse({ token: 'eyJ...', key: { storedKey: 'api-enc' } })
 */
export const DecryptRequestSchema = z.lazy(() =>
  z.strictObject({
    token: z.string().check(z.maxLength(LIMITS.token, 'token is over 256 KiB')),
    key: JweKeySourceSchema,
    verify: z.optional(KeySourceSchema),
    verifyOptions: z.optional(VerifyOptionsSchema),
  }),
)
export type DecryptRequest = z.infer<typeof DecryptRequestSchema>
