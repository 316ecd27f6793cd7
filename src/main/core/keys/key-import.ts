/**
 * What an import stores: the text sniffed once (a key, a set, or a secret), a JWKS narrowed to
 * the keys asked for, each key judged (weak keys and encryption keys refused, weak secrets
 * warned about) and given its algorithm and kid.
 */
import type { KeyObject } from 'node:crypto'
import {
  isHmacAlg,
  isJwsAlg,
  type HmacAlg,
  type JwsAlg,
  type StoredKeyAlg,
} from '../../../shared/algorithms'
import {
  defaultJwe,
  isStoredJweAlg,
  jweAlgsForKey,
  JWE_ENCS,
  type StoredJweAlg,
} from '../../../shared/jwe-algorithms'
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'
import type { ImportKeyOptions } from '../../../shared/stored-key-schemas'
import { parseKeyText, parseSecret, sniffKeyText, type ParsedKey } from './key-parse'
import { assertSecretUsable, secretWarnings } from './key-strength'
import { asymmetricKey, jweKeyType, secretKey } from './usable-key'

/** One key to store. */
export interface ImportEntry {
  name: string
  alg: StoredKeyAlg
  key: KeyObject | Uint8Array
  kid?: string
  verifyOnly: boolean
}

/** The keys an import stores, named, and the warnings about them. */
export async function planImport(
  name: string,
  input: string | Uint8Array,
  options: ImportKeyOptions,
): Promise<{ entries: ImportEntry[]; warnings: string[] }> {
  // Bytes that are not UTF-8 can only be a raw HMAC secret; text may be a key or a secret.
  const text = typeof input === 'string' ? input : utf8OrNull(input)
  const wantsEnc = options.use === 'enc' || isStoredJweAlg(options.alg)
  if (options.use === 'sig' && isStoredJweAlg(options.alg)) {
    throw new WorkbenchError(
      'ERR_KEY_ALG_MISMATCH',
      `${options.alg} is an encryption algorithm, not for a signing key.`,
    )
  }
  if (options.use === 'enc' && isJwsAlg(options.alg)) {
    throw new WorkbenchError(
      'ERR_KEY_ALG_MISMATCH',
      `${options.alg} is a signature algorithm, not for an encryption key.`,
    )
  }
  if (text === null || sniffKeyText(text) === 'secret') {
    const bytes =
      text === null
        ? (input as Uint8Array)
        : // Files end with a newline that is not part of the secret.
          parseSecret(text.replace(/\r?\n$/, ''), options.secretEncoding)
    if (wantsEnc) {
      const alg = encryptionAlgFor(bytes, undefined, options.alg, 'The key')
      return { entries: [{ name, alg, key: bytes, verifyOnly: false }], warnings: [] }
    }
    if (!isHmacAlg(options.alg)) {
      throw new WorkbenchError(
        'ERR_INVALID_KEY',
        'This is not a PEM key, certificate or JWK. To import it as an HMAC secret, give --alg HS256, HS384 or HS512.',
      )
    }
    return {
      entries: [{ name, alg: options.alg, key: bytes, verifyOnly: false }],
      warnings: secretJudged(bytes, options.alg),
    }
  }
  const chosen = chooseFromText(text, name, options, wantsEnc)
  const entries: ImportEntry[] = []
  const warnings: string[] = []
  for (const [i, p] of chosen.entries()) {
    const enc = wantsEnc || (options.use !== 'sig' && (p.use === 'enc' || isStoredJweAlg(p.alg)))
    const what = p.kid === undefined ? 'The key' : `The key with kid "${clip(p.kid, 64)}"`
    const alg = enc
      ? encryptionAlgFor(p.key, p.alg, options.alg, what)
      : await algFor(p, options.alg as JwsAlg | undefined)
    if (p.key instanceof Uint8Array && !enc) warnings.push(...secretJudged(p.key, alg as HmacAlg))
    const kid = chosen.length > 1 ? p.kid : (options.kid ?? p.kid)
    entries.push({
      name: chosen.length > 1 ? `${name}-${i + 1}` : name,
      alg,
      key: p.key,
      ...(kid === undefined ? {} : { kid }),
      verifyOnly: !(p.key instanceof Uint8Array) && p.key.type === 'public',
    })
  }
  return { entries, warnings }
}

/** The keys of a PEM/JWK/JWKS text the import takes (one, one by kid, or all with `all`). */
function chooseFromText(
  text: string,
  name: string,
  options: ImportKeyOptions,
  wantsEnc: boolean,
): ParsedKey[] {
  const parsed = parseKeyText(text)
  if (parsed.duplicateKids.length > 0) {
    throw new WorkbenchError(
      'ERR_JWKS_DUPLICATE_KID',
      `The JWKS has several keys with kid ${parsed.duplicateKids.map((k) => `"${clip(k, 64)}"`).join(', ')}: a verifier cannot tell them apart. Fix the set before importing it.`,
    )
  }
  const wanted = options.kid
  const refused = parsed.refused.filter((r) => wanted === undefined || r.kid === wanted)
  if (refused.length > 0) throw new WorkbenchError(refused[0]!.code, refused[0]!.message)
  let keys = parsed.keys
  if (parsed.set && wanted !== undefined) {
    keys = keys.filter((k) => k.kid === wanted)
    if (keys.length === 0) {
      throw new WorkbenchError(
        'ERR_JWKS_NO_MATCHING_KEY',
        `The JWKS has no key with kid "${clip(wanted)}".`,
      )
    }
  }
  if (keys.length > 1 && !options.all) {
    throw new WorkbenchError(
      'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
      `The JWKS holds ${keys.length} keys: pick one with --kid KID, or import them all with --all (as ${clip(name)}-1, ${clip(name)}-2, ...).`,
    )
  }
  // A key marked for encryption (use enc, or a JWE alg) is imported as an encryption key.
  if (options.use === 'sig') keys.forEach(assertImportable)
  else if (!wantsEnc) {
    keys.filter((k) => k.use !== 'enc' && !isStoredJweAlg(k.alg)).forEach(assertImportable)
  }
  return keys
}

/**
 * The JWE alg an encryption key is stored with: the one asked for, else its JWK's (a dir key
 * may name its enc, RFC 7520 §5.6), else the default for its type; it must fit the key.
 */
function encryptionAlgFor(
  key: KeyObject | Uint8Array,
  jwkAlg: string | undefined,
  wanted: StoredKeyAlg | undefined,
  what: string,
): StoredJweAlg {
  const keyType = jweKeyType(key)
  if (keyType === undefined) {
    throw new WorkbenchError(
      'ERR_UNSUPPORTED_ALG',
      `${what} cannot encrypt JWE: use RSA, EC P-256/384/521, X25519 or a symmetric key.`,
    )
  }
  const bytes = key instanceof Uint8Array ? key.length : undefined
  const fits = jweAlgsForKey(keyType, bytes)
  const fromJwk = jwkAlg !== undefined && Object.hasOwn(JWE_ENCS, jwkAlg) ? 'dir' : jwkAlg
  const alg = wanted ?? (isStoredJweAlg(fromJwk) ? fromJwk : defaultJwe(keyType, bytes)?.alg)
  if (alg === undefined || !isStoredJweAlg(alg) || !fits.includes(alg)) {
    throw new WorkbenchError(
      'ERR_KEY_ALG_MISMATCH',
      `${what} does not fit ${alg ?? 'any JWE algorithm'}${fits.length > 0 ? `; it fits ${fits.join(', ')}` : ' (AES key wrap needs 128, 192 or 256 bits)'}.`,
    )
  }
  return alg
}

/** The algorithm a parsed key is stored with: the one asked for, if it fits, else its first. */
async function algFor(p: ParsedKey, wanted: JwsAlg | undefined): Promise<JwsAlg> {
  const use = p.alg === undefined ? {} : { alg: p.alg }
  const { description } =
    p.key instanceof Uint8Array
      ? secretKey(p.key, p.origin, use)
      : await asymmetricKey(p.key, p.origin, use)
  const algs = description.algs
  const alg = wanted ?? algs[0]
  if (alg === undefined) {
    throw new WorkbenchError(
      'ERR_UNSUPPORTED_ALG',
      `${description.detail} has no JWS algorithm here${p.alg ? ` (its JWK says alg ${clip(p.alg, 20)})` : ''}.`,
    )
  }
  if (!algs.includes(alg)) {
    throw new WorkbenchError(
      'ERR_KEY_ALG_MISMATCH',
      `${alg} does not fit ${description.detail}; it fits ${algs.join(', ')}.`,
    )
  }
  return alg
}

/** Refuses a secret too short to be anything but a mistake; the warnings about the rest. */
export function secretJudged(bytes: Uint8Array, alg: HmacAlg): string[] {
  assertSecretUsable(bytes)
  return secretWarnings(bytes, alg)
}

/**
 * A stored key signs or verifies JWS: a JWK published for encryption, or whose key_ops allow
 * neither signing nor verifying, is refused (the record keeps no use, so it is judged now).
 */
function assertImportable(p: ParsedKey): void {
  const what = p.kid === undefined ? 'The key' : `The key with kid "${clip(p.kid, 64)}"`
  if (p.use !== undefined && p.use !== 'sig') {
    throw new WorkbenchError(
      'ERR_KEY_UNFIT',
      `${what} is published with "use": ${JSON.stringify(p.use).slice(0, 20)}: it is not a signature key.`,
    )
  }
  if (p.keyOps !== undefined && !p.keyOps.some((op) => op === 'sign' || op === 'verify')) {
    throw new WorkbenchError(
      'ERR_KEY_UNFIT',
      `${what} has "key_ops" ${JSON.stringify(p.keyOps).slice(0, 80)}, without "sign" or "verify": it is not a signature key.`,
    )
  }
}

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
