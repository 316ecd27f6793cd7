/**
 * Keys for JWE, one rule for both directions: which key sources give which keys (a stored
 * encryption key, pasted PEM/JWK/JWKS, a raw symmetric key, a password), whether a key fits a
 * key management algorithm (and enc, for dir), and whether its JWK `use`/`key_ops` allow it.
 */
import type { KeyObject } from 'node:crypto'
import { WorkbenchError } from '../../../shared/errors'
import {
  JWE_ENCS,
  JWE_KEY_ALGORITHMS,
  type JweEnc,
  type JweKeyAlg,
  type JweKeyAlgorithm,
} from '../../../shared/jwe-algorithms'
import { LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import type { JweKeySourceInput } from '../../../shared/request-schemas'
import { parseKeyText, parseSecret, type ParsedKey } from '../keys/key-parse'
import type { CredentialStore } from '../credentials/credential-store'
import type { KeyStore } from '../keys/key-store'
import { keyDetail } from '../keys/usable-key'

/** A key a JWE operation may use, and what can be shown about it. */
export interface JweKey {
  key: KeyObject | Uint8Array
  origin: 'stored' | 'key-text' | 'secret' | 'password'
  detail: string
  name?: string
  kid?: string
  /** The alg the key is stored or published with, if any: it must be the token's. */
  alg?: string
  /** A stored key's version status. */
  status?: 'active' | 'retiring'
  use?: string
  keyOps?: string[]
}

/** The keys of a source; `set` when they came from a set to choose from by kid. */
export interface JweKeys {
  keys: JweKey[]
  set: boolean
}

/** Which direction: a public key (or secret) to encrypt to, private keys to decrypt with. */
export type JweDirection = 'encrypt' | 'decrypt'

const OPS: Record<JweDirection, string[]> = {
  encrypt: ['encrypt', 'wrapKey', 'deriveKey', 'deriveBits'],
  decrypt: ['decrypt', 'unwrapKey', 'deriveKey', 'deriveBits'],
}

/** The keys a source gives for `direction`; a saved password is read from the keychain. */
export async function jweKeysOf(
  source: JweKeySourceInput,
  stores: { keys: KeyStore; credentials: CredentialStore },
  direction: JweDirection,
): Promise<JweKeys> {
  const { keys } = stores
  if ('password' in source || 'passwordCredential' in source) {
    const password =
      'password' in source
        ? source.password
        : await stores.credentials.get(source.passwordCredential)
    if (password.length > LIMITS.password) {
      throw new WorkbenchError(
        'ERR_INPUT_TOO_LARGE',
        `A PBES2 password is at most ${LIMITS.password} characters.`,
      )
    }
    const detail =
      'password' in source ? 'password' : `password (credential ${source.passwordCredential})`
    const bytes = new TextEncoder().encode(password)
    return { keys: [{ key: bytes, origin: 'password', detail }], set: false }
  }
  if ('secret' in source) {
    const bytes = parseSecret(source.secret)
    return {
      keys: [{ key: bytes, origin: 'secret', detail: `symmetric key, ${bytes.length * 8} bits` }],
      set: false,
    }
  }
  if ('storedKey' in source) {
    const loaded =
      direction === 'encrypt'
        ? [await keys.encryptionKey(source.storedKey)]
        : await keys.decryptionKeys(source.storedKey)
    return { keys: loaded.map((k) => storedJweKey(k, direction)), set: loaded.length > 1 }
  }
  if ('anyStored' in source) {
    const all = await keys.allDecryptionKeys()
    return { keys: all.map((k) => storedJweKey(k, direction)), set: true }
  }
  const parsed = parseKeyText(source.keyText)
  if (parsed.keys.length === 0 && parsed.refused[0]) {
    throw new WorkbenchError(parsed.refused[0].code, parsed.refused[0].message)
  }
  const chosen =
    source.kid === undefined ? parsed.keys : parsed.keys.filter((k) => k.kid === source.kid)
  return { keys: chosen.map(parsedJweKey), set: parsed.set }
}

/**
 * A stored key's alg is what it encrypts with by default, not a restriction: it decrypts what
 * its key type fits (an ECDH-ES key stored for ECDH-ES+A256KW also agrees ECDH-ES+A128KW).
 * Its use is the restriction, and the store holds it.
 */
function storedJweKey(
  k: Awaited<ReturnType<KeyStore['decryptionKeys']>>[number],
  direction: JweDirection,
): JweKey {
  const key: JweKey = {
    key: k.key,
    origin: 'stored',
    name: k.name,
    kid: k.kid,
    status: k.status,
    detail: describe(k.key),
  }
  if (direction === 'encrypt') key.alg = k.alg
  return key
}

function parsedJweKey(p: ParsedKey): JweKey {
  const key: JweKey = { key: p.key, origin: 'key-text', detail: describe(p.key) }
  if (p.kid !== undefined) key.kid = p.kid
  if (p.alg !== undefined) key.alg = p.alg
  if (p.use !== undefined) key.use = p.use
  if (p.keyOps !== undefined) key.keyOps = p.keyOps
  return key
}

function describe(key: KeyObject | Uint8Array): string {
  if (key instanceof Uint8Array) return `symmetric key, ${key.length * 8} bits`
  return `${keyDetail(key)} ${key.type === 'private' ? 'private' : 'public'} key`
}

/**
 * Why `key` cannot do `direction` with this alg and enc, or null when it can: its type and
 * size, its private half (to decrypt), its JWK use/key_ops and alg.
 */
export function jweKeyProblem(
  key: JweKey,
  alg: JweKeyAlg,
  enc: JweEnc,
  direction: JweDirection,
): string | null {
  const what = key.name ? `Key "${clip(key.name)}" (${key.detail})` : `The ${key.detail}`
  const needs: JweKeyAlgorithm = JWE_KEY_ALGORITHMS[alg]
  if (key.use !== undefined && key.use !== 'enc') {
    return `${what} is published with "use": ${JSON.stringify(key.use).slice(0, 20)}: it is not an encryption key.`
  }
  if (key.keyOps !== undefined && !key.keyOps.some((op) => OPS[direction].includes(op))) {
    return `${what} has "key_ops" ${JSON.stringify(key.keyOps).slice(0, 80)}, which do not allow it to ${direction}.`
  }
  // A dir key may name the enc it is for as its alg (RFC 7520 §5.6 does).
  if (key.alg !== undefined && key.alg !== alg && !(alg === 'dir' && key.alg === enc)) {
    return `${what} is for ${clip(key.alg, 30)}, not ${alg}.`
  }
  if (needs.key === 'password') {
    return key.origin === 'password' ? null : `${alg} needs a password, not ${key.detail}.`
  }
  if (key.origin === 'password') return `${alg} needs a key, not a password.`
  if (needs.key === 'aes') {
    if (!(key.key instanceof Uint8Array)) return `${alg} needs a symmetric key, not ${key.detail}.`
    const bits = needs.direct ? JWE_ENCS[enc].cekBits : needs.keyBits!
    return key.key.length * 8 === bits
      ? null
      : `${alg}${needs.direct ? ` with ${enc}` : ''} needs a ${bits}-bit key; ${what} has ${key.key.length * 8}.`
  }
  if (key.key instanceof Uint8Array) return `${alg} needs an asymmetric key, not ${key.detail}.`
  const type = key.key.asymmetricKeyType
  const fits = needs.key === 'rsa' ? type === 'rsa' : type === 'ec' || type === 'x25519'
  if (!fits) {
    return `${alg} needs ${needs.key === 'rsa' ? 'an RSA key' : 'an EC (P-256/384/521) or X25519 key'}; ${what} is not one.`
  }
  if (direction === 'decrypt' && key.key.type !== 'private') {
    return `${what} is a public key: only its private key decrypts.`
  }
  return null
}
