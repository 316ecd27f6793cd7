/**
 * base64url (RFC 4648 §5) without Node's Buffer, so the decoder runs the same in the renderer,
 * in main and in the CLI. Strict: only the URL-safe alphabet, no padding, no whitespace.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
/** Character code -> 6-bit value, or 255 for a character outside base64url. */
const VALUES = new Uint8Array(256).fill(255)
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i
/** The same for decoding, which also reads standard base64's "+" and "/" (as Node does). */
const LENIENT = VALUES.slice()
LENIENT[0x2b] = 62
LENIENT[0x2f] = 63

/**
 * Why `text` is not strict base64url, or null when it is. 'alphabet': a character outside
 * the URL-safe alphabet (standard base64 "+", "/", "=" padding, whitespace); 'length': a
 * length no encoding has (1 mod 4); 'bits': unused trailing bits set, so the text is not the
 * one canonical encoding of its bytes.
 *
 * @example
 * base64urlFault('eyJhIjoxfQ') // null
 * base64urlFault('ab+c') // 'alphabet'
 * base64urlFault('AB') // 'bits'
 */
export function base64urlFault(text: string): 'alphabet' | 'length' | 'bits' | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c > 255 || VALUES[c] === 255) return 'alphabet'
  }
  const rest = text.length % 4
  if (rest === 1) return 'length'
  if (rest === 0) return null
  const last = VALUES[text.charCodeAt(text.length - 1)]!
  return (last & (rest === 2 ? 15 : 3)) === 0 ? null : 'bits'
}

/** How many bytes base64url text of this length decodes to. */
export function decodedLength(chars: number): number {
  return Math.floor((chars * 3) / 4)
}

/**
 * The bytes of base64url text. Standard base64's "+" and "/" are read too, other characters
 * are skipped and a stray last character is ignored, so it decodes what can be decoded;
 * check base64urlFault first when strictness matters.
 *
 * @example
 * new TextDecoder().decode(base64urlDecode('eyJhIjoxfQ')) // '{"a":1}'
 */
export function base64urlDecode(text: string): Uint8Array {
  const out = new Uint8Array(decodedLength(text.length))
  let bits = 0
  let buffer = 0
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const v = c > 255 ? 255 : LENIENT[c]!
    if (v === 255) continue
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[n++] = (buffer >> bits) & 0xff
    }
  }
  return n === out.length ? out : out.subarray(0, n)
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })
const UTF8_LENIENT = new TextDecoder('utf-8')

/**
 * base64url text decoded as UTF-8: the text and whether the bytes were valid UTF-8 (invalid
 * sequences become U+FFFD when they were not).
 *
 * @example
 * base64urlText('Zm9v') // { text: 'foo', utf8: true }
 */
export function base64urlText(segment: string): { text: string; utf8: boolean } {
  const bytes = base64urlDecode(segment)
  try {
    return { text: UTF8.decode(bytes), utf8: true }
  } catch {
    return { text: UTF8_LENIENT.decode(bytes), utf8: false }
  }
}
