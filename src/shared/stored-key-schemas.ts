/** zod schemas of the keys, creds and issuer contract methods; every string is size-capped. */
import { z } from 'zod'
import { JWS_ALGS } from './key-types'

/** Longest key name the contract carries (the key store's own rule is stricter). */
export const MAX_NAME_CHARS = 128
/** Largest key or credential text accepted across the contract (256 KiB). */
export const MAX_KEY_INPUT_CHARS = 256 << 10

const name = z.string().min(1).max(MAX_NAME_CHARS)
const tags = z.array(z.string().max(64)).max(32)

/**
 * Arguments of `keys.generate`.
 *
 * @example
 * GenerateKeySchema.parse({ name: 'dev', alg: 'ES256' })
 */
export const GenerateKeySchema = z.object({
  name,
  alg: z.enum(JWS_ALGS),
  bits: z.number().int().min(256).max(8192).optional(),
  kid: z.string().min(1).max(256).optional(),
  tags: tags.optional(),
})

/**
 * Arguments of `keys.import`: key text (PEM, JWK, JWKS) or an HMAC secret.
 *
 * @example
 * ImportKeySchema.parse({ name: 'prod', text: '-----BEGIN PUBLIC KEY-----...' })
 */
export const ImportKeySchema = z.object({
  name,
  text: z.string().min(1).max(MAX_KEY_INPUT_CHARS),
  alg: z.enum(JWS_ALGS).optional(),
  kid: z.string().min(1).max(256).optional(),
  all: z.boolean().optional(),
  secretEncoding: z.enum(['text', 'base64', 'hex']).optional(),
  tags: tags.optional(),
})

export const KeyNameSchema = name
export const PublicFormatSchema = z.enum(['pem', 'jwk', 'jwks'])
export const PrivateFormatSchema = z.enum(['pem', 'jwk', 'jwks', 'base64', 'hex'])
export const KidSchema = z.string().min(1).max(256)
export const TagsSchema = tags
export const DeleteKeyOptionsSchema = z.object({ retiringOnly: z.boolean().optional() }).optional()

/**
 * Arguments of `creds.set`.
 *
 * @example
 * CredentialSchema.parse({ name: 'staging api', value: 'eyJ...', host: 'api.staging' })
 */
export const CredentialSchema = z.object({
  name: z.string().min(1).max(200),
  value: z
    .string()
    .min(1)
    .max(64 << 10),
  host: z.string().max(512).optional(),
  note: z.string().max(1024).optional(),
})
export const CredentialNameSchema = z.string().min(1).max(200)

/**
 * Arguments of `issuer.start`.
 *
 * @example
 * IssuerOptionsSchema.parse({ port: 8787, keys: ['dev'] })
 */
export const IssuerOptionsSchema = z.object({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().max(255).optional(),
  issuer: z.string().url().max(2048).optional(),
  keys: z.array(name).max(64).optional(),
})
