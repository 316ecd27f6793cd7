/**
 * Turns a key source (secret, pasted PEM/JWK/JWKS text, stored key) into keys jose can use,
 * each with a description that is safe to show. Remote JWKS and OIDC discovery plug in as
 * more variants of KeySource and more cases in resolveKeySource.
 */
import {
  X509Certificate,
  createPrivateKey,
  createPublicKey,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto'
import { calculateJwkThumbprint, type JWK } from 'jose'
import { WorkbenchError } from '../../../shared/errors'
import {
  isJwsAlg,
  type JwsAlg,
  type KeyDescription,
  type KeySourceInput,
} from '../../../shared/key-types'
import type { AppContext } from '../context'
import { loadStoredKeys } from './stored-key-source'
import { isRecord } from '../../../shared/is-record'

/** Where keys come from. One variant per source; remote sources add variants here. */
export type KeySource =
  | { type: 'secret'; secret: string }
  | { type: 'text'; text: string; kid?: string }
  | { type: 'stored'; name: string }

/** A key ready for jose, with its description. Material never leaves the main process. */
export interface UsableKey {
  description: KeyDescription
  /** Private KeyObject or secret bytes; absent for public keys. */
  signing?: KeyObject | Uint8Array
  /** Public KeyObject (derived from a private key if need be) or secret bytes. */
  verifying: KeyObject | Uint8Array
}

/** Largest key text accepted (a JWKS of many RSA keys fits easily). */
export const MAX_KEY_TEXT_CHARS = 256 << 10

/** The contract's key source shape as a KeySource. */
export function keySourceFrom(input: KeySourceInput): KeySource {
  if ('secret' in input) return { type: 'secret', secret: input.secret }
  if ('keyText' in input) {
    return input.kid === undefined
      ? { type: 'text', text: input.keyText }
      : { type: 'text', text: input.keyText, kid: input.kid }
  }
  return { type: 'stored', name: input.storedKey }
}

/** Resolves a source into one or more usable keys (several for a JWKS). */
export async function resolveKeySource(
  source: KeySource,
  ctx: AppContext,
  use: 'sign' | 'verify',
): Promise<UsableKey[]> {
  switch (source.type) {
    case 'secret':
      return [secretKey(secretBytes(source.secret), 'secret')]
    case 'text':
      return keysFromText(source.text, source.kid)
    case 'stored': {
      const stored = await loadStoredKeys(ctx, source.name, use)
      return Promise.all(
        stored.map(async (s) => {
          const usable =
            s.key instanceof Uint8Array
              ? secretKey(s.key, 'stored')
              : await asymmetricKey(s.key, 'stored', s.kid)
          usable.description.name = s.name
          if (s.kid !== undefined) usable.description.kid = s.kid
          if (isJwsAlg(s.alg) && usable.description.algs.includes(s.alg)) {
            usable.description.algs = [s.alg]
          }
          return usable
        }),
      )
    }
  }
}

/**
 * Secret text as bytes: UTF-8, or `b64:` base64/base64url, or `hex:` hex. Key text offered
 * as a secret (PEM, JWK) is refused: using a public key as an HMAC secret is the classic
 * RS/HS confusion attack.
 */
export function secretBytes(text: string): Uint8Array {
  if (text.length === 0) throw new WorkbenchError('ERR_NO_KEY', 'The secret is empty.')
  const trimmed = text.trim()
  if (/^-----BEGIN [A-Z0-9 ]+-----/.test(trimmed) || looksLikeJwk(trimmed)) {
    throw new WorkbenchError(
      'ERR_KEY_ALG_MISMATCH',
      'This secret is a PEM or JWK key, not an HMAC secret. Pass it as a key (--key-file or pasted key text); a public key is never used as an HMAC secret.',
    )
  }
  if (text.startsWith('b64:')) {
    const body = text.slice(4).trim()
    if (body.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(body) || body.length % 4 === 1) {
      throw new WorkbenchError(
        'ERR_INVALID_KEY',
        'The b64: secret is not valid base64 or base64url.',
      )
    }
    return new Uint8Array(Buffer.from(body.replace(/=+$/, ''), 'base64url'))
  }
  if (text.startsWith('hex:')) {
    const body = text.slice(4).trim()
    if (body.length === 0 || body.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(body)) {
      throw new WorkbenchError(
        'ERR_INVALID_KEY',
        'The hex: secret is not an even number of hex digits.',
      )
    }
    return new Uint8Array(Buffer.from(body, 'hex'))
  }
  return new TextEncoder().encode(text)
}

function looksLikeJwk(text: string): boolean {
  if (!text.startsWith('{')) return false
  try {
    const parsed = JSON.parse(text) as unknown
    return isRecord(parsed) && ('kty' in parsed || 'keys' in parsed)
  } catch {
    return false
  }
}

function secretKey(
  bytes: Uint8Array,
  origin: KeyDescription['origin'],
  kid?: string,
  alg?: string,
): UsableKey {
  const algs: JwsAlg[] = ['HS256', 'HS384', 'HS512']
  const description: KeyDescription = {
    origin,
    kind: 'secret',
    keyType: 'oct',
    detail: `HMAC secret, ${bytes.length} bytes`,
    algs: restrict(algs, alg),
  }
  if (kid !== undefined) description.kid = kid
  return { description, signing: bytes, verifying: bytes }
}

function restrict(algs: JwsAlg[], alg: string | undefined): JwsAlg[] {
  if (alg === undefined) return algs
  return isJwsAlg(alg) && algs.includes(alg) ? [alg] : []
}

/** Algorithms that fit an asymmetric key, from its type and curve. */
export function algsForKeyObject(key: KeyObject): JwsAlg[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512']
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve
      if (curve === 'prime256v1') return ['ES256']
      if (curve === 'secp384r1') return ['ES384']
      if (curve === 'secp521r1') return ['ES512']
      return []
    }
    case 'ed25519':
      return ['EdDSA']
    default:
      return []
  }
}

function keyDetail(key: KeyObject): { keyType: KeyDescription['keyType']; detail: string } {
  const details = key.asymmetricKeyDetails ?? {}
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return { keyType: 'RSA', detail: `RSA ${details.modulusLength ?? '?'} bits` }
    case 'ec': {
      const names: Record<string, string> = {
        prime256v1: 'P-256',
        secp384r1: 'P-384',
        secp521r1: 'P-521',
      }
      const curve = details.namedCurve ?? '?'
      return { keyType: 'EC', detail: `EC ${names[curve] ?? curve}` }
    }
    case 'ed25519':
      return { keyType: 'OKP', detail: 'Ed25519' }
    default:
      throw new WorkbenchError(
        'ERR_UNSUPPORTED_ALG',
        `A ${key.asymmetricKeyType ?? 'unknown'} key cannot sign JWS here: use RSA, EC P-256/384/521 or Ed25519.`,
      )
  }
}

async function asymmetricKey(
  key: KeyObject,
  origin: KeyDescription['origin'],
  kid?: string,
  alg?: string,
): Promise<UsableKey> {
  const isPrivate = key.type === 'private'
  const publicKey = isPrivate ? createPublicKey(key) : key
  const { keyType, detail } = keyDetail(publicKey)
  const algs = restrict(algsForKeyObject(publicKey), alg)
  if (keyType === 'RSA' && (publicKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new WorkbenchError(
      'ERR_INVALID_KEY',
      `${detail} is too short: RSA keys for JWS need 2048 bits or more.`,
    )
  }
  const thumbprint = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK)
  const description: KeyDescription = {
    origin,
    kind: isPrivate ? 'private' : 'public',
    keyType,
    detail,
    algs,
    thumbprint,
  }
  if (kid !== undefined) description.kid = kid
  return isPrivate
    ? { description, signing: key, verifying: publicKey }
    : { description, verifying: publicKey }
}

function invalidKey(what: string, cause?: unknown): WorkbenchError {
  return new WorkbenchError(
    'ERR_INVALID_KEY',
    `Could not read the key: ${what}. Give a PEM (public key, certificate, private key), a JWK or a JWKS.`,
    cause === undefined ? undefined : { cause },
  )
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g
const PUBLIC_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY'])
const PRIVATE_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'])

/** Keys in pasted or file text: PEM, JWK or JWKS. `kid` selects from a JWKS. */
export async function keysFromText(text: string, kid?: string): Promise<UsableKey[]> {
  if (text.length > MAX_KEY_TEXT_CHARS) {
    throw new WorkbenchError('ERR_INPUT_TOO_LARGE', 'The key text is over 256 KiB.')
  }
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) return keysFromJson(trimmed, kid)
  for (const match of trimmed.matchAll(PEM_BLOCK)) {
    const [block, label] = match as unknown as [string, string]
    if (label === 'ENCRYPTED PRIVATE KEY') {
      throw invalidKey('the private key is encrypted; decrypt it first (openssl pkey -in key.pem)')
    }
    try {
      if (label === 'CERTIFICATE') {
        const certificate = new X509Certificate(block)
        return [await asymmetricKey(certificate.publicKey, 'certificate', kid)]
      }
      if (PUBLIC_LABELS.has(label)) return [await asymmetricKey(createPublicKey(block), 'pem', kid)]
      if (PRIVATE_LABELS.has(label)) {
        return [await asymmetricKey(createPrivateKey(block), 'pem', kid)]
      }
    } catch (error) {
      if (error instanceof WorkbenchError) throw error
      throw invalidKey(`the ${label} block is malformed`, error)
    }
  }
  throw invalidKey('no PEM block or JSON found')
}

async function keysFromJson(text: string, kid?: string): Promise<UsableKey[]> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw invalidKey('the text starts like JSON but does not parse', error)
  }
  if (!isRecord(parsed)) throw invalidKey('the JSON is not an object')
  if (Array.isArray(parsed['keys'])) {
    const entries = parsed['keys']
      .filter(isRecord)
      .filter((k) => k['use'] === undefined || k['use'] === 'sig')
    const chosen = kid === undefined ? entries : entries.filter((k) => k['kid'] === kid)
    if (chosen.length === 0) {
      throw new WorkbenchError(
        'ERR_JWKS_NO_MATCHING_KEY',
        kid === undefined
          ? 'The JWKS has no signing keys.'
          : `The JWKS has no signing key with kid "${kid.slice(0, 128)}".`,
      )
    }
    const keys: UsableKey[] = []
    for (const jwk of chosen) {
      try {
        keys.push(await keyFromJwk(jwk, 'jwks'))
      } catch (error) {
        // One unsupported entry (an encryption key, an exotic curve) does not spoil the set.
        if (chosen.length === 1) throw error
      }
    }
    if (keys.length === 0) throw invalidKey('no usable key in the JWKS')
    return keys
  }
  const key = await keyFromJwk(parsed, 'jwk')
  if (kid !== undefined && key.description.kid === undefined) key.description.kid = kid
  return [key]
}

async function keyFromJwk(
  jwk: Record<string, unknown>,
  origin: 'jwk' | 'jwks',
): Promise<UsableKey> {
  const kid = typeof jwk['kid'] === 'string' ? jwk['kid'] : undefined
  const alg = typeof jwk['alg'] === 'string' ? jwk['alg'] : undefined
  if (jwk['kty'] === 'oct') {
    if (typeof jwk['k'] !== 'string' || !/^[A-Za-z0-9_-]+$/.test(jwk['k'])) {
      throw invalidKey('the oct JWK has no valid "k"')
    }
    return secretKey(new Uint8Array(Buffer.from(jwk['k'], 'base64url')), origin, kid, alg)
  }
  if (jwk['kty'] !== 'RSA' && jwk['kty'] !== 'EC' && jwk['kty'] !== 'OKP') {
    throw invalidKey(
      `JWK key type ${JSON.stringify(jwk['kty'] ?? null).slice(0, 20)} is not supported`,
    )
  }
  let key: KeyObject
  try {
    const input = { key: jwk as JsonWebKey, format: 'jwk' as const }
    key = typeof jwk['d'] === 'string' ? createPrivateKey(input) : createPublicKey(input)
  } catch (error) {
    throw invalidKey('the JWK is malformed', error)
  }
  return asymmetricKey(key, origin, kid, alg)
}
