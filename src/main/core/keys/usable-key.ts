/**
 * A key ready for jose with a description that is safe to show, and the one rule for whether
 * a key may be used for an operation: its JWK `use`, `key_ops` and `alg` (RFC 7517 §4.2-4.4).
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { calculateJwkThumbprint, type JWK } from 'jose'
import {
  algsForKey,
  isJwsAlg,
  JWS_ALGORITHMS,
  type JwsAlg,
  type KeyType,
} from '../../../shared/algorithms'
import { WorkbenchError } from '../../../shared/errors'
import type { KeyDescription } from '../../../shared/key-types'

/** A key ready for jose, with its description. Material never leaves the main process. */
export interface UsableKey {
  description: KeyDescription
  /** Private KeyObject or secret bytes; absent for public keys. */
  signing?: KeyObject | Uint8Array
  /** Public KeyObject (derived from a private key if need be) or secret bytes. */
  verifying: KeyObject | Uint8Array
}

/** What a JWK said about how its key may be used. */
export interface KeyUse {
  kid?: string
  alg?: string
  use?: string
  keyOps?: string[]
}

const NODE_CURVES: Record<string, string> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
}

/** An HMAC secret as a usable key. */
export function secretKey(
  bytes: Uint8Array,
  origin: KeyDescription['origin'],
  use: KeyUse = {},
): UsableKey {
  const description: KeyDescription = {
    origin,
    kind: 'secret',
    keyType: 'oct',
    detail: `HMAC secret, ${plural(bytes.length, 'byte')}`,
    algs: restrict(algsForKey('oct'), use.alg),
  }
  addUse(description, use)
  return { description, signing: bytes, verifying: bytes }
}

/** An asymmetric key (private or public) as a usable key, with its RFC 7638 thumbprint. */
export async function asymmetricKey(
  key: KeyObject,
  origin: KeyDescription['origin'],
  use: KeyUse = {},
): Promise<UsableKey> {
  const isPrivate = key.type === 'private'
  const publicKey = isPrivate ? createPublicKey(key) : key
  const { keyType, detail, algs } = describeKeyObject(publicKey)
  const thumbprint = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK)
  const description: KeyDescription = {
    origin,
    kind: isPrivate ? 'private' : 'public',
    keyType,
    detail,
    algs: restrict(algs, use.alg),
    thumbprint,
  }
  addUse(description, use)
  return isPrivate
    ? { description, signing: key, verifying: publicKey }
    : { description, verifying: publicKey }
}

/** The key type, a human summary and the algorithms of a public KeyObject. */
export function describeKeyObject(key: KeyObject): {
  keyType: KeyType
  detail: string
  algs: JwsAlg[]
} {
  const details = key.asymmetricKeyDetails ?? {}
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss': {
      const algs = algsForKey('RSA')
      return {
        keyType: 'RSA',
        detail: `RSA ${details.modulusLength ?? '?'} bits`,
        // A key restricted to PSS at the ASN.1 level never makes PKCS#1 v1.5 signatures.
        algs:
          key.asymmetricKeyType === 'rsa-pss'
            ? algs.filter((a) => JWS_ALGORITHMS[a].padding === 'pss')
            : algs,
      }
    }
    case 'ec': {
      const curve = NODE_CURVES[details.namedCurve ?? ''] ?? details.namedCurve ?? '?'
      return { keyType: 'EC', detail: `EC ${curve}`, algs: algsForKey('EC', curve) }
    }
    case 'ed25519':
      return { keyType: 'OKP', detail: 'Ed25519', algs: algsForKey('OKP', 'Ed25519') }
    default:
      throw new WorkbenchError(
        'ERR_UNSUPPORTED_ALG',
        `A ${key.asymmetricKeyType ?? 'unknown'} key cannot sign JWS here: use RSA, EC P-256/384/521 or Ed25519.`,
      )
  }
}

/**
 * The JOSE key type of a key that can encrypt JWE: RSA, EC, X25519 (OKP), a secret (oct);
 * undefined for one that cannot (Ed25519, RSA-PSS).
 */
export function jweKeyType(key: KeyObject | Uint8Array): 'RSA' | 'EC' | 'OKP' | 'oct' | undefined {
  if (key instanceof Uint8Array) return 'oct'
  const type = key.asymmetricKeyType
  return type === 'rsa' ? 'RSA' : type === 'ec' ? 'EC' : type === 'x25519' ? 'OKP' : undefined
}

/** A human summary of any public key the store holds, encryption-only ones (X25519) included. */
export function keyDetail(key: KeyObject): string {
  if (key.asymmetricKeyType === 'x25519') return 'X25519'
  return describeKeyObject(key).detail
}

/**
 * Why this key must not be used for `operation`, or null when it may: a JWK marked for
 * encryption (`use: enc`) or whose `key_ops` lack the operation never signs or verifies
 * (Wycheproof JWS tc353-356).
 */
export function useRefusal(
  description: KeyDescription,
  operation: 'sign' | 'verify',
): string | null {
  if (description.use !== undefined && description.use !== 'sig') {
    return `the key is published with "use": ${JSON.stringify(description.use).slice(0, 20)}${description.use === 'enc' ? ' (encryption)' : ''}, so it must not ${operation} signatures`
  }
  if (description.keyOps !== undefined && !description.keyOps.includes(operation)) {
    return `the key's "key_ops" (${description.keyOps.join(', ').slice(0, 80) || 'empty'}) do not include "${operation}"`
  }
  return null
}

/** Throws ERR_KEY_UNFIT when `useRefusal` refuses. */
export function assertUsableFor(description: KeyDescription, operation: 'sign' | 'verify'): void {
  const refusal = useRefusal(description, operation)
  if (refusal !== null) {
    throw new WorkbenchError('ERR_KEY_UNFIT', `This key cannot be used: ${refusal}.`)
  }
}

function addUse(description: KeyDescription, use: KeyUse): void {
  if (use.kid !== undefined) description.kid = use.kid
  if (use.use !== undefined) description.use = use.use
  if (use.keyOps !== undefined) description.keyOps = use.keyOps
}

/** A JWK's alg restricts the key to that algorithm (or to none, when it does not fit). */
function restrict(algs: JwsAlg[], alg: string | undefined): JwsAlg[] {
  if (alg === undefined) return algs
  return isJwsAlg(alg) && algs.includes(alg) ? [alg] : []
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
