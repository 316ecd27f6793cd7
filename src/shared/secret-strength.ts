/**
 * How strong an HMAC secret is for a JWS alg: RFC 7518 §3.2 key size, length, variety, an
 * entropy estimate, known placeholders and zxcvbn-ts's dictionaries and patterns. Pure and
 * browser-safe: the renderer runs it as the user types; zxcvbn-ts loads on the first call.
 */
import { hmacMinBytes, type HmacAlg } from './algorithms'
import {
  DEFAULT_SECRET_BYTES,
  MAX_SECRET_BYTES,
  type SecretCheck,
  type SecretEncoding,
  type SecretReading,
  type SecretRule,
  type Verdict,
} from './secret-types'
import { isKnownWeakSecret } from './weak-secrets'

export const MIN_CHARS = 32
export const MIN_UNIQUE_CHARS = 8
/** Below this many bits a secret is weak; at or above STRONG_BITS it can be strong. */
export const WEAK_BITS = 64
export const STRONG_BITS = 128

interface ZxcvbnMatch {
  pattern: string
  token: string
  i: number
  j: number
}
interface ZxcvbnLike {
  check(password: string): { guessesLog10: number; sequence: ZxcvbnMatch[] }
}

let zxcvbn: Promise<ZxcvbnLike> | undefined

/** The dictionaries are large: load and build the matcher once, on first use. */
function loadZxcvbn(): Promise<ZxcvbnLike> {
  zxcvbn ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
        // The default (100) takes seconds on a 64-character random string; 3 still sees P@ssw0rd.
        l33tMaxSubstitutions: 3,
      }) as unknown as ZxcvbnLike,
  )
  return zxcvbn
}

/** How many random bytes a generated secret for `alg` should have. */
export function recommendedBytes(alg: HmacAlg): number {
  return Math.max(48, hmacMinBytes(alg))
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/

function base64Bytes(s: string): number | undefined {
  const body = s.replace(/=+$/, '')
  const padding = s.length - body.length
  if (padding > 0 && s.length % 4 !== 0) return undefined
  if (body.length % 4 === 1) return undefined
  return Math.floor((body.length * 3) / 4)
}

/** Encodings the secret reads as; plain words and short strings are taken as text only. */
function encodedReadings(s: string): SecretReading[] {
  const readings: SecretReading[] = []
  const mixed = /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s)
  if (s.length >= 16 && HEX.test(s)) readings.push({ kind: 'hex', bytes: s.length / 2 })
  // Random bytes encode to mixed case and digits; hyphenated words ("my-secret") do not.
  const looksEncoded = s.length >= 16 && mixed
  if (BASE64.test(s) && looksEncoded) {
    const bytes = base64Bytes(s)
    if (bytes !== undefined) readings.push({ kind: 'base64', bytes })
  }
  if (BASE64URL.test(s) && looksEncoded) {
    const bytes = base64Bytes(s)
    if (bytes !== undefined) readings.push({ kind: 'base64url', bytes })
  }
  return readings
}

function charClasses(s: string) {
  return {
    lower: /[a-z]/.test(s),
    upper: /[A-Z]/.test(s),
    digit: /[0-9]/.test(s),
    symbol: /[!-/:-@[-`{-~]/.test(s),
    other: /[^\x20-\x7e]/.test(s),
  }
}

function charsetBits(classes: SecretCheck['classes'], length: number): number {
  const size =
    (classes.lower ? 26 : 0) +
    (classes.upper ? 26 : 0) +
    (classes.digit ? 10 : 0) +
    (classes.symbol ? 33 : 0) +
    (classes.other ? 100 : 0) +
    (length > 0 && !Object.values(classes).some(Boolean) ? 1 : 0)
  return size <= 1 ? 0 : length * Math.log2(size)
}

/** zxcvbn's own cost grows fast with length: score 64-character windows (up to 256 characters) and count the rest as digits would be counted. */
const WINDOW = 64
const MAX_SCORED = 256

async function scoreWithZxcvbn(
  chars: string[],
): Promise<{ bits: number; sequence: ZxcvbnMatch[] }> {
  const z = await loadZxcvbn()
  let bits = Math.max(0, chars.length - MAX_SCORED) * Math.log2(10)
  const sequence: ZxcvbnMatch[] = []
  for (let start = 0; start < Math.min(chars.length, MAX_SCORED); start += WINDOW) {
    const scored = z.check(chars.slice(start, start + WINDOW).join(''))
    bits += scored.guessesLog10 * Math.log2(10)
    sequence.push(...scored.sequence)
  }
  if (chars.length === 0) bits = 0
  return { bits, sequence }
}

const PATTERNS: Record<string, string> = {
  repeat: 'repeated characters',
  sequence: 'a sequence',
  spatial: 'a keyboard walk',
  date: 'a date',
}

/**
 * Checks an HMAC secret for `alg` and returns a verdict with every rule, failed ones with a fix.
 * A failed "weak" rule makes the verdict weak; a failed advisory rule makes it acceptable.
 *
 * @example
 * const r = await checkSecret('your-256-bit-secret', 'HS256')
 * r.verdict // 'weak'
 * r.rules.filter((x) => !x.passed).map((x) => x.id) // ['min-key-bytes', 'min-length', 'known-weak', ...]
 */
export async function checkSecret(secret: string, alg: HmacAlg = 'HS256'): Promise<SecretCheck> {
  const chars = [...secret]
  const length = chars.length
  const textBytes = new TextEncoder().encode(secret).length
  const readings: SecretReading[] = [{ kind: 'text', bytes: textBytes }, ...encodedReadings(secret)]
  const minBytes = hmacMinBytes(alg)
  const uniqueChars = new Set(chars).size
  const classes = charClasses(secret)
  const classCount = Object.values(classes).filter(Boolean).length

  const scored = await scoreWithZxcvbn(chars)
  const zxcvbnBits = scored.bits
  const entropyBits = Math.round(Math.min(zxcvbnBits, charsetBits(classes, length)) * 10) / 10

  const rules: Array<SecretRule & { severity: 'weak' | 'advice' }> = []
  const rule = (
    id: SecretRule['id'],
    severity: 'weak' | 'advice',
    passed: boolean,
    message: string,
  ) => rules.push({ id, severity, passed, message })

  const smallest = readings.reduce((a, b) => (b.bytes < a.bytes ? b : a))
  rule(
    'min-key-bytes',
    'weak',
    smallest.bytes >= minBytes,
    smallest.kind === 'text'
      ? `${textBytes} key bytes as text; RFC 7518 §3.2 requires at least ${minBytes} for ${alg}.`
      : `${smallest.bytes} key bytes when read as ${smallest.kind} (${textBytes} as text); RFC 7518 §3.2 requires at least ${minBytes} for ${alg}.`,
  )
  rule(
    'min-length',
    'weak',
    length >= MIN_CHARS,
    `${length} characters; at least ${MIN_CHARS} needed.`,
  )
  rule(
    'unique-chars',
    'weak',
    uniqueChars >= MIN_UNIQUE_CHARS,
    `${uniqueChars} different characters; at least ${MIN_UNIQUE_CHARS} needed.`,
  )
  const encoded = readings.length > 1
  rule(
    'char-classes',
    'advice',
    classCount >= 3 || encoded,
    `${classCount} character class${classCount === 1 ? '' : 'es'} (${
      Object.entries(classes)
        .filter(([, on]) => on)
        .map(([name]) => name)
        .join(', ') || 'none'
    })${encoded ? ', read as encoded bytes' : ''}.`,
  )
  rule(
    'entropy',
    entropyBits < WEAK_BITS ? 'weak' : 'advice',
    entropyBits >= STRONG_BITS,
    `about ${entropyBits} bits of entropy; ${STRONG_BITS} or more is strong, under ${WEAK_BITS} is weak.`,
  )
  rule(
    'known-weak',
    'weak',
    !isKnownWeakSecret(secret),
    isKnownWeakSecret(secret)
      ? 'a well-known placeholder or sample secret: attackers try these first.'
      : 'not a known placeholder or sample secret.',
  )
  // A long random string holds short words and dates by chance; count them once they cover
  // a quarter of it.
  const significant = Math.max(4, Math.ceil(length / 4))
  const words = scored.sequence.filter((m) => m.pattern === 'dictionary' && m.token.length >= 4)
  const wordChars = words.reduce((n, m) => n + m.token.length, 0)
  rule(
    'common-password',
    wordChars * 2 >= length ? 'weak' : 'advice',
    wordChars < significant,
    wordChars < significant
      ? 'no common passwords or dictionary words of note.'
      : `contains common passwords or words (${words.length} of them, ${wordChars} characters).`,
  )
  // Hex is 10 digits of 16 symbols: runs of digits that read as dates are chance there.
  const isHex = readings.some((r) => r.kind === 'hex')
  const patterns = scored.sequence.filter(
    (m) => m.pattern in PATTERNS && m.token.length >= 4 && !(isHex && m.pattern === 'date'),
  )
  const patternChars = patterns.reduce((n, m) => n + m.token.length, 0)
  rule(
    'pattern',
    patternChars * 2 >= length ? 'weak' : 'advice',
    patternChars < significant,
    patternChars < significant
      ? 'no repeats, sequences or keyboard walks of note.'
      : `contains ${[...new Set(patterns.map((m) => PATTERNS[m.pattern]))].join(', ')} (${patternChars} characters).`,
  )

  const failed = rules.filter((r) => !r.passed)
  const verdict: Verdict = failed.some((r) => r.severity === 'weak')
    ? 'weak'
    : failed.length > 0
      ? 'acceptable'
      : 'strong'
  return {
    alg,
    verdict,
    length,
    textBytes,
    readings,
    minBytes,
    uniqueChars,
    classes,
    entropyBits,
    rules: rules.map(({ severity: _severity, ...r }) => r),
    // One fix for the verdict, not one per rule: every failed rule has the same cure.
    ...(verdict === 'strong'
      ? {}
      : {
          fix: {
            bytes: recommendedBytes(alg),
            message: `Use a random secret of ${recommendedBytes(alg)} bytes (base64url encoded) instead.`,
          },
        }),
  }
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** Encodes key bytes as text. */
export function encodeSecret(bytes: Uint8Array, encoding: SecretEncoding): string {
  if (encoding === 'hex') return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  const b64 = toBase64(bytes)
  return encoding === 'base64'
    ? b64
    : b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** True when `name` works as an environment variable name. */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name)
}

/**
 * A cryptographically random secret (crypto.getRandomValues), encoded, with a .env line.
 *
 * @example
 * const g = generateSecret({ bytes: 48, encoding: 'base64url', envName: 'JWT_SECRET' })
 * g.envLine // 'JWT_SECRET=3q2-...' (64 characters after the =)
 */
export function generateSecret(
  options: { bytes?: number; encoding?: SecretEncoding; envName?: string } = {},
): { secret: string; encoding: SecretEncoding; bytes: number; envLine: string } {
  const bytes = options.bytes ?? DEFAULT_SECRET_BYTES
  const encoding = options.encoding ?? 'base64url'
  const envName = options.envName ?? 'JWT_SECRET_KEY'
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > MAX_SECRET_BYTES) {
    throw new RangeError(`bytes must be a whole number from 1 to ${MAX_SECRET_BYTES}`)
  }
  if (!isEnvName(envName)) throw new RangeError('not a valid environment variable name')
  const random = new Uint8Array(bytes)
  globalThis.crypto.getRandomValues(random)
  const secret = encodeSecret(random, encoding)
  return { secret, encoding, bytes, envLine: `${envName}=${secret}` }
}
