/** Output shape of a decrypted JWE (zod): what `decrypt` returns and `jwtw decrypt --json` prints. */
import * as z from 'zod'
import { DecodedTokenSchema, JsonObjectSchema } from './token'
import { VerifyResultSchema } from './verify'

export const DecryptResultSchema = z.object({
  serialization: z.enum(['compact', 'flattened', 'general']),
  header: JsonObjectSchema.describe('The protected, shared and recipient header, joined.'),
  alg: z.string(),
  enc: z.string(),
  key: z
    .object({
      origin: z.enum(['stored', 'key-text', 'secret', 'password']),
      detail: z.string(),
      name: z.string().optional(),
      kid: z.string().optional(),
    })
    .describe('The key that decrypted the token (never its material).'),
  tried: z.number().describe('How many fitting keys were tried.'),
  content: z
    .enum(['claims', 'jws', 'text', 'binary'])
    .describe('What the plaintext is: a claims set, a nested signed token, other text, or bytes.'),
  bytes: z.number().describe('Size of the plaintext.'),
  decoded: DecodedTokenSchema.optional().describe(
    'The claims (kind JWE, with times and lint), or the nested JWS decoded.',
  ),
  inner: z.string().optional().describe('The nested signed token (content jws).'),
  text: z.string().optional(),
  hex: z.string().optional().describe('The first 4 KiB of a binary plaintext, hex.'),
  verification: VerifyResultSchema.optional().describe(
    'The nested token verified, when a key source to verify with was given.',
  ),
  verifyError: z
    .object({ code: z.string(), message: z.string() })
    .optional()
    .describe('Why the nested token could not be verified (the key source failed).'),
})
