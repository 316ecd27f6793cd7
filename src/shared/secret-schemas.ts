/** Zod schemas of the secret and audit methods' arguments, every string and list capped. */
import { z } from 'zod'
import { HMAC_ALGS, MAX_SECRET_BYTES, MIN_SECRET_BYTES, SECRET_ENCODINGS } from './secret-types'

/** Secrets typed or pasted by a person; far beyond any real key. */
export const MAX_SECRET_CHARS = 4096
export const MAX_WORDLISTS = 16
export const MAX_PATH_CHARS = 4096

const HmacAlgSchema = z.enum(HMAC_ALGS)
const KeyName = z.string().min(1).max(128)

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
    saveAs: KeyName.optional(),
    alg: HmacAlgSchema.optional(),
  })
  .strict()

/** `secret.save`: store a secret (its UTF-8 bytes, as apps use it) as an HS key. */
export const SaveSecretSchema = z
  .object({
    name: KeyName,
    secret: z.string().min(1).max(MAX_SECRET_CHARS),
    alg: HmacAlgSchema.optional(),
  })
  .strict()

/** `audit.start`: the token, built-in lists, and wordlist files on this machine. */
export function auditRequestSchema(maxTokenChars: number) {
  return z
    .object({
      token: z.string().min(1).max(maxTokenChars),
      builtIn: z
        .array(z.enum(['known-weak', 'common-passwords']))
        .max(2)
        .optional(),
      wordlists: z.array(z.string().min(1).max(MAX_PATH_CHARS)).max(MAX_WORDLISTS).optional(),
    })
    .strict()
}

export const JobIdSchema = z.string().min(1).max(64)
