/** Result types of the secret methods: strength check, generator, weak-secret audit. */

import type { HmacAlg } from './algorithms'

export type Verdict = 'weak' | 'acceptable' | 'strong'
export const SECRET_ENCODINGS = ['base64url', 'base64', 'hex'] as const
export type SecretEncoding = (typeof SECRET_ENCODINGS)[number]
/** The generator's smallest, default and largest secret sizes, in bytes. */
export const MIN_SECRET_BYTES = 16
export const DEFAULT_SECRET_BYTES = 48
export const MAX_SECRET_BYTES = 1024

/** One reading of the secret: as typed (UTF-8 text) or as decoded bytes. */
export interface SecretReading {
  kind: 'text' | SecretEncoding
  /** Key bytes under this reading. */
  bytes: number
}

export interface SecretRule {
  id:
    | 'min-key-bytes'
    | 'min-length'
    | 'unique-chars'
    | 'char-classes'
    | 'entropy'
    | 'known-weak'
    | 'common-password'
    | 'pattern'
  passed: boolean
  /** What was found, in words. */
  message: string
}

export interface SecretCheck {
  alg: HmacAlg
  verdict: Verdict
  length: number
  /** Key bytes as text (UTF-8). */
  textBytes: number
  /** Every reading that applies: text always, plus each encoding the secret decodes as. */
  readings: SecretReading[]
  /** RFC 7518 §3.2 minimum key size for the alg. */
  minBytes: number
  uniqueChars: number
  classes: { lower: boolean; upper: boolean; digit: boolean; symbol: boolean; other: boolean }
  entropyBits: number
  rules: SecretRule[]
  /** What to do when the secret is not strong: generate one of this many random bytes. */
  fix?: { bytes: number; message: string }
}

export interface GeneratedSecret {
  secret: string
  encoding: SecretEncoding
  bytes: number
  /** `NAME=secret`, ready for a .env file. */
  envLine: string
  /** Name of the keychain key it was saved as, when saved. */
  savedAs?: string
}

export type BuiltInList = 'known-weak' | 'common-passwords'

export interface AuditRequest {
  token: string
  /** Built-in lists to try; both when omitted. */
  builtIn?: BuiltInList[]
  /** Wordlist files on this machine (desktop and CLI; the user's own files). */
  wordlists?: string[]
}

export interface AuditProgress {
  tried: number
  bytesDone: number
  bytesTotal: number
  elapsedMs: number
  /** Candidates per second so far. */
  rate: number
}

export interface AuditResult {
  alg: HmacAlg
  found: boolean
  /** The token's secret, when one of the candidates matched. */
  secret?: string
  tried: number
  elapsedMs: number
  rate: number
  /** Which scanner ran: native-sha-ni, native or js. */
  engine: string
  workers: number
}

export type AuditState = 'running' | 'done' | 'cancelled' | 'failed'

export interface AuditStatus {
  jobId: string
  state: AuditState
  progress: AuditProgress
  result?: AuditResult
  error?: { code: string; message: string }
}
