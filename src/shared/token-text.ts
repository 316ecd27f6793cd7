/**
 * Text that must be exactly one token (what verify, audit and decrypt are given): surrounding
 * whitespace and one `Bearer ` prefix are removed, nothing else is. What is left is the token as
 * given, junk included, for the checks to refuse; text that is no token at all is named.
 */

const BEARER = /^Bearer[ \t]+/i
const WHITESPACE = /\s/
// base64url of a JSON header starts '{"' (eyJ) or '{ ' / '{\n' (ew, ey).
const JSON_HEADER = /^e[wy]/
const PATH_LIKE = /^(?:~?\/|\.{1,2}\/|[A-Za-z]:[\\/])|[\\/]|\.[A-Za-z0-9]{1,5}$/
const FILE_HINT = '; a token is never read from a file named as an argument: use --file PATH'

/**
 * The token in `text`: trimmed, without one leading `Bearer ` (a pasted Authorization value).
 *
 * @example
 * unwrapToken('  Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln\n') // 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln'
 */
export function unwrapToken(text: string): string {
  return text.trim().replace(BEARER, '')
}

/**
 * Why `token` (already unwrapped) is not one compact token, in words, or null when it has a
 * token's shape: 3 (JWS) or 5 (JWE) dot-separated segments, no whitespace, a header. Characters
 * outside base64url inside that shape are for the encoding check to name.
 *
 * @example
 * notATokenReason('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0') // '2 segments, a JWS has 3: truncated?'
 */
export function notATokenReason(token: string): string | null {
  if (token === '') return 'the text is empty'
  if (WHITESPACE.test(token)) {
    const words = token.split(/\s+/).length
    return `the text holds ${words} words separated by spaces or line breaks; give exactly one token (jwtw decode finds tokens in any text)`
  }
  const segments = token.split('.').length
  if (!JSON_HEADER.test(token)) {
    return PATH_LIKE.test(token)
      ? `it looks like a file name${FILE_HINT}`
      : 'it does not start like a token (a JSON header in base64url starts "eyJ")'
  }
  if (segments === 1) return 'it has no dots; a JWS is three base64url segments separated by dots'
  if (segments === 2) return '2 segments, a JWS has 3: truncated?'
  if (segments !== 3 && segments !== 5) {
    return `${segments} segments: a JWS has 3 and a JWE has 5`
  }
  return null
}
