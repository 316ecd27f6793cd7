/** What a log scan reports: the CLI's --json and --ndjson, the contract's scan jobs, the Scan view. */
import type { z } from 'zod/mini'
import type {
  ScanClaimsSchema,
  ScanFileSchema,
  ScanGroupSchema,
  ScanResultSchema,
  ScanTokenSchema,
  ScanVerificationSchema,
} from './shapes/scan'
import type { JobStatus } from './jobs'
import type { TokenStatus } from './token-status'

export type ScanVerification = z.infer<typeof ScanVerificationSchema>

export type ScanClaims = z.infer<typeof ScanClaimsSchema>

export type ScanToken = z.infer<typeof ScanTokenSchema>

export type ScanFile = z.infer<typeof ScanFileSchema>

export type ScanGroup = z.infer<typeof ScanGroupSchema>

export type ScanResult = z.infer<typeof ScanResultSchema>

/** How a running scan is doing. */
export interface ScanProgress {
  bytesDone: number
  /** Known for files (the sum of their sizes); 0 for a stream. */
  bytesTotal: number
  occurrences: number
  unique: number
  elapsedMs: number
}

/** A unique token as a table row: what the Scan view sorts, filters and exports (redacted). */
export interface ScanRow {
  sha256: string
  preview: string
  kind: 'JWS' | 'JWE'
  count: number
  firstLine: number
  lastLine: number
  firstFile?: string
  alg?: string
  kid?: string
  iss?: string
  sub?: string
  aud?: string
  clientId?: string
  scope?: string
  state: TokenStatus['state']
  expiresAt: string | null
  longLived: boolean
  verification?: ScanVerification['state']
  verificationCode?: string
}

/** A scan job as the Scan view polls it. Rows come once it has ended. */
export interface ScanStatus extends JobStatus<ScanProgress> {
  summary?: Omit<ScanResult, 'tokens'>
  rows?: ScanRow[]
}
