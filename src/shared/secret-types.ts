/** Result types of the secret methods: strength check, generator, weak-secret audit. */

import type { z } from 'zod/mini'
import type { JobStatus } from './jobs'
import type {
  AuditProgressSchema,
  AuditResultSchema,
  GeneratedSecretSchema,
  SecretCheckSchema,
  SecretReadingSchema,
  SecretRuleSchema,
} from './shapes/secrets'

export type Verdict = 'weak' | 'acceptable' | 'strong'
export const SECRET_ENCODINGS = ['base64url', 'base64', 'hex'] as const
export type SecretEncoding = (typeof SECRET_ENCODINGS)[number]
/** The generator's smallest, default and largest secret sizes, in bytes. */
export const MIN_SECRET_BYTES = 16
export const DEFAULT_SECRET_BYTES = 48
export const MAX_SECRET_BYTES = 1024

export type SecretReading = z.infer<typeof SecretReadingSchema>

export type SecretRule = z.infer<typeof SecretRuleSchema>

export type SecretCheck = z.infer<typeof SecretCheckSchema>

export type GeneratedSecret = z.infer<typeof GeneratedSecretSchema>

export type BuiltInList = 'known-weak' | 'common-passwords'

export interface AuditRequest {
  token: string
  /** Built-in lists to try; both when omitted. */
  builtIn?: BuiltInList[]
  /** Wordlist files on this machine (desktop and CLI; the user's own files). */
  wordlists?: string[]
}

export type AuditProgress = z.infer<typeof AuditProgressSchema>

export type AuditResult = z.infer<typeof AuditResultSchema>

export interface AuditStatus extends JobStatus<AuditProgress> {
  result?: AuditResult
}
