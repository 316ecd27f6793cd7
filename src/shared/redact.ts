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
