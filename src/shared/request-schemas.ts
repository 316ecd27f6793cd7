/**
 * zod schemas of the mint and verify requests as they cross the contract (every string and
 * collection capped, key material only as input), and the request types inferred from them.
 */
import * as z from 'zod'
import { JWS_ALGS } from './algorithms'
import { JWE_ENC_NAMES, JWE_KEY_ALG_NAMES } from './jwe-algorithms'
import { LIMITS } from './limits'
import { VERIFY_PROFILES } from './verify-profiles'
import { TEMPLATE_NAMES } from './templates'

const name = z.string().min(1).max(LIMITS.memberName)
const value = z.string().max(LIMITS.value)
const timeText = z.string().max(LIMITS.timeText)
const audience = z.union([value, z.array(value).max(LIMITS.listItems)])

/** A JSON object, capped by its serialized size. */
const jsonObject = z
  .record(z.string().max(LIMITS.memberName), z.unknown())
  .refine((o) => JSON.stringify(o).length <= LIMITS.json, 'JSON is over 64 KiB')

/**
 * How remote keys are fetched for one call, over the stored preferences.
 *
 * @example
 * RemoteOptionsSchema.parse({ insecureHttp: true, timeout: '10s' })
 */
export const RemoteOptionsSchema = z.strictObject({
  /** Allow plain http to a host that is not this machine. */
  insecureHttp: z.boolean().optional(),
  allowRedirects: z.boolean().optional(),
  timeout: timeText.optional(),
  /** How old a copy may be used when the server cannot be reached. */
  maxStale: timeText.optional(),
  /** A PEM file of CA certificates to trust besides the system's (an internal identity provider). */
  caFile: z.string().min(1).max(LIMITS.path).optional(),
})
export type RemoteOptionsInput = z.infer<typeof RemoteOptionsSchema>

const url = z.string().min(1).max(LIMITS.url)

/**
 * A key source: secret text, pasted key text (PEM, JWK, JWKS), a stored key's name, a JWKS
 * URL, an issuer (its keys found by discovery), or the token's own issuer when it is trusted.
 * Key files are read by the CLI and passed as key text.
 *
 * @example
 * KeySourceSchema.parse({ storedKey: 'prod-signing' })
 * KeySourceSchema.parse({ issuer: 'https://auth.example.com' })
 */
export const KeySourceSchema = z.union([
  z.strictObject({ secret: z.string().min(1).max(LIMITS.secret) }),
  z.strictObject({ keyText: z.string().min(1).max(LIMITS.keyText), kid: value.optional() }),
  z.strictObject({ storedKey: z.string().min(1).max(LIMITS.keyName) }),
  z.strictObject({ jwksUrl: url, remote: RemoteOptionsSchema.optional() }),
  z.strictObject({ issuer: url, remote: RemoteOptionsSchema.optional() }),
  z.strictObject({ trusted: z.literal(true), remote: RemoteOptionsSchema.optional() }),
])
export type KeySourceInput = z.infer<typeof KeySourceSchema>

/**
 * A JWE key source: a stored encryption key, pasted key text (PEM, JWK, JWKS), a raw symmetric
 * key (UTF-8, or b64:/hex:), a password (PBES2) given or saved as a credential (the keychain),
 * or, to decrypt, every stored encryption key.
 *
 * @example
 * JweKeySourceSchema.parse({ storedKey: 'api-enc' })
 */
export const JweKeySourceSchema = z.union([
  z.strictObject({ storedKey: z.string().min(1).max(LIMITS.keyName) }),
  z.strictObject({ keyText: z.string().min(1).max(LIMITS.keyText), kid: value.optional() }),
  z.strictObject({ secret: z.string().min(1).max(LIMITS.secret) }),
  z.strictObject({ password: z.string().min(1).max(LIMITS.password) }),
  z.strictObject({ passwordCredential: z.string().min(1).max(LIMITS.credentialName) }),
  z.strictObject({ anyStored: z.literal(true) }),
])
export type JweKeySourceInput = z.infer<typeof JweKeySourceSchema>

/**
 * How mint encrypts: to whom (a JWE key source, or the encryption key a JWKS URL or an issuer
 * publishes, `use: enc`), with which key management alg and content encryption.
 */
export const EncryptOptionsSchema = z.strictObject({
  to: z.union([
    JweKeySourceSchema,
    z.strictObject({ jwksUrl: url, kid: value.optional(), remote: RemoteOptionsSchema.optional() }),
    z.strictObject({ issuer: url, kid: value.optional(), remote: RemoteOptionsSchema.optional() }),
  ]),
  alg: z.enum(JWE_KEY_ALG_NAMES).optional(),
  enc: z.enum(JWE_ENC_NAMES).optional(),
})
export type EncryptOptions = z.infer<typeof EncryptOptionsSchema>

/**
 * The mint request. Every field is optional except the key (unless `unsecured`); a template
 * fills the gaps and explicit fields win over it.
 *
 * @example
 * MintRequestSchema.parse({ key: { secret: 's' }, sub: 'alice', expiresIn: '15m' })
 */
export const MintRequestSchema = z.strictObject({
  key: KeySourceSchema.optional(),
  alg: z.enum(JWS_ALGS).optional(),
  /** An unsecured token (`alg: none`) for negative testing; no key is used. */
  unsecured: z.boolean().optional(),
  template: z.enum(TEMPLATE_NAMES).optional(),
  sub: value.optional(),
  iss: value.optional(),
  aud: audience.optional(),
  /** A duration ('15m'), an absolute time (ISO 8601 or epoch seconds), or null for no exp. */
  expiresIn: timeText.nullable().optional(),
  /** A duration from now or an absolute time. */
  notBefore: timeText.optional(),
  /** Include iat (default true). */
  iat: z.boolean().optional(),
  /** true: a random jti; a string: that jti. */
  jti: z.union([z.boolean(), value]).optional(),
  claims: jsonObject.optional(),
  /** Extra protected header fields. */
  header: jsonObject.optional(),
  /** Header typ (default 'JWT'); null leaves it out. */
  typ: value.nullable().optional(),
  /** Header kid; default: the key's own kid or its RFC 7638 thumbprint; null leaves it out. */
  kid: value.nullable().optional(),
  cty: value.optional(),
  /** Refuse weak secrets (ERR_WEAK_SECRET) instead of warning. */
  strict: z.boolean().optional(),
  /** Allow an expiry before iat (a token born expired, for negative tests). */
  allowExpired: z.boolean().optional(),
  /**
   * access: an RFC 9068 JWT access token: typ at+jwt, iat and a jti filled in, and iss, exp,
   * aud, sub and client_id required.
   */
  profile: z.enum(['access']).optional(),
  /** Encrypt the result: the signed token nested (cty JWT), or the claims alone without a key. */
  encrypt: EncryptOptionsSchema.optional(),
})
export type MintRequest = z.infer<typeof MintRequestSchema>

/**
 * A claim that must be present, and hold `value` when one is given (`role=admin`): `name` is a
 * claim name, a dotted path (`realm_access.roles`) or a JSON pointer; `paths`, when given, are
 * the places to look instead (--role and --scope: every place providers keep them).
 */
const RequiredClaimSchema = z.strictObject({
  name,
  value: z.unknown().optional(),
  paths: z.array(name).min(1).max(16).optional(),
})
export type RequiredClaim = z.infer<typeof RequiredClaimSchema>

/**
 * What to check besides the signature.
 *
 * @example
 * VerifyOptionsSchema.parse({ audience: 'api', clockTolerance: '30s', require: [{ name: 'role', value: 'admin' }] })
 */
export const VerifyOptionsSchema = z.strictObject({
  /** 'jwt' (default): the payload must be a JSON claims set. 'jws': any payload; claims are checked when it is one. */
  kind: z.enum(['jwt', 'jws']).optional(),
  /** Allowlist; the token's alg must be in it (and always fit the key). */
  algorithms: z.array(z.enum(JWS_ALGS)).max(JWS_ALGS.length).optional(),
  issuer: value.optional(),
  audience: audience.optional(),
  subject: value.optional(),
  typ: value.optional(),
  require: z.array(RequiredClaimSchema).max(LIMITS.listItems).optional(),
  /** Leeway for exp, nbf and iat: a duration ('30s') or seconds. */
  clockTolerance: z.union([timeText, z.number().min(0).max(1e9)]).optional(),
  /** Verify as of this time (ISO 8601 or epoch seconds) instead of now. */
  at: timeText.optional(),
  /** Maximum age since iat, as a duration ('1h'). */
  maxAge: timeText.optional(),
  /** Select this kid from a JWKS (default: the token's kid). */
  kid: value.optional(),
  /** Accept `exp: null` (SpacetimeDB identity tokens) as "never expires" instead of failing. */
  allowNullExp: z.boolean().optional(),
  /** Check the token as a whole against a profile (RFC 9068, OIDC ID token, logout, DPoP). */
  profile: z.enum(VERIFY_PROFILES).optional(),
  /** ID token: the nonce sent with the authorization request. */
  nonce: value.optional(),
  /** The access token issued with it: at_hash (ID token) or ath (DPoP proof). */
  accessToken: z.string().max(LIMITS.token).optional(),
  /** ID token: the authorization code, for c_hash. */
  code: value.optional(),
  /** DPoP proof: the request's method and URL. */
  htm: z.string().max(16).optional(),
  htu: value.optional(),
})
export type VerifyOptions = z.infer<typeof VerifyOptionsSchema>

/**
 * The verify request.
 *
 * @example
 * VerifyRequestSchema.parse({ token: 'eyJ...', key: { secret: 's' }, options: { audience: 'api' } })
 */
export const VerifyRequestSchema = z.strictObject({
  token: z.string().max(LIMITS.token, 'token is over 256 KiB'),
  key: KeySourceSchema,
  options: VerifyOptionsSchema.optional(),
})
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>

/**
 * The decrypt request: the JWE (compact or JSON), the key to decrypt with, and optionally a
 * key source to verify a nested signed token with.
 *
 * @example
 * DecryptRequestSchema.parse({ token: 'eyJ...', key: { storedKey: 'api-enc' } })
 */
export const DecryptRequestSchema = z.strictObject({
  token: z.string().max(LIMITS.token, 'token is over 256 KiB'),
  key: JweKeySourceSchema,
  verify: KeySourceSchema.optional(),
  verifyOptions: VerifyOptionsSchema.optional(),
})
export type DecryptRequest = z.infer<typeof DecryptRequestSchema>
