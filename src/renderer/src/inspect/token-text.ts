/**
 * The full text of a decoded token, taken back from the input it was found in. The decoder
 * returns only a redacted preview (safe to show), so Verify gets the token from the input.
 */
import type { DecodedToken } from '../../../shared/token-types'

/**
 * The token at `token.offset` in `input`, skipping whitespace a wrapped token may contain, or
 * null when the input no longer holds it there.
 *
 * @example
 * tokenText('Bearer eyJ.eyJ.sig', { offset: 7, segmentLengths: [3, 3, 3], ... }) // 'eyJ.eyJ.sig'
 */
export function tokenText(input: string, token: DecodedToken): string | null {
  const length =
    token.segmentLengths.reduce((sum, n) => sum + n, 0) + token.segmentLengths.length - 1
  let out = ''
  for (let i = token.offset; i < input.length && out.length < length; i++) {
    const c = input[i]!
    if (!/\s/.test(c)) out += c
  }
  if (out.length !== length) return null
  const segments = out.split('.')
  const fits = segments.every((s, i) => s.length === token.segmentLengths[i])
  return fits && segments.length === token.segmentLengths.length ? out : null
}
