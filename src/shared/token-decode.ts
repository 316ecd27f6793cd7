/**
 * Decodes tokens leniently: as far as each one goes, naming every defect instead of giving up.
 * Pure (no Node), so the renderer decodes on the keystroke and main, the CLI and the scanner
 * run the same code.
 */
import { base64urlFault, base64urlText, decodedLength } from './base64url'
import { WorkbenchError } from './errors'
import { isRecord } from './is-record'
import { findDuplicateKeys } from './json-duplicates'
import { LIMITS, tooLarge } from './limits'
import { claimList, identifyProvider } from './providers'
import { redact } from './redact'
import { describeTime, isoUtc, TIME_CLAIMS } from './relative-time'
import { findTokens, isTruncated } from './token-finder'
import { lintToken } from './token-lint'
import type { DecodedToken, JsonObject, TokenDefect, TokenTime } from './token-types'

const JWS_PARTS = ['header', 'payload', 'signature']
const JWE_PARTS = ['header', 'encrypted_key', 'iv', 'ciphertext', 'tag']

/**
 * Decodes every distinct token in `text`, in order of first appearance, with its times and
 * lint findings relative to `now`. Throws ERR_INPUT_TOO_LARGE over the cap and
 * ERR_NO_TOKEN_FOUND when nothing looks like a token.
 *
 * @example
 * decodeText('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln')[0].payload // { sub: 'a' }
 */
export function decodeText(text: string, now: Date = new Date()): DecodedToken[] {
  if (text.length > LIMITS.text) {
    throw new WorkbenchError('ERR_INPUT_TOO_LARGE', tooLarge('The text', text.length, LIMITS.text))
  }
  const found = findTokens(text)
  if (found.length === 0) {
    throw new WorkbenchError(
      'ERR_NO_TOKEN_FOUND',
      'No JWT found: a token is three (JWS) or five (JWE) base64url segments separated by dots.',
    )
  }
  return found.map((f) => decodeToken(f.token, now, f))
}

/** Where a token was found, and whether to add what only a person reads (times, lint). */
export interface DecodeOptions {
  offset?: number
  line?: number
  column?: number
  count?: number
  whitespace?: boolean
  /** Characters glued to the token in the text (see FoundToken). */
  junk?: string
  /** false: leave `times` and `lint` empty (verify lints once itself, with the secret). */
  display?: boolean
}

/**
 * Decodes one token (no searching): header and payload as JSON, segment sizes, every defect,
 * times and lint findings. For a JWE only the protected header is readable. A token over the
 * size cap is not decoded: its only defect says so.
 *
 * @example
 * decodeToken('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', new Date()).defects[0].code // 'unsecured'
 */
export function decodeToken(
  token: string,
  now: Date = new Date(),
  where: DecodeOptions = {},
): DecodedToken {
  if (token.length > LIMITS.token) return oversized(token, where)
  const defects: TokenDefect[] = []
  if (where.junk !== undefined) {
    defects.push({
      code: 'glued_text',
      part: 'token',
      message: `The characters ${JSON.stringify(where.junk.slice(0, 16))} are glued to the token with no space: they may have been appended to it. Verify refuses the token with them.`,
    })
  }
  if (isTruncated(token)) {
    defects.push({
      code: 'truncated',
      part: 'token',
      message: 'Only a header followed by dots: the token was cut off after its header.',
    })
  }
  if (where.whitespace) {
    defects.push({
      code: 'whitespace',
      part: 'token',
      message: 'The token contains whitespace (line breaks or spaces); it was joined back up.',
    })
  }
  const segments = token.split('.')
  const kind = segments.length === 5 ? 'JWE' : 'JWS'
  if (segments.length !== 3 && segments.length !== 5) {
    defects.push({
      code: 'segment_count',
      part: 'token',
      message: `${segments.length} segments: a JWS has 3 and a JWE has 5.`,
    })
  }
  const parts = kind === 'JWE' ? JWE_PARTS : JWS_PARTS
  const header = decodeHeaderSegment(segments[0] ?? '', defects)
  const headerObject = isRecord(header) ? header : null
  if (header !== undefined && headerObject === null) {
    defects.push({
      code: 'header_not_object',
      part: 'header',
      message: 'The header is JSON but not an object; a JOSE header must be a JSON object.',
    })
  }
  let payload: unknown = null
  let signatureBytes = 0
  if (kind === 'JWS') {
    const payloadSegment = segments[1] ?? ''
    if (headerObject?.['b64'] === false) {
      defects.push({
        code: 'b64_false',
        part: 'payload',
        message: 'The header sets b64:false (RFC 7797): the payload is not base64url-encoded.',
      })
      // Not JSON is fine here (RFC 7797 signs any text); JSON is held to the same rules.
      payload = looksLikeJson(payloadSegment)
        ? (parseJsonText(payloadSegment, 'payload', defects) ?? null)
        : payloadSegment
    } else {
      payload = decodeJsonSegment(payloadSegment, 'payload', defects) ?? null
      if (payload !== null && !isRecord(payload)) {
        defects.push({
          code: 'payload_not_object',
          part: 'payload',
          message: 'The payload is JSON but not an object, so it is not a JWT claims set.',
        })
      }
    }
    const signature = segments[2] ?? ''
    checkBase64url(signature, 'signature', defects)
    signatureBytes = decodedLength(signature.length)
    const alg = headerObject?.['alg']
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
      defects.push({
        code: 'unsecured',
        part: 'header',
        message: 'alg is "none": the token is unsecured and anyone can forge it.',
      })
    } else if (signature === '') {
      defects.push({
        code: 'unsecured',
        part: 'signature',
        message: 'The signature is empty: nothing protects this token.',
      })
    }
  } else {
    for (let k = 1; k < 5; k++) checkBase64url(segments[k] ?? '', parts[k] ?? 'token', defects)
  }
  const decoded: DecodedToken = {
    kind,
    preview: redact(token),
    count: where.count ?? 1,
    ...position(where),
    header: headerObject,
    payload,
    segmentLengths: segments.map((s) => s.length),
    signatureBytes,
    defects,
    times: [],
    lint: [],
  }
  if (where.display === false) return decoded
  if (isRecord(payload)) {
    decoded.times = timesOf(payload, now)
    describeProvider(decoded, payload)
  }
  decoded.lint = lintToken(
    decoded,
    kind === 'JWS' ? { now, signature: segments[2] ?? '' } : { now },
  )
  return decoded
}

/**
 * The claims a JWE carried, decoded like a JWS payload once decrypted: times and lint, with
 * the JWE header (kind JWE; no segments to report).
 */
export function decodeDecryptedClaims(
  header: JsonObject,
  claims: JsonObject,
  preview: string,
  now: Date = new Date(),
): DecodedToken {
  const decoded: DecodedToken = {
    kind: 'JWE',
    preview,
    count: 1,
    offset: 0,
    header,
    payload: claims,
    segmentLengths: [],
    signatureBytes: 0,
    defects: [],
    times: timesOf(claims, now),
    lint: [],
  }
  describeProvider(decoded, claims)
  decoded.lint = lintToken(decoded, { now })
  return decoded
}

/** The provider, tenant, roles and scopes of a claims set, when there are any. */
function describeProvider(decoded: DecodedToken, claims: JsonObject): void {
  const provider = identifyProvider(claims, decoded.header ?? {})
  if (provider) decoded.provider = provider
  const roles = claimList(claims, 'roles')
  if (roles.length > 0) decoded.roles = roles
  const scopes = claimList(claims, 'scopes')
  if (scopes.length > 0) decoded.scopes = scopes
}

function position(where: DecodeOptions): Pick<DecodedToken, 'offset' | 'line' | 'column'> {
  return {
    offset: where.offset ?? 0,
    ...(where.line === undefined ? {} : { line: where.line, column: where.column ?? 1 }),
  }
}

/** A token over the cap: counted and named, never parsed. */
function oversized(token: string, where: DecodeOptions): DecodedToken {
  const segments = token.split('.').length
  return {
    kind: segments === 5 ? 'JWE' : 'JWS',
    preview: redact(token),
    count: where.count ?? 1,
    ...position(where),
    header: null,
    payload: null,
    segmentLengths: [],
    signatureBytes: 0,
    defects: [
      {
        code: 'too_large',
        part: 'token',
        message: `${tooLarge('The token', token.length, LIMITS.token)} It was not decoded (ERR_INPUT_TOO_LARGE).`,
      },
    ],
    times: [],
    lint: [],
  }
}

/** Names what is wrong with a segment's base64url encoding; true when it is well-formed. */
function checkBase64url(segment: string, part: string, defects: TokenDefect[]): boolean {
  const fault = base64urlFault(segment)
  if (fault === 'alphabet') {
    defects.push({
      code: 'bad_base64url',
      part,
      message: `The ${part} uses characters outside base64url (standard base64 "+", "/" or "=" padding?).`,
    })
  } else if (fault === 'length') {
    defects.push({
      code: 'bad_base64url',
      part,
      message: `The ${part} has ${segment.length} characters, a length no base64url text can have; it may be truncated.`,
    })
  } else if (fault === 'bits') {
    defects.push({
      code: 'non_canonical_base64url',
      part,
      message: `The ${part} is not canonical base64url (unused bits are set); strict verifiers reject it.`,
    })
  }
  return fault === null || fault === 'bits'
}

// The tokens of one issuer share their header segment (a page of logs, a stream of requests
// to verify): its decode is kept, frozen, for the next token. Bounded in count and size.
const HEADER_CACHE_ENTRIES = 64
const HEADER_CACHE_MAX_CHARS = 2048
const decodedHeaders = new Map<string, { value: unknown; defects: TokenDefect[] }>()

function decodeHeaderSegment(segment: string, defects: TokenDefect[]): unknown {
  const cached = decodedHeaders.get(segment)
  if (cached) {
    defects.push(...cached.defects)
    return cached.value
  }
  const own: TokenDefect[] = []
  const value = deepFreeze(decodeJsonSegment(segment, 'header', own))
  own.forEach((d) => Object.freeze(d))
  defects.push(...own)
  if (segment.length <= HEADER_CACHE_MAX_CHARS) {
    if (decodedHeaders.size === HEADER_CACHE_ENTRIES) {
      decodedHeaders.delete(decodedHeaders.keys().next().value!)
    }
    decodedHeaders.set(segment, { value, defects: own })
  }
  return value
}

/** Freezes a parsed JSON value and everything in it (its depth is already bounded). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

function decodeJsonSegment(segment: string, part: string, defects: TokenDefect[]): unknown {
  checkBase64url(segment, part, defects)
  const { text, utf8 } = base64urlText(segment)
  if (!utf8) defects.push({ code: 'not_utf8', part, message: `The ${part} is not valid UTF-8.` })
  return parseJsonText(text, part, defects)
}

/** Parses JSON text of a part, refusing what is too deep and naming duplicate members. */
function parseJsonText(text: string, part: string, defects: TokenDefect[]): unknown {
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    defects.push({
      code: 'not_json',
      part,
      message: `The ${part} segment does not decode to JSON.`,
    })
    return undefined
  }
  const { depth, strings } = jsonShape(value, LIMITS.jsonDepth + 1)
  if (depth > LIMITS.jsonDepth) {
    // Every serializer (IPC, HTTP, the CLI's output) recurses and would overflow on it.
    defects.push({
      code: 'json_too_deep',
      part,
      message: `The ${part} nests ${depth} levels deep (over ${LIMITS.jsonDepth}); it is not shown.`,
    })
    return undefined
  }
  const duplicates = keepsEveryString(text, strings) ? [] : findDuplicateKeys(text)
  if (duplicates.length > 0) {
    defects.push({
      code: 'duplicate_keys',
      part,
      message: `The ${part} repeats ${duplicates.map((k) => JSON.stringify(k)).join(', ')}: parsers disagree on which value wins.`,
    })
  }
  return value
}

interface JsonShape {
  /** How deep objects and arrays nest, counted up to the limit given. */
  depth: number
  /** Strings in the value, object keys included. */
  strings: number
}

/** The shape of a parsed JSON value; the walk stops at `limit` levels, so it cannot overflow. */
function jsonShape(value: unknown, limit: number): JsonShape {
  const shape = { depth: 0, strings: 0 }
  measure(value, 1, limit, shape)
  return shape
}

function measure(value: unknown, level: number, limit: number, shape: JsonShape): void {
  if (typeof value === 'string') {
    shape.strings++
    return
  }
  if (typeof value !== 'object' || value === null) return
  if (level > shape.depth) shape.depth = level
  if (level === limit) return
  if (Array.isArray(value)) {
    for (const item of value) measure(item, level + 1, limit, shape)
    return
  }
  for (const key in value) {
    shape.strings++
    measure((value as Record<string, unknown>)[key], level + 1, limit, shape)
  }
}

/**
 * A cheap proof that `text` has no duplicate keys, good for the usual escape-free JSON:
 * without a backslash every `"` delimits a string, and JSON.parse keeps every string of the
 * text (`strings` of them) unless it dropped a repeated key and its value.
 */
function keepsEveryString(text: string, strings: number): boolean {
  if (text.includes('\\')) return false
  let quotes = 0
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++
  return quotes === 2 * strings
}

function timesOf(payload: JsonObject, now: Date): TokenTime[] {
  const times: TokenTime[] = []
  for (const claim of TIME_CLAIMS) {
    const value = payload[claim]
    if (typeof value !== 'number' || !Number.isFinite(value)) continue
    times.push({ claim, value, iso: isoUtc(value), relative: describeTime(claim, value, now) })
  }
  return times
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
