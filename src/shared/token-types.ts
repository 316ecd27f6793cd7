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
  /** Character offset of its first occurrence. */
  offset: number
  /** Decoded protected header, or null when it does not decode to a JSON object. */
  header: JsonObject | null
  /** Decoded payload (JWS only; JWE payloads are encrypted). */
  payload: unknown
  /** Character length of each segment. */
  segmentLengths: number[]
  /** Signature length in bytes (JWS), 0 for unsecured or JWE. */
  signatureBytes: number
  defects: TokenDefect[]
}
