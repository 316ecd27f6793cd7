/** Output shapes of stored keys, saved credentials and the local issuer (zod): metadata only. */
import * as z from 'zod'
import { KEY_USES, STORED_KEY_ALGS, STORED_KEY_KINDS } from '../algorithms'

const SecretState = z.enum(['present', 'missing', 'none'])

export const KeyVersionSummarySchema = z.object({
  kid: z.string(),
  status: z
    .enum(['active', 'retiring'])
    .describe('The active version signs; retiring ones are only published.'),
  createdAt: z.string(),
  publicJwk: z
    .record(z.string(), z.string())
    .optional()
    .describe('Public JWK; absent for HMAC keys.'),
  secret: SecretState,
})

export const KeySummarySchema = z.object({
  name: z.string(),
  kind: z.enum(STORED_KEY_KINDS),
  alg: z.enum(STORED_KEY_ALGS),
  use: z.enum(KEY_USES).describe('sig: signs and verifies JWS; enc: encrypts and decrypts JWE.'),
  kid: z.string().describe('kid of the active version.'),
  detail: z.string(),
  createdAt: z.string(),
  rotatedAt: z.string().optional(),
  tags: z.array(z.string()),
  verifyOnly: z.boolean().describe('Imported public keys and certificates verify but never sign.'),
  secret: SecretState.describe("State of the active version's keychain entry."),
  versions: z.array(KeyVersionSummarySchema),
  warnings: z.array(z.string()).optional(),
})

export const OrphanEntrySchema = z.object({
  account: z.string(),
  kind: z.enum(['key', 'credential']),
  detail: z.string().describe('What the entry holds, never its content.'),
  name: z.string().describe('The name a restore would give it.'),
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
  host: z.string().optional(),
  kind: z.enum(['token', 'secret']),
  note: z.string().optional(),
  expiresAt: z.string().optional().describe("From the token's exp claim."),
  state: z.enum(['expired', 'expiring', 'valid', 'no-expiry']),
  createdAt: z.string(),
  updatedAt: z.string(),
  secret: z.enum(['present', 'missing']),
})

export const IssuerStatusSchema = z.object({
  running: z.boolean(),
  issuer: z.string().optional(),
  jwksUri: z.string().optional(),
  port: z.number().optional(),
  host: z.string().optional(),
  keys: z.array(z.string()).optional().describe('Key names served; empty: every signing key.'),
})

export const KeysListOutputSchema = z.array(KeySummarySchema)
export const KeysRecoverOutputSchema = z.union([z.array(OrphanEntrySchema), RecoverResultSchema])
export const CredsListOutputSchema = z.array(CredentialSummarySchema)
