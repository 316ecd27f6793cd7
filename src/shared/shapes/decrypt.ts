/** Output shape of a decrypted JWE (zod): what `decrypt` returns and `jwtw decrypt --json` prints. */
import * as z from 'zod/mini'
import { DecodedTokenSchema, JsonObjectSchema } from './token'
import { VerifyResultSchema } from './verify'

export const DecryptResultSchema = z.object({
  serialization: z.enum(['compact', 'flattened', 'general']),
  header: JsonObjectSchema.check(z.describe('The protected, shared and recipient header, joined.')),
  alg: z.string(),
  enc: z.string(),
  key: z
    .object({
      origin: z.enum(['stored', 'key-text', 'secret', 'password']),
      detail: z.string(),
      name: z.optional(z.string()),
      kid: z.optional(z.string()),
    })
    .check(z.describe('The key that decrypted the token (never its material).')),
  tried: z.number().check(z.describe('How many fitting keys were tried.')),
  content: z
    .enum(['claims', 'jws', 'text', 'binary'])
    .check(
      z.describe(
        'What the plaintext is: a claims set, a nested signed token, other text, or bytes.',
      ),
    ),
  bytes: z.number().check(z.describe('Size of the plaintext.')),
  decoded: z
    .optional(DecodedTokenSchema)
    .check(z.describe('The claims (kind JWE, with times and lint), or the nested JWS decoded.')),
  inner: z.optional(z.string()).check(z.describe('The nested signed token (content jws).')),
  text: z.optional(z.string()),
  hex: z.optional(z.string()).check(z.describe('The first 4 KiB of a binary plaintext, hex.')),
  verification: z
    .optional(VerifyResultSchema)
    .check(z.describe('The nested token verified, when a key source to verify with was given.')),
  verifyError: z
    .optional(z.object({ code: z.string(), message: z.string() }))
    .check(z.describe('Why the nested token could not be verified (the key source failed).')),
})
