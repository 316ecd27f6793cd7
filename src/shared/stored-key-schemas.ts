/** zod schemas of the keys, creds and issuer contract methods; every string is size-capped. */
import * as z from 'zod'
import { KEY_USES, STORED_KEY_ALGS } from './algorithms'
import { ECDH_CURVES } from './jwe-algorithms'
import { LIMITS } from './limits'
import { cleanTags, keyNameProblem } from './stored-key-types'

/** Issues that carry their own error code (the dispatcher reports it instead of ERR_INVALID_ARGUMENT). */
const withCode = (code: string) => ({ params: { code } })

/** A stored key's name: capped, then held to the key name rule (ERR_INVALID_KEY_NAME). */
export const KeyNameSchema = z
  .string()
  .min(1)
  .max(LIMITS.keyName)
  .superRefine((name, ctx) => {
    const problem = keyNameProblem(name)
    if (problem !== null)
      ctx.addIssue({ code: 'custom', message: problem, ...withCode('ERR_INVALID_KEY_NAME') })
  })
export const KidSchema = z.string().min(1).max(LIMITS.kid)
export const TagsSchema = z
  .array(z.string().max(LIMITS.tag))
  .max(LIMITS.tags)
  .refine(
    (tags) => cleanTags(tags) !== null,
    `Up to ${LIMITS.tags} tags of ${LIMITS.tag} characters each.`,
  )

/**
 * Arguments of `keys.generate`.
 *
 * @example
 * GenerateKeySchema.parse({ name: 'dev', alg: 'ES256' })
 */
export const GenerateKeySchema = z.strictObject({
  name: KeyNameSchema,
  /** A JWS alg makes a signing key; a JWE key management alg an encryption key. */
  alg: z.enum(STORED_KEY_ALGS),
  bits: z.number().int().min(128).max(8192).optional(),
  /** The curve of an ECDH-ES key (default P-256). */
  curve: z.enum(ECDH_CURVES).optional(),
  kid: KidSchema.optional(),
  tags: TagsSchema.optional(),
})
export type GenerateKeyOptions = Omit<z.infer<typeof GenerateKeySchema>, 'name'>

export const SECRET_TEXT_ENCODINGS = ['text', 'base64', 'hex'] as const

/**
 * Arguments of `keys.import`: key text (PEM, JWK, JWKS) or an HMAC secret.
 *
 * @example
 * ImportKeySchema.parse({ name: 'prod', text: '-----BEGIN PUBLIC KEY-----...' })
 */
export const ImportKeySchema = z.strictObject({
  name: KeyNameSchema,
  text: z.string().min(1).max(LIMITS.keyText),
  /** A JWS alg imports a signing key, a JWE key management alg an encryption key. */
  alg: z.enum(STORED_KEY_ALGS).optional(),
  /** enc: an encryption key (also implied by a JWE alg, or a JWK's "use": "enc"). */
  use: z.enum(KEY_USES).optional(),
  /** kid to give the key, or to pick from a JWKS. */
  kid: KidSchema.optional(),
  /** Import every key of a JWKS, as NAME-1, NAME-2, ... */
  all: z.boolean().optional(),
  /** How a plain HMAC secret is written; `b64:` and `hex:` prefixes also work. */
  secretEncoding: z.enum(SECRET_TEXT_ENCODINGS).optional(),
  tags: TagsSchema.optional(),
})
export type ImportKeyOptions = Omit<z.infer<typeof ImportKeySchema>, 'name' | 'text'>

export const PublicFormatSchema = z.enum(['pem', 'jwk', 'jwks'])
export const PrivateFormatSchema = z.enum(['pem', 'jwk', 'jwks', 'base64', 'hex'])
export type PublicExportFormat = z.infer<typeof PublicFormatSchema>
export type PrivateExportFormat = z.infer<typeof PrivateFormatSchema>
export const DeleteKeyOptionsSchema = z
  .strictObject({ retiringOnly: z.boolean().optional() })
  .optional()

/** Arguments of `keys.recover`: what to do with which orphaned keychain entries. */
export const RecoverSchema = z.strictObject({
  action: z.enum(['restore', 'delete']),
  accounts: z.array(z.string().min(1).max(LIMITS.path)).min(1).max(1000),
})

export const CredentialNameSchema = z.string().min(1).max(LIMITS.credentialName)
export const CredentialHostSchema = z.string().min(1).max(LIMITS.credentialHost)

/**
 * Arguments of `creds.set`.
 *
 * @example
 * CredentialSchema.parse({ name: 'staging api', value: 'eyJ...', host: 'api.staging' })
 */
export const CredentialSchema = z.strictObject({
  name: CredentialNameSchema,
  value: z.string().min(1).max(LIMITS.credential),
  host: CredentialHostSchema.optional(),
  note: z.string().max(LIMITS.credentialNote).optional(),
  /** Save over a credential of another kind (a token over a secret, or the reverse). */
  replace: z.boolean().optional(),
  /** When an opaque token expires (its expires_in); a JWT's own exp wins. */
  expiresAt: z.iso.datetime().optional(),
})
export type CredentialInput = z.infer<typeof CredentialSchema>

/**
 * Arguments of `issuer.start`.
 *
 * @example
 * IssuerOptionsSchema.parse({ port: 8787, keys: ['dev'] })
 */
export const IssuerOptionsSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().max(255).optional(),
  issuer: z.url().max(LIMITS.url).optional(),
  keys: z.array(KeyNameSchema).max(LIMITS.listItems).optional(),
})
export type IssuerOptions = z.infer<typeof IssuerOptionsSchema>
