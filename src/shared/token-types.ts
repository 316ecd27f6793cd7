/** Shapes of decoded tokens, shared by the decoder, the renderer and the CLI. */

export type JsonObject = { [key: string]: unknown }

/** A defect found while decoding leniently; the token is decoded as far as it goes. */
export interface TokenDefect {
  code: string
  /** Which part the defect is in: 'header', 'payload', 'signature', 'token'. */
  part: string
  message: string
}

/** One distinct token found in the input. */
export interface DecodedToken {
  kind: 'JWS' | 'JWE'
  /** Redacted form of the token, safe to show in logs and lists. */
  preview: string
  /** Occurrences of this exact token in the input. */
  count: number
  /** Character offset of its first occurrence (a byte offset in input over 1 MiB, read as a stream). */
  offset: number
  /** 1-based line and column of its first occurrence, when known. */
  line?: number
  column?: number
  /** Decoded protected header, or null when it does not decode to a JSON object. */
  header: JsonObject | null
  /** Decoded payload (JWS only; JWE payloads are encrypted). */
  payload: unknown
  /** Character length of each segment. */
  segmentLengths: number[]
  /** Signature length in bytes (JWS), 0 for unsecured or JWE. */
  signatureBytes: number
  defects: TokenDefect[]
  /** The time claims of the payload (iat, nbf, exp, auth_time, updated_at) that are numbers. */
  times: TokenTime[]
  /** What is risky about this token, most severe first. */
  lint: LintFinding[]
}

/** A NumericDate claim as a date and relative to the time of decoding. */
export interface TokenTime {
  claim: 'iat' | 'nbf' | 'exp' | 'auth_time' | 'updated_at'
  /** The value in the token: seconds since the epoch. */
  value: number
  /** ISO 8601 UTC, or null when the value is not a representable date. */
  iso: string | null
  /** E.g. 'expires in 4m 12s', 'expired 3h ago'. */
  relative: string
}

export type LintSeverity = 'error' | 'warning' | 'info'

/** One lint finding: a stable code, how much it matters, and what to do about it. */
export interface LintFinding {
  code: string
  severity: LintSeverity
  message: string
}
