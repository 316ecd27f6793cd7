/** Redaction for anything that may hold a token or a secret before it reaches a message. */

/**
 * Keeps a short prefix and the length, never the whole value.
 *
 * @example
 * redact('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig') // 'eyJhbGciOi…(39 chars)'
 */
export function redact(value: string, keep = 10): string {
  if (value.length <= keep) return `…(${value.length} chars)`
  return `${value.slice(0, keep)}…(${value.length} chars)`
}

/**
 * Shortens text for a message, marking the cut.
 *
 * @example
 * clip('a'.repeat(200), 10) // 'aaaaaaaaaa…'
 */
export function clip(text: string, max = 128): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
