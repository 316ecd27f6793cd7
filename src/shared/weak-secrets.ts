/** Secrets known to be used as HMAC keys in examples, tutorials and defaults: never safe. */

// secrets engineer: extend this list
const KNOWN_WEAK = new Set([
  'secret',
  'your-256-bit-secret',
  'your-384-bit-secret',
  'your-512-bit-secret',
  'changeme',
  'password',
  'jwt_secret',
  'secretkey',
  'supersecret',
  'mysecret',
  'shhhhh',
  'keyboard cat',
])

/**
 * True when `secret` is a well-known example or default secret (compared case-insensitively).
 *
 * @example
 * isKnownWeakSecret('your-256-bit-secret') // true
 */
export function isKnownWeakSecret(secret: string): boolean {
  return KNOWN_WEAK.has(secret.trim().toLowerCase())
}
