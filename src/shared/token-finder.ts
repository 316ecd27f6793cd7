/**
 * Where tokens are in arbitrary text: one rule for what a token is, used by decode (a paste, a
 * file) and by the log scanner. A token is a run of base64url characters and dots holding a
 * JWS (3 segments) or JWE (5), starting like a JSON header ('ey', 'ew'). No regular expression
 * with nested quantifiers ever sees untrusted text: the scan is linear.
 */
import { base64urlText } from './base64url'
import { LIMITS } from './limits'

const RUN_CHAR = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.') {
  RUN_CHAR[c.charCodeAt(0)] = 1
}
const DOT = 0x2e
const BACKSLASH = 0x5c
const PERCENT = 0x25
// A whole input that is one token may also use the standard alphabet or padding; decode
// reports that as a defect rather than ignoring the token.
const LOOSE_CHAR = /^[A-Za-z0-9_\-+/=.]+$/
const STRICT_CHAR = /^[A-Za-z0-9_\-.]+$/
const HEX4 = /^[0-9a-fA-F]{4}/
const HEX2 = /^[0-9a-fA-F]{2}/
const WHITESPACE = /\s/
const JSON_START = /^e[wy]/
// How a complete JSON text can end: } ] " a digit, or true/false/null.
const JSON_END = /[}\]"\w]\s*$/

/** A distinct token of a text, where it first appears and how often. */
export interface FoundToken {
  token: string
  offset: number
  count: number
  /** The token was wrapped over lines (a terminal or an email did it) and joined back up. */
  whitespace: boolean
}

/**
 * Calls `visit` with every token occurrence in `text[from, to)`, in order, with its offset.
 * A run cut by `to` is the caller's to carry over (see the scanner).
 *
 * @example
 * forEachToken('Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', (t, at) => console.log(at)) // 7
 */
export function forEachToken(
  text: string,
  visit: (token: string, offset: number) => void,
  from = 0,
  to = text.length,
): void {
  let i = from
  while (i < to) {
    const code = text.charCodeAt(i)
    if (code >= 128 || RUN_CHAR[code] === 0) {
      i++
      continue
    }
    const start = i
    let dots = 0
    while (i < to) {
      const c = text.charCodeAt(i)
      if (c >= 128 || RUN_CHAR[c] === 0) break
      if (c === DOT) dots++
      i++
    }
    if (dots < 2) continue
    const found = tokenInRun(start > 0 ? text.charCodeAt(start - 1) : -1, text.slice(start, i))
    if (found !== null) visit(found.token, start + found.skip)
  }
}

/**
 * The token in a run of token characters, given the character just before the run (-1 at the
 * start): an escape glued to the token (\n, \u0022, %20) and leading dots are skipped, trailing
 * dots that close a sentence are dropped. The one rule for what a token is, shared by the text
 * finder and the byte scanner. `skip` is where the token starts within the run.
 *
 * @example
 * tokenInRun(0x5c, 'neyJhbGciOiJub25lIn0.eyJ4IjoxfQ.') // { token: 'eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.', skip: 1 }
 */
export function tokenInRun(before: number, run: string): { token: string; skip: number } | null {
  let skip = escapeLength(before, run)
  while (run.charCodeAt(skip) === DOT) skip++
  const token = tokenIn(skip === 0 ? run : run.slice(skip))
  return token === null ? null : { token, skip }
}

/**
 * The token in a run of token characters (its escape and leading dots already skipped), or
 * null when the run is no token. A sentence may end right after a token: only a JWS can end
 * with a dot (an empty signature); a JWE always ends with its tag. Counted, not looped.
 */
function tokenIn(run: string): string | null {
  const total = countDots(run)
  let trailing = 0
  while (run.charCodeAt(run.length - 1 - trailing) === DOT) trailing++
  const strip = total > 2 ? Math.min(trailing, total - 2) : 0
  const token = strip > 0 ? run.slice(0, -strip) : run
  if (!JSON_START.test(token) || total - strip < 2) return null
  return looksLikeToken(token) ? token : null
}

/**
 * Every distinct token in `text`, in order of first appearance, with its count. A text that
 * is a single token wrapped over lines is that token; a text that is a bare token in standard
 * base64 is kept, for decode to name the defect.
 *
 * @example
 * findTokens('a eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. b')[0].offset // 2
 */
export function findTokens(text: string): FoundToken[] {
  const trimmed = text.trim()
  const offset = text.indexOf(trimmed)
  if (WHITESPACE.test(trimmed)) {
    const compact = trimmed.replace(/\s+/g, '')
    if (JSON_START.test(compact) && isBareToken(compact) && !hasWholeToken(trimmed)) {
      return [{ token: compact, offset, count: 1, whitespace: true }]
    }
  } else if (isBareToken(trimmed) && (JSON_START.test(trimmed) || looksLikeToken(trimmed))) {
    return [{ token: trimmed, offset, count: 1, whitespace: false }]
  }
  const byToken = new Map<string, FoundToken>()
  forEachToken(text, (token, at) => {
    const seen = byToken.get(token)
    if (seen) seen.count++
    else byToken.set(token, { token, offset: at, count: 1, whitespace: false })
  })
  return [...byToken.values()]
}

/** The length of an escape glued to the token: `\n`, `\t`, `\u0022` in JSON, `%20` in URLs. */
function escapeLength(before: number, run: string): number {
  if (before === BACKSLASH) {
    const c = run[0]
    if (c === 'n' || c === 'r' || c === 't' || c === 'b' || c === 'f') return 1
    if (c === 'u' && HEX4.test(run.slice(1, 5))) return 5
  } else if (before === PERCENT && HEX2.test(run.slice(0, 2))) {
    return 2
  }
  return 0
}

function countDots(text: string): number {
  let dots = 0
  for (let i = text.indexOf('.'); i !== -1; i = text.indexOf('.', i + 1)) dots++
  return dots
}

// Two tokens separated by a space are two tokens, not one wrapped token.
function hasWholeToken(text: string): boolean {
  return text.split(/\s+/).some((piece) => {
    const dots = countDots(piece)
    return JSON_START.test(piece) && (dots === 2 || dots === 4)
  })
}

function isBareToken(text: string): boolean {
  const dots = countDots(text)
  if (dots < 2 || dots > 4 || text.startsWith('.')) return false
  // "id_token=eyJ..." is text around a token, not a token in standard base64.
  return STRICT_CHAR.test(text) || (JSON_START.test(text) && LOOSE_CHAR.test(text))
}

// Inside other text, "ey" followed by dots is also a host name or a sentence; keep the
// candidate only when its header starts like JSON ('{"') or decodes to JSON.
function looksLikeToken(token: string): boolean {
  if (token.startsWith('eyJ')) return true
  if (token.length > LIMITS.token) return true
  const header = base64urlText(token.slice(0, token.indexOf('.'))).text
  // Most dotted words that start with "ey" decode to a lone "{": no exception for those.
  if (!JSON_END.test(header)) return false
  try {
    JSON.parse(header)
    return true
  } catch {
    return false
  }
}
