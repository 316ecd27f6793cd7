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
  /** 1-based line and column of its first appearance. */
  line: number
  column: number
  count: number
  /** The token was wrapped over lines (a terminal or an email did it) and joined back up. */
  whitespace: boolean
  /** Characters glued to the token that no text puts there (`...mowV8?`): maybe appended. */
  junk?: string
}

// Characters that end or start a token in real text (quotes, brackets, separators, escapes)
// are not junk; these are, when glued to a token with no space.
const JUNK_AFTER = new Set('?!*$@~^+=|')
const JUNK_BEFORE = new Set('!*$@~^+|')

/**
 * Calls `visit` with every token occurrence in `text[from, to)`, in order, with its offset.
 * A run cut by `to` is the caller's to carry over (see the scanner).
 *
 * @example
 * forEachToken('Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', (t, at) => console.log(at)) // 7
 */
export function forEachToken(
  text: string,
  visit: (token: string, offset: number, runEnd: number) => void,
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
    if (found !== null && !found.truncated) visit(found.token, start + found.skip, i)
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
export function tokenInRun(
  before: number,
  run: string,
): { token: string; skip: number; truncated?: true } | null {
  let skip = escapeLength(before, run)
  while (run.charCodeAt(skip) === DOT) skip++
  const token = tokenIn(skip === 0 ? run : run.slice(skip))
  if (token === null) return null
  return isTruncated(token) ? { token, skip, truncated: true } : { token, skip }
}

/**
 * A header followed by nothing but dots (`eyJhbGciOiJIUzI1NiJ9..`): a token cut after its
 * header, not a token. (A detached-payload JWS, `header..signature`, has a signature.)
 *
 * @example
 * isTruncated('eyJhbGciOiJIUzI1NiJ9..') // true
 */
export function isTruncated(token: string): boolean {
  const dot = token.indexOf('.')
  return dot > 0 && /^\.+$/.test(token.slice(dot))
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
 * Every distinct token in `text`, in order of first appearance, with its count and position.
 * A text that is a single token wrapped over lines is that token; a text that is one word
 * shaped like a token (3 or 5 segments, a JSON header) is that word whole, characters outside
 * base64url included and truncated or not, for decode to name the defect. In longer text, a
 * truncated token (a header and dots) is no token.
 *
 * @example
 * findTokens('a eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. b')[0].offset // 2
 */
export function findTokens(text: string): FoundToken[] {
  const trimmed = text.trim()
  const offset = text.indexOf(trimmed)
  const whole = (token: string, whitespace: boolean): FoundToken[] => {
    const { line, column } = positionOf(text, offset)
    return [{ token, offset, line, column, count: 1, whitespace }]
  }
  if (WHITESPACE.test(trimmed)) {
    const compact = trimmed.replace(/\s+/g, '')
    if (JSON_START.test(compact) && isBareToken(compact) && !hasWholeToken(trimmed)) {
      return whole(compact, true)
    }
  } else if (isTokenShaped(trimmed)) {
    return whole(trimmed, false)
  } else if (isBareToken(trimmed) && (JSON_START.test(trimmed) || looksLikeToken(trimmed))) {
    return whole(trimmed, false)
  }
  const byToken = new Map<string, FoundToken>()
  let line = 1
  let lineStart = 0
  let counted = 0
  forEachToken(text, (token, at, runEnd) => {
    const seen = byToken.get(token)
    if (seen) {
      seen.count++
      return
    }
    for (
      let nl = text.indexOf('\n', counted);
      nl !== -1 && nl < at;
      nl = text.indexOf('\n', nl + 1)
    ) {
      line++
      lineStart = nl + 1
    }
    counted = at
    const found: FoundToken = {
      token,
      offset: at,
      line,
      column: at - lineStart + 1,
      count: 1,
      whitespace: false,
    }
    const junk = gluedJunk(text, at, at + token.length, runEnd)
    if (junk !== undefined) found.junk = junk
    byToken.set(token, found)
  })
  return [...byToken.values()]
}

/** 1-based line and column of `offset` in `text`. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++
    lineStart = nl + 1
  }
  return { line, column: offset - lineStart + 1 }
}

/** One word that is a token whatever its characters: a JSON header and 3 or 5 segments. */
function isTokenShaped(word: string): boolean {
  const dots = countDots(word)
  return JSON_START.test(word) && (dots === 2 || dots === 4)
}

/** The junk characters glued right before or after a token (up to the next space), if any. */
function gluedJunk(text: string, start: number, end: number, runEnd: number): string | undefined {
  let junk = ''
  if (end === runEnd) {
    let i = end
    while (i < text.length && JUNK_AFTER.has(text[i]!) && i - end < 16) i++
    if (i > end && (i === text.length || WHITESPACE.test(text[i]!))) junk = text.slice(end, i)
  }
  let j = start
  while (j > 0 && JUNK_BEFORE.has(text[j - 1]!) && start - j < 16) j--
  if (j < start && (j === 0 || WHITESPACE.test(text[j - 1]!))) junk = text.slice(j, start) + junk
  return junk === '' ? undefined : junk
}

/** The length of an escape glued to the token: `\n`, `\t`, `\u0022` in JSON, `%20` in URLs. */
/** True for a byte before a run that can start an escape taking the run's first characters. */
export function startsEscape(before: number): boolean {
  return before === BACKSLASH || before === PERCENT
}

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
