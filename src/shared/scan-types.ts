/** What a log scan reports: the CLI's --json and --ndjson, the contract's scan jobs, the Scan view. */
import type { LintFinding } from './token-types'
import type { TokenStatus } from './token-status'

/** A unique token's verification against the scan's key source (each unique token once). */
export interface ScanVerification {
  /** unverifiable: no key to judge it (issuer not trusted, no key with its kid, a JWE, a fetch failed). */
  state: 'valid' | 'invalid' | 'unverifiable'
  code?: string
  message?: string
  /** The key that decided, in words (never the key). */
  key?: string
}

/** The claims a person looks for first, read from the header and payload. */
export interface ScanClaims {
  alg?: string
  kid?: string
  typ?: string
  iss?: string
  sub?: string
  aud?: string | string[]
  clientId?: string
  scope?: string
}

/** One unique token of a scan. */
export interface ScanToken {
  /** sha256 of the token (hex): names it without showing it. */
  sha256: string
  /** Redacted: a prefix and the length. */
  preview: string
  /** The token itself, only when asked for (--show-tokens, or the Scan view's "open"). */
  token?: string
  kind: 'JWS' | 'JWE'
  count: number
  firstLine: number
  lastLine: number
  /** With several files: the file of the first and last sighting. */
  firstFile?: string
  lastFile?: string
  header: Record<string, unknown> | null
  payload: unknown
  claims: ScanClaims
  status: TokenStatus
  /** Lifetime over 24 hours (exp - iat, or from the scan's time without iat), or no exp at all. */
  longLived: boolean
  lint: LintFinding[]
  verification?: ScanVerification
}

/** One input of a scan. */
export interface ScanFile {
  path: string
  bytes: number
  lines: number
  gzip: boolean
  occurrences: number
  /** It could not be read (the other files were still scanned). */
  error?: { code: string; message: string }
}

/** Tokens of one issuer and kid. */
export interface ScanGroup {
  iss: string | null
  kid: string | null
  unique: number
  occurrences: number
  expired: number
  longLived: number
  algNone: number
  /** Present when the scan verified: tokens that failed, and tokens no key could judge. */
  failing?: number
  unverifiable?: number
}

/** A run of token characters too long for one token: reported where it is, never decoded. */
export interface ScanOversized {
  /** With several files: which one. */
  file?: string
  line: number
  /** Its length in bytes; for a run too long to hold, how much was seen ("over"). */
  bytes: number
  code: 'ERR_INPUT_TOO_LARGE'
}

export interface ScanResult {
  occurrences: number
  unique: number
  /** Occurrences of tokens past the listing caps (counted, not listed). */
  unlisted: number
  /** Truncated tokens (a header and dots only): counted, never among the tokens. */
  truncated: number
  /** Runs over the one-token cap (the first 100 listed; `oversizedCount` counts all). */
  oversized: ScanOversized[]
  oversizedCount: number
  files: ScanFile[]
  /** Most frequent first. */
  groups: ScanGroup[]
  /** Most frequent first. */
  tokens: ScanToken[]
  scannedAt: string
  elapsedMs: number
  /** The scan was cancelled or interrupted: what was found until then. */
  partial?: boolean
}

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

export type ScanState = 'running' | 'done' | 'cancelled' | 'failed'

/** A scan job as the Scan view polls it. Rows come once it has ended. */
export interface ScanStatus {
  jobId: string
  state: ScanState
  progress: ScanProgress
  summary?: Omit<ScanResult, 'tokens'>
  rows?: ScanRow[]
  error?: { code: string; message: string }
}
