/**
 * A JWE as given: compact (five segments) or a JSON serialization (flattened or general,
 * RFC 7516 §7.2), read once into the shape jose decrypts and the header a person reads. What
 * can be refused without a key is refused here, before any work: RSA1_5, an alg or enc the
 * registry does not know, a PBES2 iteration count over the cap, a zip other than DEF.
 */
import type { FlattenedJWE, GeneralJWE } from 'jose'
import { base64urlText } from '../../../shared/base64url'
import { WorkbenchError } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import { isJweEnc, isJweKeyAlg, REFUSED_JWE_ALGS } from '../../../shared/jwe-algorithms'
import { LIMITS, tooLarge } from '../../../shared/limits'
import { clip } from '../../../shared/redact'

export type JweSerialization = 'compact' | 'flattened' | 'general'

/** A JWE read once: its form, what jose decrypts, and the header that applies (joined). */
export interface JweInput {
  serialization: JweSerialization
  compact?: string
  json?: FlattenedJWE | GeneralJWE
  /** Protected, shared unprotected and (first) recipient header, joined. */
  header: Record<string, unknown>
  alg: string
  enc: string
}

const SEGMENT = /^[A-Za-z0-9_-]*$/

/** Reads JWE text; ERR_NOT_A_JWE when it is none, the refusals above otherwise. */
export function readJwe(text: string): JweInput {
  if (text.length > LIMITS.token) {
    throw new WorkbenchError('ERR_INPUT_TOO_LARGE', tooLarge('The JWE', text.length, LIMITS.token))
  }
  const trimmed = text.trim().replace(/^Bearer\s+/i, '')
  const input = trimmed.startsWith('{') ? fromJson(trimmed) : fromCompact(trimmed)
  judgeHeader(input.header)
  return input
}

function fromCompact(text: string): JweInput {
  const segments = text.split('.')
  if (segments.length !== 5) {
    throw new WorkbenchError(
      'ERR_NOT_A_JWE',
      segments.length === 3
        ? 'This is a JWS (three segments): it is signed, not encrypted. Decode or verify it instead.'
        : `A compact JWE has five segments separated by dots; this text has ${segments.length}.`,
    )
  }
  if (!segments.every((s) => SEGMENT.test(s)) || segments[0] === '' || segments[3] === '') {
    throw new WorkbenchError(
      'ERR_NOT_A_JWE',
      'A JWE segment is not base64url (or the header or ciphertext is empty).',
    )
  }
  const header = headerOf(segments[0]!)
  return { serialization: 'compact', compact: text, header, ...algEnc(header) }
}

function fromJson(text: string): JweInput {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new WorkbenchError('ERR_NOT_A_JWE', 'The text starts like JSON but is not valid JSON.')
  }
  if (!isRecord(parsed) || typeof parsed['ciphertext'] !== 'string') {
    throw new WorkbenchError(
      'ERR_NOT_A_JWE',
      'A JSON JWE is an object with "ciphertext" (and "protected", "iv", "tag", and "encrypted_key" or "recipients").',
    )
  }
  const general = Array.isArray(parsed['recipients'])
  const protectedHeader =
    typeof parsed['protected'] === 'string' ? headerOf(parsed['protected']) : {}
  const shared = isRecord(parsed['unprotected']) ? parsed['unprotected'] : {}
  const recipients = general ? (parsed['recipients'] as unknown[]) : [parsed]
  if (recipients.length === 0 || recipients.length > LIMITS.listItems) {
    throw new WorkbenchError(
      'ERR_NOT_A_JWE',
      `A general JWE lists 1 to ${LIMITS.listItems} recipients.`,
    )
  }
  const first = recipients[0]
  const perRecipient = isRecord(first) && isRecord(first['header']) ? first['header'] : {}
  const header = { ...protectedHeader, ...shared, ...perRecipient }
  return {
    serialization: general ? 'general' : 'flattened',
    json: parsed as unknown as FlattenedJWE | GeneralJWE,
    header,
    ...algEnc(header),
  }
}

function headerOf(segment: string): Record<string, unknown> {
  let header: unknown
  try {
    header = JSON.parse(base64urlText(segment).text)
  } catch {
    header = undefined
  }
  if (!isRecord(header)) {
    throw new WorkbenchError('ERR_NOT_A_JWE', 'The JWE protected header is not a JSON object.')
  }
  return header
}

function algEnc(header: Record<string, unknown>): { alg: string; enc: string } {
  const { alg, enc } = header
  if (typeof alg !== 'string' || typeof enc !== 'string') {
    throw new WorkbenchError(
      'ERR_NOT_A_JWE',
      'The header has no "alg" and "enc": it is not a JWE header.',
    )
  }
  return { alg, enc }
}

/** Refusals that need no key. */
function judgeHeader(header: Record<string, unknown>): void {
  const alg = header['alg'] as string
  const enc = header['enc'] as string
  const refusal = REFUSED_JWE_ALGS[alg]
  if (refusal !== undefined) throw new WorkbenchError('ERR_JWE_RSA1_5_REFUSED', refusal)
  if (!isJweKeyAlg(alg)) {
    throw new WorkbenchError(
      'ERR_JWE_UNSUPPORTED',
      `The JWE key management algorithm "${clip(alg, 40)}" is not supported (RSA-OAEP*, ECDH-ES*, A*KW, A*GCMKW, dir and PBES2-* are).`,
    )
  }
  if (!isJweEnc(enc)) {
    throw new WorkbenchError(
      'ERR_JWE_UNSUPPORTED',
      `The JWE content encryption "${clip(enc, 40)}" is not supported (A128/192/256GCM and A128CBC-HS256, A192CBC-HS384, A256CBC-HS512 are).`,
    )
  }
  if (header['zip'] !== undefined && header['zip'] !== 'DEF') {
    throw new WorkbenchError(
      'ERR_JWE_UNSUPPORTED',
      `The JWE compression "${clip(String(header['zip']), 20)}" is not supported (only DEF is).`,
    )
  }
  if (alg.startsWith('PBES2-')) {
    const count = header['p2c']
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
      throw new WorkbenchError('ERR_NOT_A_JWE', 'A PBES2 JWE needs a positive integer "p2c".')
    }
    if (count > LIMITS.pbes2Count) {
      throw new WorkbenchError(
        'ERR_JWE_PBES2_COUNT',
        `The token asks for ${count.toLocaleString('en-US')} PBES2 iterations, over the ${LIMITS.pbes2Count.toLocaleString('en-US')} accepted: it would tie up the processor. Refused before any work.`,
      )
    }
  }
}
