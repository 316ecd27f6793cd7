/** Output shapes of stored keys, saved credentials and the local issuer (zod): metadata only. */
import * as z from 'zod/mini'
import { KEY_USES, STORED_KEY_ALGS, STORED_KEY_KINDS } from '../algorithms'

const SecretState = z.enum(['present', 'missing', 'none'])

export const KeyVersionSummarySchema = z.object({
  kid: z.string(),
  status: z
    .enum(['active', 'retiring'])
    .check(z.describe('The active version signs; retiring ones are only published.')),
  createdAt: z.string(),
  publicJwk: z
    .optional(z.record(z.string(), z.string()))
    .check(z.describe('Public JWK; absent for HMAC keys.')),
  secret: SecretState,
})

export const KeySummarySchema = z.object({
  name: z.string(),
  kind: z.enum(STORED_KEY_KINDS),
  alg: z.enum(STORED_KEY_ALGS),
  use: z
    .enum(KEY_USES)
    .check(z.describe('sig: signs and verifies JWS; enc: encrypts and decrypts JWE.')),
  kid: z.string().check(z.describe('kid of the active version.')),
  detail: z.string(),
  createdAt: z.string(),
  rotatedAt: z.optional(z.string()),
  tags: z.array(z.string()),
  verifyOnly: z
    .boolean()
    .check(z.describe('Imported public keys and certificates verify but never sign.')),
  secret: SecretState.check(z.describe("State of the active version's keychain entry.")),
  versions: z.array(KeyVersionSummarySchema),
  warnings: z.optional(z.array(z.string())),
})

export const OrphanEntrySchema = z.object({
  account: z.string(),
  kind: z.enum(['key', 'credential']),
  detail: z.string().check(z.describe('What the entry holds, never its content.')),
  name: z.string().check(z.describe('The name a restore would give it.')),
  restorable: z.boolean(),
})

export const RecoverResultSchema = z.object({
  restored: z.array(
    z.object({ account: z.string(), name: z.string(), kind: z.enum(['key', 'credential']) }),
  ),
  deleted: z.array(z.string()),
})

export const CredentialSummarySchema = z.object({
  name: z.string(),
  host: z.optional(z.string()),
  kind: z.enum(['token', 'secret']),
  note: z.optional(z.string()),
  expiresAt: z.optional(z.string()).check(z.describe("From the token's exp claim.")),
  state: z.enum(['expired', 'expiring', 'valid', 'no-expiry']),
  createdAt: z.string(),
  updatedAt: z.string(),
  secret: z.enum(['present', 'missing']),
})

export const IssuerStatusSchema = z.object({
  running: z.boolean(),
  issuer: z.optional(z.string()),
  jwksUri: z.optional(z.string()),
  port: z.optional(z.number()),
  host: z.optional(z.string()),
  keys: z
    .optional(z.array(z.string()))
    .check(z.describe('Key names served; empty: every signing key.')),
})

export const KeysListOutputSchema = z.array(KeySummarySchema)
export const KeysRecoverOutputSchema = z.union([z.array(OrphanEntrySchema), RecoverResultSchema])
export const CredsListOutputSchema = z.array(CredentialSummarySchema)
