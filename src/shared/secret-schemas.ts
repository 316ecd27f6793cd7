/** Zod schemas of the secret and audit methods' arguments, every string and list capped. */
import * as z from 'zod/mini'
import { HMAC_ALGS } from './algorithms'
import { LIMITS } from './limits'
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, SECRET_ENCODINGS } from './secret-types'
import { KeyNameSchema } from './stored-key-schemas'

const HmacAlgSchema = z.enum(HMAC_ALGS)

/** `secret.generate`: bytes, encoding, .env name, and optionally a key name to save it as. */
export const GenerateSecretSchema = z.lazy(() =>
  z.strictObject({
    bytes: z.optional(z.int().check(z.gte(MIN_SECRET_BYTES), z.lte(MAX_SECRET_BYTES))),
    encoding: z.optional(z.enum(SECRET_ENCODINGS)),
    envName: z.optional(
      z
        .string()
        .check(
          z.maxLength(128),
          z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not an environment variable name'),
        ),
    ),
    saveAs: z.optional(KeyNameSchema),
    alg: z.optional(HmacAlgSchema),
  }),
)

/** `secret.save`: store a secret (its UTF-8 bytes, as apps use it) as an HS key. */
export const SaveSecretSchema = z.lazy(() =>
  z.strictObject({
    name: KeyNameSchema,
    secret: z.string().check(z.minLength(1), z.maxLength(LIMITS.checkedSecret)),
    alg: z.optional(HmacAlgSchema),
  }),
)

/** `audit.start`: the token, built-in lists, and wordlist files on this machine. */
export const AuditRequestSchema = z.lazy(() =>
  z.strictObject({
    token: z.string().check(z.minLength(1), z.maxLength(LIMITS.token)),
    builtIn: z.optional(z.array(z.enum(['known-weak', 'common-passwords'])).check(z.maxLength(2))),
    wordlists: z.optional(
      z
        .array(z.string().check(z.minLength(1), z.maxLength(LIMITS.path)))
        .check(z.maxLength(LIMITS.wordlists)),
    ),
  }),
)
