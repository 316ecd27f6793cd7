/**
 * zod schemas of the mint and verify requests as they cross the contract: every string and
 * collection capped, key material only as input (it never comes back).
 */
import { z } from 'zod'
import { JWS_ALGS } from './key-types'
import { TEMPLATE_NAMES } from './templates'

// Kept here rather than imported from api.ts, which imports this module.
const TOKEN_CHARS = 256 << 10
const KEY_TEXT_CHARS = 256 << 10
const SECRET_CHARS = 16 << 10
const NAME_CHARS = 128
const VALUE_CHARS = 1024
const JSON_CHARS = 64 << 10

const name = z.string().min(1).max(NAME_CHARS)
const value = z.string().max(VALUE_CHARS)

/** A JSON object, capped by its serialized size. */
const jsonObject = z
  .record(z.string().max(NAME_CHARS), z.unknown())
  .refine((o) => JSON.stringify(o).length <= JSON_CHARS, 'JSON is over 64 KiB')

/**
 * A key source: secret text, pasted key text (PEM, JWK, JWKS) or a stored key's name.
 *
 * @example
 * KeySourceSchema.parse({ storedKey: 'prod-signing' })
 */
export const KeySourceSchema = z.union([
  z.strictObject({ secret: z.string().min(1).max(SECRET_CHARS) }),
  z.strictObject({ keyText: z.string().min(1).max(KEY_TEXT_CHARS), kid: value.optional() }),
  z.strictObject({ storedKey: name }),
])

/**
 * The mint request.
 *
 * @example
 * MintRequestSchema.parse({ key: { secret: 's' }, sub: 'alice', expiresIn: '15m' })
 */
export const MintRequestSchema = z.strictObject({
  key: KeySourceSchema.optional(),
  alg: z.enum(JWS_ALGS).optional(),
  unsecured: z.boolean().optional(),
  template: z.enum(TEMPLATE_NAMES).optional(),
  sub: value.optional(),
  iss: value.optional(),
  aud: z.union([value, z.array(value).max(64)]).optional(),
  expiresIn: z.string().max(64).nullable().optional(),
  notBefore: z.string().max(64).optional(),
  iat: z.boolean().optional(),
  jti: z.union([z.boolean(), value]).optional(),
  claims: jsonObject.optional(),
  header: jsonObject.optional(),
  typ: value.nullable().optional(),
  kid: value.nullable().optional(),
  cty: value.optional(),
  strict: z.boolean().optional(),
})

/**
 * The verify request.
 *
 * @example
 * VerifyRequestSchema.parse({ token: 'eyJ...', key: { secret: 's' }, options: { audience: 'api' } })
 */
export const VerifyRequestSchema = z.strictObject({
  token: z.string().max(TOKEN_CHARS, 'token is over 256 KiB'),
  key: KeySourceSchema,
  options: z
    .strictObject({
      algorithms: z.array(z.enum(JWS_ALGS)).max(JWS_ALGS.length).optional(),
      issuer: value.optional(),
      audience: z.union([value, z.array(value).max(64)]).optional(),
      subject: value.optional(),
      typ: value.optional(),
      require: z
        .array(z.strictObject({ name, value: z.unknown().optional() }))
        .max(64)
        .optional(),
      clockTolerance: z.union([z.string().max(64), z.number().min(0).max(1e9)]).optional(),
      at: z.string().max(64).optional(),
      maxAge: z.string().max(64).optional(),
      kid: value.optional(),
    })
    .optional(),
})
