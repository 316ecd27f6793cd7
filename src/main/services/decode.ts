/**
 * Finds every JWS (3 segments) and JWE (5 segments) in arbitrary text and decodes each one
 * leniently: as far as it goes, naming every defect instead of giving up.
 */
import { MAX_TEXT_CHARS, MAX_TOKEN_CHARS } from '../../shared/api'
import { WorkbenchError } from '../../shared/errors'
import { redact } from '../../shared/redact'
import type { DecodedToken, JsonObject, TokenDefect } from '../../shared/token-types'

// A JSON object header base64url-encodes to "ey" ('{"') or "ew" ('{' + whitespace).
const TOKEN_PATTERN = /(?<![A-Za-z0-9_\-.])e[wy][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4}/g
const BARE_TOKEN = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){2,4}$/

/**
 * Decodes every distinct token in `text`, in order of first appearance.
 * Throws ERR_INPUT_TOO_LARGE over the caps and ERR_NO_TOKEN_FOUND when nothing looks like one.
 */
export function decodeText(text: string): DecodedToken[] {
  if (text.length > MAX_TEXT_CHARS) {
    throw new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      'The text is over 1 MiB; paste a smaller excerpt.',
    )
  }
  const found = new Map<string, { offset: number; count: number }>()
  const note = (token: string, offset: number) => {
    const seen = found.get(token)
    if (seen) seen.count++
    else found.set(token, { offset, count: 1 })
  }
  for (const match of text.matchAll(TOKEN_PATTERN)) note(match[0], match.index)
  const trimmed = text.trim()
  if (found.size === 0 && BARE_TOKEN.test(trimmed)) note(trimmed, text.indexOf(trimmed))
  if (found.size === 0) {
    throw new WorkbenchError(
      'ERR_NO_TOKEN_FOUND',
      'No JWT found: a token is three (JWS) or five (JWE) base64url segments separated by dots.',
    )
  }
  return [...found].map(([token, { offset, count }]) => decodeToken(token, offset, count))
}

function decodeToken(token: string, offset: number, count: number): DecodedToken {
  if (token.length > MAX_TOKEN_CHARS) {
    throw new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      `A token of ${token.length} characters is over the 256 KiB limit.`,
    )
  }
  const segments = token.split('.')
  const defects: TokenDefect[] = []
  const kind = segments.length === 5 ? 'JWE' : 'JWS'
  if (segments.length !== 3 && segments.length !== 5) {
    defects.push({
      code: 'segment_count',
      part: 'token',
      message: `${segments.length} segments: a JWS has 3 and a JWE has 5.`,
    })
  }
  const header = decodeJsonSegment(segments[0] ?? '', 'header', defects)
  const headerObject = isObject(header) ? header : null
  if (header !== undefined && headerObject === null) {
    defects.push({
      code: 'header_not_object',
      part: 'header',
      message: 'The header is JSON but not an object.',
    })
  }
  let payload: unknown = null
  let signatureBytes = 0
  if (kind === 'JWS') {
    payload = decodeJsonSegment(segments[1] ?? '', 'payload', defects) ?? null
    signatureBytes = Buffer.from(segments[2] ?? '', 'base64url').length
  }
  return {
    kind,
    preview: redact(token),
    count,
    offset,
    header: headerObject,
    payload,
    segmentLengths: segments.map((s) => s.length),
    signatureBytes,
    defects,
  }
}

function decodeJsonSegment(segment: string, part: string, defects: TokenDefect[]): unknown {
  const text = Buffer.from(segment, 'base64url').toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch {
    defects.push({
      code: 'not_json',
      part,
      message: `The ${part} segment does not decode to JSON.`,
    })
    return undefined
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
