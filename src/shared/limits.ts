/**
 * Every size cap on untrusted input, once. Schemas, services, the CLI and the UI all read
 * these, so a limit never differs between faces. Sizes in characters unless named `_BYTES`.
 *
 * @example
 * if (text.length > LIMITS.text) throw new WorkbenchError('ERR_INPUT_TOO_LARGE', tooLarge('The text', text.length, LIMITS.text))
 */
export const LIMITS = {
  /** Text pasted or sent for decoding in the UI and the contract (1 MiB). */
  text: 1 << 20,
  /** What `jwtw decode` reads from files and stdin, streamed (256 MiB; jwtw scan has no cap). */
  decodeInput: 256 << 20,
  /** One token (256 KiB). */
  token: 256 << 10,
  /** Key text: a PEM, a JWK or a JWKS, pasted or read from a file (256 KiB). */
  keyText: 256 << 10,
  /** A decrypted JWE's plaintext after `zip: DEF` inflation (256 KiB): a zip bomb costs nothing. */
  jweInflatedBytes: 256 << 10,
  /** PBES2 iterations (p2c): what encrypting uses, and the most decrypting accepts (more is refused before any work). */
  pbes2Count: 100_000,
  /** A JWE password (1 KiB). */
  password: 1024,
  /** A secret given as a key source (16 KiB). */
  secret: 16 << 10,
  /** A secret typed into the strength checker or saved as a key (4 KiB). */
  checkedSecret: 4096,
  /** An HMAC secret's bytes in the key store. */
  hmacSecretBytes: 4096,
  /** A stored key's name (see KEY_NAME_PATTERN). */
  keyName: 64,
  /** A kid. */
  kid: 256,
  /** Tags on a stored key, and the length of each. */
  tags: 32,
  tag: 64,
  /** A claim or header member name. */
  memberName: 128,
  /** A claim value given as a string (sub, iss, aud, ...). */
  value: 1024,
  /** Values in a list (audiences, required claims). */
  listItems: 64,
  /** A claims or header object, serialized (64 KiB). */
  json: 64 << 10,
  /** How deep decoded JSON may nest before it is refused. */
  jsonDepth: 64,
  /** A duration or time given as text ('15m', '2026-11-22T10:00:00Z'). */
  timeText: 64,
  /** A saved credential's value (64 KiB), name, host and note. */
  credential: 64 << 10,
  credentialName: 200,
  credentialHost: 512,
  credentialNote: 1024,
  /** A URL (JWKS, issuer). */
  url: 2048,
  /** A path on this machine, and how many wordlists one audit takes. */
  path: 4096,
  wordlists: 16,
  /** A JWKS or discovery response, counted while it streams (1 MiB). */
  remoteResponseBytes: 1 << 20,
  /** Unique tokens a log scan lists, and their total size (beyond: counted, not listed). */
  scanTokens: 100_000,
  scanTokenBytes: 64 << 20,
  /** A file dropped on the Scan view in browser mode, sent to main in chunks (64 MiB). */
  scanUploadBytes: 64 << 20,
  /** One chunk of such a file (1 MiB of bytes, base64 in the request). */
  scanChunkBytes: 1 << 20,
  /** A browser-mode request body: JSON-encoded arguments around the largest text. */
  requestBodyBytes: (1 << 20) * 4 + (64 << 10),
} as const

/**
 * The message for input over a limit, stating its real size.
 *
 * @example
 * tooLarge('The key file a.pem', 5_000_000, LIMITS.keyText) // 'The key file a.pem is 4.8 MiB, over the 256 KiB limit.'
 */
export function tooLarge(what: string, size: number, limit: number): string {
  return `${what} is ${formatSize(size)}, over the ${formatSize(limit)} limit.`
}

/**
 * A size for people: bytes or characters in B, KiB, MiB or GiB.
 *
 * @example
 * formatSize(1536) // '1.5 KiB'
 */
export function formatSize(size: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB']
  let value = size
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1)
  return `${shown} ${units[unit]}`
}
