/** zod schemas of the keys, creds and issuer contract methods; every string is size-capped. */
import * as z from 'zod/mini'
import { KEY_USES, STORED_KEY_ALGS } from './algorithms'
import { ECDH_CURVES } from './jwe-algorithms'
import { LIMITS } from './limits'
import { cleanTags, keyNameProblem } from './stored-key-types'

/** Issues that carry their own error code (the dispatcher reports it instead of ERR_INVALID_ARGUMENT). */
const withCode = (code: string) => ({ params: { code } })

/** A stored key's name: capped, then held to the key name rule (ERR_INVALID_KEY_NAME). */
export const KeyNameSchema = z.lazy(() =>
  z.string().check(
    z.minLength(1),
    z.maxLength(LIMITS.keyName),
    z.superRefine((name, ctx) => {
      const problem = keyNameProblem(name)
      if (problem !== null)
        ctx.addIssue({ code: 'custom', message: problem, ...withCode('ERR_INVALID_KEY_NAME') })
    }),
  ),
)
export const KidSchema = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(LIMITS.kid)))
export const TagsSchema = z.lazy(() =>
  z.array(z.string().check(z.maxLength(LIMITS.tag))).check(
    z.maxLength(LIMITS.tags),
    z.refine(
      (tags) => cleanTags(tags) !== null,
      `Up to ${LIMITS.tags} tags of ${LIMITS.tag} characters each.`,
    ),
  ),
)

/**
 * Arguments of `keys.generate`.
 *
 * @example
 * GenerateKeySchema.parse({ name: 'dev', alg: 'ES256' })
 */
export const GenerateKeySchema = z.lazy(() =>
  z.strictObject({
    name: KeyNameSchema,
    /** A JWS alg makes a signing key; a JWE key management alg an encryption key. */
    alg: z.enum(STORED_KEY_ALGS),
    bits: z.optional(z.int().check(z.gte(128), z.lte(8192))),
    /** The curve of an ECDH-ES key (default P-256). */
    curve: z.optional(z.enum(ECDH_CURVES)),
    kid: z.optional(KidSchema),
    tags: z.optional(TagsSchema),
  }),
)
export type GenerateKeyOptions = Omit<z.infer<typeof GenerateKeySchema>, 'name'>

export const SECRET_TEXT_ENCODINGS = ['text', 'base64', 'hex'] as const

/**
 * Arguments of `keys.import`: key text (PEM, JWK, JWKS) or an HMAC secret.
 *
 * @example
 * ImportKeySchema.parse({ name: 'prod', text: '-----BEGIN PUBLIC KEY-----...' })
 */
export const ImportKeySchema = z.lazy(() =>
  z.strictObject({
    name: KeyNameSchema,
    text: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyText)),
    /** A JWS alg imports a signing key, a JWE key management alg an encryption key. */
    alg: z.optional(z.enum(STORED_KEY_ALGS)),
    /** enc: an encryption key (also implied by a JWE alg, or a JWK's "use": "enc"). */
    use: z.optional(z.enum(KEY_USES)),
    /** kid to give the key, or to pick from a JWKS. */
    kid: z.optional(KidSchema),
    /** Import every key of a JWKS, as NAME-1, NAME-2, ... */
    all: z.optional(z.boolean()),
    /** How a plain HMAC secret is written; `b64:` and `hex:` prefixes also work. */
    secretEncoding: z.optional(z.enum(SECRET_TEXT_ENCODINGS)),
    tags: z.optional(TagsSchema),
  }),
)
export type ImportKeyOptions = Omit<z.infer<typeof ImportKeySchema>, 'name' | 'text'>

export const PublicFormatSchema = z.lazy(() => z.enum(['pem', 'jwk', 'jwks']))
export const PrivateFormatSchema = z.lazy(() => z.enum(['pem', 'jwk', 'jwks', 'base64', 'hex']))
export type PublicExportFormat = z.infer<typeof PublicFormatSchema>
export type PrivateExportFormat = z.infer<typeof PrivateFormatSchema>
export const DeleteKeyOptionsSchema = z.lazy(() =>
  z.optional(z.strictObject({ retiringOnly: z.optional(z.boolean()) })),
)

/** Arguments of `keys.recover`: what to do with which orphaned keychain entries. */
export const RecoverSchema = z.lazy(() =>
  z.strictObject({
    action: z.enum(['restore', 'delete']),
    accounts: z
      .array(z.string().check(z.minLength(1), z.maxLength(LIMITS.path)))
      .check(z.minLength(1), z.maxLength(1000)),
  }),
)

export const CredentialNameSchema = z.lazy(() =>
  z.string().check(z.minLength(1), z.maxLength(LIMITS.credentialName)),
)
export const CredentialHostSchema = z.lazy(() =>
  z.string().check(z.minLength(1), z.maxLength(LIMITS.credentialHost)),
)

/**
 * Arguments of `creds.set`.
 *
 * @example
 * CredentialSchema.parse({ name: 'staging api', value: 'eyJ...', host: 'api.staging' })
 */
export const CredentialSchema = z.lazy(() =>
  z.strictObject({
    name: CredentialNameSchema,
    value: z.string().check(z.minLength(1), z.maxLength(LIMITS.credential)),
    host: z.optional(CredentialHostSchema),
    note: z.optional(z.string().check(z.maxLength(LIMITS.credentialNote))),
    /** Save over a credential of another kind (a token over a secret, or the reverse). */
    replace: z.optional(z.boolean()),
    /** When an opaque token expires (its expires_in); a JWT's own exp wins. */
    expiresAt: z.optional(z.iso.datetime()),
  }),
)
export type CredentialInput = z.infer<typeof CredentialSchema>

/**
 * Arguments of `issuer.start`.
 *
 * @example
 * IssuerOptionsSchema.parse({ port: 8787, keys: ['dev'] })
 */
export const IssuerOptionsSchema = z.lazy(() =>
  z.strictObject({
    port: z.optional(z.int().check(z.gte(0), z.lte(65535))),
    host: z.optional(z.string().check(z.maxLength(255))),
    issuer: z.optional(z.url().check(z.maxLength(LIMITS.url))),
    keys: z.optional(z.array(KeyNameSchema).check(z.maxLength(LIMITS.listItems))),
  }),
)
export type IssuerOptions = z.infer<typeof IssuerOptionsSchema>
