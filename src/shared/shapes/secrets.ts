/** Output shapes of the secret methods (zod): strength check, generator, weak-secret audit. */
import * as z from 'zod/mini'
import { HMAC_ALGS } from '../algorithms'
import { SECRET_ENCODINGS } from '../secret-types'

export const SecretReadingSchema = z.object({
  kind: z.enum(['text', ...SECRET_ENCODINGS]),
  bytes: z.number().check(z.describe('Key bytes under this reading.')),
})

export const SecretRuleSchema = z.object({
  id: z.enum([
    'min-key-bytes',
    'min-length',
    'unique-chars',
    'char-classes',
    'entropy',
    'known-weak',
    'common-password',
    'pattern',
  ]),
  passed: z.boolean(),
  message: z.string(),
})

export const SecretCheckSchema = z.object({
  alg: z.enum(HMAC_ALGS),
  verdict: z.enum(['weak', 'acceptable', 'strong']),
  length: z.number(),
  textBytes: z.number(),
  readings: z.array(SecretReadingSchema),
  minBytes: z.number().check(z.describe('RFC 7518 §3.2 minimum key size for the alg.')),
  uniqueChars: z.number(),
  classes: z.object({
    lower: z.boolean(),
    upper: z.boolean(),
    digit: z.boolean(),
    symbol: z.boolean(),
    other: z.boolean(),
  }),
  entropyBits: z.number(),
  rules: z.array(SecretRuleSchema),
  fix: z.optional(z.object({ bytes: z.number(), message: z.string() })),
})

export const GeneratedSecretSchema = z.object({
  secret: z.string(),
  encoding: z.enum(SECRET_ENCODINGS),
  bytes: z.number(),
  envLine: z.string(),
  savedAs: z.optional(z.string()),
})

export const AuditProgressSchema = z.object({
  tried: z.number(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  elapsedMs: z.number(),
  rate: z.number().check(z.describe('Candidates per second so far.')),
})

export const AuditResultSchema = z.object({
  alg: z.enum(HMAC_ALGS),
  found: z.boolean(),
  secret: z.optional(z.string()).check(z.describe("The token's secret, when a candidate matched.")),
  tried: z.number(),
  elapsedMs: z.number(),
  rate: z.number(),
  engine: z.string().check(z.describe('native-sha-ni, native or js.')),
  workers: z.number(),
})
