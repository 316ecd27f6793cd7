/** Zod schemas of the secret and audit methods' arguments, every string and list capped. */
import * as z from 'zod'
import { HMAC_ALGS } from './algorithms'
import { LIMITS } from './limits'
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, SECRET_ENCODINGS } from './secret-types'
import { KeyNameSchema } from './stored-key-schemas'

const HmacAlgSchema = z.enum(HMAC_ALGS)

/** `secret.generate`: bytes, encoding, .env name, and optionally a key name to save it as. */
export const GenerateSecretSchema = z
  .object({
    bytes: z.number().int().min(MIN_SECRET_BYTES).max(MAX_SECRET_BYTES).optional(),
    encoding: z.enum(SECRET_ENCODINGS).optional(),
    envName: z
      .string()
      .max(128)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not an environment variable name')
      .optional(),
    saveAs: KeyNameSchema.optional(),
    alg: HmacAlgSchema.optional(),
  })
  .strict()

/** `secret.save`: store a secret (its UTF-8 bytes, as apps use it) as an HS key. */
export const SaveSecretSchema = z
  .object({
    name: KeyNameSchema,
    secret: z.string().min(1).max(LIMITS.checkedSecret),
    alg: HmacAlgSchema.optional(),
  })
  .strict()

/** `audit.start`: the token, built-in lists, and wordlist files on this machine. */
export const AuditRequestSchema = z.strictObject({
  token: z.string().min(1).max(LIMITS.token),
  builtIn: z
    .array(z.enum(['known-weak', 'common-passwords']))
    .max(2)
    .optional(),
  wordlists: z.array(z.string().min(1).max(LIMITS.path)).max(LIMITS.wordlists).optional(),
})
