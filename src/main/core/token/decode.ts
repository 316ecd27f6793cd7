/**
 * Finds every JWS (3 segments) and JWE (5 segments) in arbitrary text and decodes each one
 * leniently: as far as it goes, naming every defect instead of giving up.
 */
import { MAX_TEXT_CHARS, MAX_TOKEN_CHARS } from '../../../shared/api'
import { WorkbenchError } from '../../../shared/errors'
import { findDuplicateKeys } from '../../../shared/json-duplicates'
import { redact } from '../../../shared/redact'
import { describeTime, isoUtc, TIME_CLAIMS } from '../../../shared/relative-time'
import type { DecodedToken, JsonObject, TokenDefect, TokenTime } from '../../../shared/token-types'
import { lintToken } from './lint'
import { isRecord } from '../../../shared/is-record'

// The scan is a single linear pass over runs of base64url characters and dots: no regular
// expression with nested quantifiers ever sees untrusted text, so nothing can backtrack.
const RUN_CHAR = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.') {
  RUN_CHAR[c.charCodeAt(0)] = 1
}
const BASE64URL = /^[A-Za-z0-9_-]*$/
// A whole input that is one token may also use the standard alphabet or padding; that is
// reported as a defect rather than ignored.
const LOOSE_CHAR = /^[A-Za-z0-9_\-+/=.]+$/
const STRICT_CHAR = /^[A-Za-z0-9_\-.]+$/
const HEX4 = /^[0-9a-fA-F]{4}/
const HEX2 = /^[0-9a-fA-F]{2}/
const WHITESPACE = /\s/
// Real headers and claims nest a few levels; this leaves room for rich claims and none for abuse.
const MAX_JSON_DEPTH = 64
const JWS_PARTS = ['header', 'payload', 'signature']
const JWE_PARTS = ['header', 'encrypted_key', 'iv', 'ciphertext', 'tag']

interface Found {
  token: string
  offset: number
  count: number
  whitespace: boolean
}

/**
 * Decodes every distinct token in `text`, in order of first appearance, with its times and
 * lint findings relative to `now`. Throws ERR_INPUT_TOO_LARGE over the caps and
 * ERR_NO_TOKEN_FOUND when nothing looks like a token.
 */
export function decodeText(text: string, now: Date = new Date()): DecodedToken[] {
  if (text.length > MAX_TEXT_CHARS) {
    throw new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      'The text is over 1 MiB; paste a smaller excerpt.',
    )
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

/** Where each distinct token is in `text`, in order of first appearance, with its count. */
function findTokens(text: string): Found[] {
  const trimmed = text.trim()
  const offset = text.indexOf(trimmed)
  if (WHITESPACE.test(trimmed)) {
    // A single token wrapped over lines (a terminal or an email did it) is still one token.
    const compact = trimmed.replace(/\s+/g, '')
    if (/^e[wy]/.test(compact) && isBareToken(compact) && !hasWholeToken(trimmed)) {
      return [{ token: compact, offset, count: 1, whitespace: true }]
    }
  } else if (isBareToken(trimmed) && (/^e[wy]/.test(trimmed) || looksLikeToken(trimmed))) {
    return [{ token: trimmed, offset, count: 1, whitespace: false }]
  }
  const byToken = new Map<string, Found>()
  const n = text.length
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (code >= 128 || RUN_CHAR[code] === 0) {
      i++
      continue
    }
    let start = i
    let dots = 0
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c >= 128 || RUN_CHAR[c] === 0) break
      if (c === 0x2e) dots++
      i++
    }
    if (dots < 2) continue
    start = skipEscape(text, start)
    while (text.charCodeAt(start) === 0x2e) start++
    let token = text.slice(start, i)
    // A sentence may end right after a token. Only a JWS can end with a dot (an empty
    // signature); a JWE always ends with its tag. Counted, not looped, to stay linear.
    const total = countDots(token)
    let trailing = 0
    while (token.charCodeAt(token.length - 1 - trailing) === 0x2e) trailing++
    const strip = total > 2 ? Math.min(trailing, total - 2) : 0
    if (strip > 0) token = token.slice(0, -strip)
    if (!/^e[wy]/.test(token) || total - strip < 2) continue
    if (!looksLikeToken(token)) continue
    const seen = byToken.get(token)
    if (seen) seen.count++
    else byToken.set(token, { token, offset: start, count: 1, whitespace: false })
  }
  return [...byToken.values()]
}

/** Skips an escape that glued itself to the token: `\n`, `\t`, `\u0022` in JSON, `%20` in URLs. */
function skipEscape(text: string, start: number): number {
  const before = text[start - 1]
  if (before === '\\') {
    const c = text[start]
    if (c === 'n' || c === 'r' || c === 't' || c === 'b' || c === 'f') return start + 1
    if (c === 'u' && HEX4.test(text.slice(start + 1, start + 5))) return start + 5
  } else if (before === '%' && HEX2.test(text.slice(start, start + 2))) {
    return start + 2
  }
  return start
}

function countDots(token: string): number {
  let dots = 0
  for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) === 0x2e) dots++
  return dots
}

function validSegmentCount(token: string): boolean {
  const dots = countDots(token)
  return dots === 2 || dots === 4
}

// Two tokens separated by a space are two tokens, not one wrapped token.
function hasWholeToken(text: string): boolean {
  return text.split(/\s+/).some((piece) => /^e[wy]/.test(piece) && validSegmentCount(piece))
}

function isBareToken(text: string): boolean {
  const dots = countDots(text)
  if (dots < 2 || dots > 4 || text.startsWith('.')) return false
  // "id_token=eyJ..." is text around a token, not a token in standard base64.
  return STRICT_CHAR.test(text) || (/^e[wy]/.test(text) && LOOSE_CHAR.test(text))
}

// Inside other text, "ey" followed by dots is also a host name or a sentence; keep the
// candidate only when its header decodes to JSON or starts like one ('{"').
function looksLikeToken(token: string): boolean {
  if (token.startsWith('eyJ')) return true
  if (token.length > MAX_TOKEN_CHARS) return true
  const first = token.slice(0, token.indexOf('.'))
  try {
    JSON.parse(Buffer.from(first, 'base64url').toString('utf8'))
    return true
  } catch {
    return false
  }
}

/** Where a token was found, and whether to add what only a person reads (times, lint). */
export interface DecodeOptions {
  offset?: number
  count?: number
  whitespace?: boolean
  /** false: leave `times` and `lint` empty (verify lints once itself, with the secret). */
  display?: boolean
}

/**
 * Decodes one token (no searching): header and payload as JSON, segment sizes, every defect,
 * times and lint findings. For a JWE only the protected header is readable.
 *
 * @example
 * decodeToken('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', new Date()).defects[0].code // 'unsecured'
 */
export function decodeToken(
  token: string,
  now: Date = new Date(),
  where: DecodeOptions = {},
): DecodedToken {
  if (token.length > MAX_TOKEN_CHARS) {
    throw new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      `A token of ${token.length} characters is over the 256 KiB limit.`,
    )
  }
  const defects: TokenDefect[] = []
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
      payload = parseOr(payloadSegment, payloadSegment)
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
    signatureBytes = checkBase64url(signature, 'signature', defects)
      ? Buffer.byteLength(signature, 'base64url')
      : Buffer.from(signature, 'base64url').length
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
    offset: where.offset ?? 0,
    header: headerObject,
    payload,
    segmentLengths: segments.map((s) => s.length),
    signatureBytes,
    defects,
    times: [],
    lint: [],
  }
  if (where.display === false) return decoded
  if (isRecord(payload)) decoded.times = timesOf(payload, now)
  decoded.lint = lintToken(decoded, { now })
  return decoded
}

/**
 * Checks a segment's base64url encoding and names what is wrong; the bytes are not decoded.
 * True when the segment is well-formed.
 */
function checkBase64url(segment: string, part: string, defects: TokenDefect[]): boolean {
  if (!BASE64URL.test(segment)) {
    defects.push({
      code: 'bad_base64url',
      part,
      message: `The ${part} uses characters outside base64url (standard base64 "+", "/" or "=" padding?).`,
    })
    return false
  }
  if (segment.length % 4 === 1) {
    defects.push({
      code: 'bad_base64url',
      part,
      message: `The ${part} has ${segment.length} characters, a length no base64url text can have; it may be truncated.`,
    })
    return false
  }
  if (!unusedBitsClear(segment)) {
    defects.push({
      code: 'non_canonical_base64url',
      part,
      message: `The ${part} is not canonical base64url (unused bits are set); strict verifiers reject it.`,
    })
  }
  return true
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * True when the last character of base64url text carries no stray bits (2 or 4 unused bits
 * when the length is 2 or 3 mod 4), so the text is the one canonical encoding of its bytes.
 * A length of 1 mod 4 is reported separately.
 */
function unusedBitsClear(segment: string): boolean {
  const rest = segment.length % 4
  if (rest === 0 || rest === 1) return true
  const last = BASE64URL_ALPHABET.indexOf(segment[segment.length - 1]!)
  return (last & (rest === 2 ? 15 : 3)) === 0
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

// Segments are decoded into one reused buffer: Buffer.from would carve each one out of
// Node's shared pool, and refilling that pool costs more than decoding a short segment.
let scratch = Buffer.allocUnsafeSlow(4096)

/** The bytes of a base64url segment, valid until the next call (read them at once). */
function segmentBytes(segment: string): Buffer {
  const most = Math.ceil((segment.length * 3) / 4)
  if (most > scratch.length) scratch = Buffer.allocUnsafeSlow(most)
  return scratch.subarray(0, scratch.write(segment, 'base64url'))
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
  const bytes = segmentBytes(segment)
  let text: string
  try {
    text = UTF8.decode(bytes)
  } catch {
    defects.push({ code: 'not_utf8', part, message: `The ${part} is not valid UTF-8.` })
    text = bytes.toString('utf8')
  }
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
  const { depth, strings } = jsonShape(value, MAX_JSON_DEPTH + 1)
  if (depth > MAX_JSON_DEPTH) {
    // Every serializer (IPC, HTTP, the CLI's output) recurses and would overflow on it.
    defects.push({
      code: 'json_too_deep',
      part,
      message: `The ${part} nests ${depth} levels deep (over ${MAX_JSON_DEPTH}); it is not shown.`,
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

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return fallback
  }
}
