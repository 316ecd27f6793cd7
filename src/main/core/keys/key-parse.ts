/**
 * Text to key material, in one place: PEM (public key, certificate, PKCS#1, PKCS#8, SEC1), a
 * JWK, a JWKS, or an HMAC secret. It decides what the text is once (sniffKeyText) and refuses
 * what can only be a mistake or an attack: duplicate JSON members, a JWKS mixing secrets with
 * public keys, degenerate RSA keys.
 */
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { jsonDepth } from '../../../shared/json-depth'
import { WorkbenchError } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import { findDuplicateKeys } from '../../../shared/json-duplicates'
import { LIMITS, tooLarge } from '../../../shared/limits'
import { assertKeyNotWeak } from './key-strength'

/** What a key text is: PEM blocks, JSON (a JWK or a JWKS), or anything else (a secret). */
export type KeyTextKind = 'pem' | 'json' | 'secret'

/** How a secret's text is written; `b64:` and `hex:` prefixes also say it. */
export type SecretEncoding = 'text' | 'base64' | 'hex'

/** One key read from text, with what its JWK said about its use. */
export interface ParsedKey {
  origin: 'pem' | 'certificate' | 'jwk' | 'jwks'
  /** A private or public KeyObject, or an HMAC secret's bytes (a JWK of kty oct). */
  key: KeyObject | Uint8Array
  kid?: string
  /** The JWK's alg: the key may only be used with it. */
  alg?: string
  use?: string
  keyOps?: string[]
}

/** A key of a set that was read but must not be used, and why. */
export interface RefusedKey {
  kid?: string
  code: 'ERR_KEY_WEAK' | 'ERR_JOSE_NOT_SUPPORTED' | 'ERR_INVALID_KEY'
  message: string
}

/** The keys of a key text. A JWKS is a set, searched by kid; refused entries say why. */
export interface ParsedKeys {
  keys: ParsedKey[]
  refused: RefusedKey[]
  set: boolean
  /** kids that appear more than once in a set. */
  duplicateKids: string[]
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g
const PEM_START = /^-----BEGIN [A-Z0-9 ]+-----/
const PUBLIC_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY'])
const PRIVATE_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'])
const SUPPORTED_KTY = new Set(['RSA', 'EC', 'OKP'])

/**
 * What `text` is, decided once for every caller.
 *
 * @example
 * sniffKeyText('{"kty":"oct","k":"c2VjcmV0"}') // 'json'
 * sniffKeyText('my-app-secret') // 'secret'
 */
export function sniffKeyText(text: string): KeyTextKind {
  const trimmed = text.trim()
  if (PEM_START.test(trimmed)) return 'pem'
  // Text that starts like JSON is meant as a key (a JWK or JWKS), even when it is broken.
  if (trimmed.startsWith('{')) return 'json'
  return 'secret'
}

/**
 * The keys in a PEM, JWK or JWKS text. Throws ERR_INVALID_KEY for unreadable text and
 * ERR_KEY_WEAK for a degenerate single key; in a set, such entries are refused one by one.
 */
export function parseKeyText(text: string): ParsedKeys {
  if (text.length > LIMITS.keyText) {
    throw new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      tooLarge('The key text', text.length, LIMITS.keyText),
    )
  }
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) return parseJson(trimmed)
  for (const match of trimmed.matchAll(PEM_BLOCK)) {
    const [block, label] = match as unknown as [string, string]
    if (label === 'ENCRYPTED PRIVATE KEY') {
      throw invalidKey('the private key is encrypted; decrypt it first (openssl pkey -in key.pem)')
    }
    let parsed: ParsedKey | undefined
    try {
      if (label === 'CERTIFICATE') {
        parsed = { origin: 'certificate', key: new X509Certificate(block).publicKey }
      } else if (PUBLIC_LABELS.has(label)) {
        parsed = { origin: 'pem', key: createPublicKey(block) }
      } else if (PRIVATE_LABELS.has(label)) {
        parsed = { origin: 'pem', key: createPrivateKey(block) }
      }
    } catch (error) {
      throw invalidKey(`the ${label} block is malformed`, error)
    }
    if (parsed) {
      assertKeyNotWeak(parsed.key as KeyObject, `This ${describeLabel(label)}`)
      return { keys: [parsed], refused: [], set: false, duplicateKids: [] }
    }
  }
  throw invalidKey('no PEM block or JSON found')
}

function describeLabel(label: string): string {
  return label === 'CERTIFICATE' ? "certificate's RSA key" : `RSA key (${label})`
}

function parseJson(text: string): ParsedKeys {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw invalidKey('the text starts like JSON but does not parse', error)
  }
  if (jsonDepth(parsed, LIMITS.jsonDepth) > LIMITS.jsonDepth) {
    throw invalidKey(`the JSON nests deeper than ${LIMITS.jsonDepth} levels, which no key does`)
  }
  const duplicates = findDuplicateKeys(text)
  if (duplicates.length > 0) {
    throw new WorkbenchError(
      'ERR_INVALID_KEY',
      `The key JSON repeats ${duplicates.map((d) => JSON.stringify(d)).join(', ')}: parsers disagree on which value wins, so it is refused.`,
    )
  }
  if (!isRecord(parsed)) throw invalidKey('the JSON is not an object')
  if (!('keys' in parsed)) {
    const key = parseJwk(parsed, 'jwk')
    if (!isParsed(key)) throw new WorkbenchError(key.code, key.message)
    return { keys: [key], refused: [], set: false, duplicateKids: [] }
  }
  if (!Array.isArray(parsed['keys'])) throw invalidKey('"keys" is not an array')
  const set = parseJwkSet(parsed['keys'])
  // One rule on every path (import, a key file, a pasted set, scan): a fetched set drops its
  // secrets, and a set given here that mixes them with public keys is refused.
  const secrets = parsed['keys'].filter((k) => isRecord(k) && k['kty'] === 'oct').length
  if (secrets > 0 && secrets < parsed['keys'].length) {
    throw new WorkbenchError(
      'ERR_JWKS_MIXED_KEY_TYPES',
      'The JWK Set mixes HMAC secrets (kty oct) with public keys: a set that does is a mistake or an attack (published, its secrets are public). Split it and give each part on its own.',
    )
  }
  return set
}

/** The keys of a JWK Set's "keys" array (already parsed JSON, from a file or the network). */
export function parseJwkSet(items: unknown[]): ParsedKeys {
  const entries = items.filter(isRecord)
  const result: ParsedKeys = { keys: [], refused: [], set: true, duplicateKids: [] }
  const seen = new Set<string>()
  for (const entry of entries) {
    const key = parseJwk(entry, 'jwks')
    const kid = typeof entry['kid'] === 'string' ? entry['kid'] : undefined
    if (kid !== undefined) {
      if (seen.has(kid) && !result.duplicateKids.includes(kid)) result.duplicateKids.push(kid)
      seen.add(kid)
    }
    if (isParsed(key)) result.keys.push(key)
    else result.refused.push(key)
  }
  if (result.keys.length === 0 && result.refused.length === 0) {
    throw new WorkbenchError('ERR_JWKS_NO_MATCHING_KEY', 'The JWKS holds no keys.')
  }
  return result
}

function isParsed(key: ParsedKey | RefusedKey): key is ParsedKey {
  return 'key' in key
}

/** One JWK: its key, or why it cannot be used. */
function parseJwk(jwk: Record<string, unknown>, origin: 'jwk' | 'jwks'): ParsedKey | RefusedKey {
  const kid = typeof jwk['kid'] === 'string' ? jwk['kid'] : undefined
  const refuse = (code: RefusedKey['code'], message: string): RefusedKey =>
    kid === undefined ? { code, message } : { kid, code, message }
  const meta: Omit<ParsedKey, 'key' | 'origin'> = {}
  if (kid !== undefined) meta.kid = kid
  if (typeof jwk['alg'] === 'string') meta.alg = jwk['alg']
  if (typeof jwk['use'] === 'string') meta.use = jwk['use']
  if (Array.isArray(jwk['key_ops'])) {
    meta.keyOps = jwk['key_ops'].filter((op): op is string => typeof op === 'string')
  }
  const what = kid === undefined ? 'The JWK' : `The JWK with kid "${clip(kid)}"`
  if (jwk['kty'] === 'oct') {
    if (typeof jwk['k'] !== 'string' || !/^[A-Za-z0-9_-]+$/.test(jwk['k'])) {
      return refuse('ERR_INVALID_KEY', `${what} (kty oct) has no valid "k".`)
    }
    return { origin, key: new Uint8Array(Buffer.from(jwk['k'], 'base64url')), ...meta }
  }
  if (typeof jwk['kty'] !== 'string' || !SUPPORTED_KTY.has(jwk['kty'])) {
    return refuse(
      'ERR_JOSE_NOT_SUPPORTED',
      `${what} has key type ${JSON.stringify(jwk['kty'] ?? null).slice(0, 20)}, which cannot verify JWS here (RSA, EC, OKP and oct can).`,
    )
  }
  let key: KeyObject
  try {
    const input = { key: jwk as never, format: 'jwk' as const }
    key = typeof jwk['d'] === 'string' ? createPrivateKey(input) : createPublicKey(input)
  } catch {
    return refuse(
      'ERR_INVALID_KEY',
      `${what} is malformed (its numbers or curve do not form a key).`,
    )
  }
  try {
    assertKeyNotWeak(key, what)
  } catch (error) {
    return refuse('ERR_KEY_WEAK', (error as WorkbenchError).message)
  }
  return { origin, key, ...meta }
}

/**
 * Secret text as bytes: UTF-8, or `b64:` base64/base64url, or `hex:` hex (or the encoding
 * given). Key text offered as a secret (PEM, JWK) is refused: using a public key as an HMAC
 * secret is the classic RS/HS confusion attack.
 *
 * @example
 * parseSecret('hex:0102') // Uint8Array [1, 2]
 */
export function parseSecret(text: string, encoding: SecretEncoding = 'text'): Uint8Array {
  if (text.length === 0) throw new WorkbenchError('ERR_NO_KEY', 'The secret is empty.')
  if (sniffKeyText(text) !== 'secret') {
    throw new WorkbenchError(
      'ERR_KEY_ALG_MISMATCH',
      'This secret is a PEM or JSON (JWK) key, not an HMAC secret. Pass it as a key (--key-file or pasted key text); a public key is never used as an HMAC secret.',
    )
  }
  const prefixed = text.startsWith('b64:') ? 'base64' : text.startsWith('hex:') ? 'hex' : undefined
  const kind = prefixed ?? encoding
  const body = prefixed === undefined ? text : text.slice(4)
  if (kind === 'base64') {
    const b = body.trim()
    if (b.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(b) || b.length % 4 === 1) {
      throw new WorkbenchError('ERR_INVALID_KEY', 'The secret is not valid base64 or base64url.')
    }
    return new Uint8Array(Buffer.from(b.replace(/=+$/, ''), 'base64url'))
  }
  if (kind === 'hex') {
    const b = body.trim()
    if (b.length === 0 || b.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(b)) {
      throw new WorkbenchError('ERR_INVALID_KEY', 'The secret is not an even number of hex digits.')
    }
    return new Uint8Array(Buffer.from(b, 'hex'))
  }
  return new TextEncoder().encode(text)
}

function invalidKey(what: string, cause?: unknown): WorkbenchError {
  return new WorkbenchError(
    'ERR_INVALID_KEY',
    `Could not read the key: ${what}. Give a PEM (public key, certificate, private key), a JWK or a JWKS.`,
    cause === undefined ? undefined : { cause },
  )
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
