/**
 * Decrypts a JWE (compact, flattened or general JSON) with jose and explains the plaintext:
 * claims decoded with times and lint, a nested signed token decoded (and verified when a key
 * source is given), other text, or bytes. Keys are chosen by kid when the token names one,
 * else every fitting key is tried and the one that worked is named. Whatever goes wrong in
 * the decryption itself is one uniform ERR_JWE_DECRYPTION_FAILED: never which step failed
 * (no padding or MAC oracle).
 */
import {
  compactDecrypt,
  flattenedDecrypt,
  generalDecrypt,
  type DecryptOptions,
  type FlattenedJWE,
  type GeneralJWE,
} from 'jose'
import { toErrorPayload, WorkbenchError } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import type { JweEnc, JweKeyAlg } from '../../../shared/jwe-algorithms'
import { LIMITS } from '../../../shared/limits'
import { clip, redact } from '../../../shared/redact'
import type { DecryptResult } from '../../../shared/decrypt-types'
import { decodeDecryptedClaims, decodeToken } from '../../../shared/token-decode'
import type { DecryptRequest } from '../../../shared/request-schemas'
import { verifyToken } from '../verify/verify'
import type { CredentialStore } from '../credentials/credential-store'
import type { VerifyContext } from '../verify/key-resolution'
import { runtimeSupport } from '../runtime-algorithms'
import { readJwe, type JweInput } from './jwe-input'
import { jweKeyProblem, jweKeysOf, type JweKey } from './jwe-keys'

/** The one message for every failure of the decryption itself. */

/** Decrypting also reads a PBES2 password saved as a credential. */
type DecryptContext = VerifyContext & { readonly credentials: CredentialStore }
export const DECRYPTION_FAILED =
  'Decryption failed: the key is not the one this token was encrypted to, or the token was changed.'

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/
const HEX_PREVIEW_BYTES = 4096

/** Decrypts `request.token`; configuration problems and refusals throw with their own codes. */
export async function decryptToken(
  request: DecryptRequest,
  ctx: DecryptContext,
): Promise<DecryptResult> {
  const jwe = readJwe(request.token)
  const alg = jwe.alg as JweKeyAlg
  const enc = jwe.enc as JweEnc
  await runtimeSupport.assertAvailable(alg, enc)
  const candidates = await fittingKeys(jwe, request.key, ctx)
  const options: DecryptOptions = {
    keyManagementAlgorithms: [alg],
    contentEncryptionAlgorithms: [enc],
    maxPBES2Count: LIMITS.pbes2Count,
    maxDecompressedLength: LIMITS.jweInflatedBytes,
  }
  for (const candidate of candidates) {
    const plaintext = await attempt(jwe, candidate, options)
    if (plaintext === undefined) continue
    const result = await explain(jwe, plaintext, request, ctx)
    const key: DecryptResult['key'] = { origin: candidate.origin, detail: candidate.detail }
    if (candidate.name !== undefined) key.name = candidate.name
    if (candidate.kid !== undefined) key.kid = candidate.kid
    return { ...result, key, tried: candidates.indexOf(candidate) + 1 }
  }
  throw new WorkbenchError('ERR_JWE_DECRYPTION_FAILED', DECRYPTION_FAILED)
}

/** The keys to try, in order: by kid when the token names one and the source is a set. */
async function fittingKeys(
  jwe: JweInput,
  source: DecryptRequest['key'],
  ctx: DecryptContext,
): Promise<JweKey[]> {
  const alg = jwe.alg as JweKeyAlg
  const enc = jwe.enc as JweEnc
  const { keys, set } = await jweKeysOf(source, ctx, 'decrypt')
  const kid = typeof jwe.header['kid'] === 'string' ? jwe.header['kid'] : undefined
  let pool = keys
  if (set && kid !== undefined) {
    pool = keys.filter((k) => k.kid === kid)
    if (pool.length === 0) {
      throw new WorkbenchError(
        'ERR_JWE_NO_KEY',
        `No ${'anyStored' in source ? 'stored encryption key' : 'key in the set'} has the token's kid "${clip(kid)}".`,
      )
    }
  }
  const fitting = pool.filter((k) => jweKeyProblem(k, alg, enc, 'decrypt') === null)
  if (fitting.length > 0) return fitting
  if (pool.length === 1) {
    throw new WorkbenchError('ERR_KEY_UNFIT', jweKeyProblem(pool[0]!, alg, enc, 'decrypt')!)
  }
  throw new WorkbenchError(
    'ERR_JWE_NO_KEY',
    pool.length === 0
      ? 'No stored encryption key can decrypt: generate or import one (jwtw keys generate NAME --alg RSA-OAEP-256).'
      : `None of the ${pool.length} keys fits ${alg} with ${enc}.`,
  )
}

/** The plaintext, or undefined when this key did not decrypt (any reason: one outcome). */
async function attempt(
  jwe: JweInput,
  candidate: JweKey,
  options: DecryptOptions,
): Promise<Uint8Array | undefined> {
  try {
    if (jwe.compact !== undefined) {
      return (await compactDecrypt(jwe.compact, candidate.key, options)).plaintext
    }
    if (jwe.serialization === 'general') {
      return (await generalDecrypt(jwe.json as GeneralJWE, candidate.key, options)).plaintext
    }
    return (await flattenedDecrypt(jwe.json as FlattenedJWE, candidate.key, options)).plaintext
  } catch (error) {
    // Inflation runs only after the tag checked out: saying so reveals nothing.
    if (error instanceof Error && /Decompressed plaintext exceeded/.test(error.message)) {
      throw new WorkbenchError(
        'ERR_JWE_INFLATE_LIMIT',
        `The compressed plaintext inflates to more than ${LIMITS.jweInflatedBytes / 1024} KiB: refused (a zip bomb costs nothing here).`,
      )
    }
    return undefined
  }
}

/** What the plaintext is, decoded for a person. */
async function explain(
  jwe: JweInput,
  plaintext: Uint8Array,
  request: DecryptRequest,
  ctx: DecryptContext,
): Promise<Omit<DecryptResult, 'key' | 'tried'>> {
  const base = {
    serialization: jwe.serialization,
    header: jwe.header,
    alg: jwe.alg,
    enc: jwe.enc,
    bytes: plaintext.length,
  }
  const text = utf8OrNull(plaintext)
  if (text === null) {
    return {
      ...base,
      content: 'binary',
      hex: Buffer.from(plaintext.subarray(0, HEX_PREVIEW_BYTES)).toString('hex'),
    }
  }
  const cty = typeof jwe.header['cty'] === 'string' ? jwe.header['cty'].toLowerCase() : ''
  const trimmed = text.trim()
  if (COMPACT_JWS.test(trimmed) || cty === 'jwt' || cty === 'application/jwt') {
    if (!COMPACT_JWS.test(trimmed)) return { ...base, content: 'text', text }
    const nested = { ...base, content: 'jws' as const, inner: trimmed }
    const decoded = decodeToken(trimmed, ctx.now())
    if (request.verify === undefined) return { ...nested, decoded }
    // The plaintext is shown even when the key to verify with cannot be had (an issuer that
    // is not trusted, a JWKS that cannot be fetched): that problem is reported beside it.
    try {
      const verification = await verifyToken(
        {
          token: trimmed,
          key: request.verify,
          ...(request.verifyOptions ? { options: request.verifyOptions } : {}),
        },
        ctx,
      )
      return { ...nested, decoded, verification }
    } catch (error) {
      const { code, message } = toErrorPayload(error)
      return { ...nested, decoded, verifyError: { code, message } }
    }
  }
  const claims = parseObject(text)
  if (claims !== null) {
    const preview = jwe.compact === undefined ? `${jwe.serialization} JWE` : redact(jwe.compact)
    return {
      ...base,
      content: 'claims',
      decoded: decodeDecryptedClaims(jwe.header, claims, preview, ctx.now()),
    }
  }
  return { ...base, content: 'text', text }
}

function parseObject(text: string): Record<string, unknown> | null {
  if (!text.trimStart().startsWith('{')) return null
  try {
    const value: unknown = JSON.parse(text)
    return isRecord(value) ? value : null
  } catch {
    return null
  }
}

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
