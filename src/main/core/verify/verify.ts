/**
 * Verifies a JWS and explains the outcome: every check is listed with its result, failing
 * ones with a code and the likely cause. "Valid" means every check ran and passed: claims
 * that cannot be read, duplicate members or an unknown critical header make a token invalid,
 * never skipped. Keys come only from the caller's key source, never from the token's own
 * jwk/jku/x5u/x5c headers.
 */
import { base64urlText } from '../../../shared/base64url'
import { WorkbenchError, type ErrorCode } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import { LIMITS, tooLarge } from '../../../shared/limits'
import { findTokens } from '../../../shared/token-finder'
import { lintToken } from '../../../shared/token-lint'
import { notATokenReason } from '../../../shared/token-text'
import type { DecodedToken } from '../../../shared/token-types'
import type { VerifyRequest } from '../../../shared/request-schemas'
import type { VerifyResult } from '../../../shared/verify-types'
import type { ResolvedKeys } from '../keys/key-source'
import type { UsableKey } from '../keys/usable-key'
import { checkList, type CheckList } from './checks'
import { checkClaims } from './claim-checks'
import { checkHeader } from './header-checks'
import { checkProfile } from './profile-checks'
import { resolveVerifyKeys, type VerifyContext } from './key-resolution'
import { parseToken, type ParsedToken } from './parsed-token'
import { checkSignature } from './signature-check'
import { asksForClaims, prepareOptions, type PreparedOptions } from './verify-options'

/**
 * Verifies in one line: the token parsed once, the key source resolved once (with what it says
 * the claims must be), the checks run in order. Configuration problems (a bad key, a bad
 * option, a JWKS that cannot be fetched and has no usable copy) throw; token content never does.
 */
export async function verifyToken(
  request: VerifyRequest,
  ctx: VerifyContext,
): Promise<VerifyResult> {
  const token = parseToken(request.token, request.options?.kid)
  const { resolved, expected } = await resolveVerifyKeys(request.key, token.hint, ctx)
  const options = prepareOptions({ ...expected, ...definedOf(request.options ?? {}) }, ctx.now())
  if (resolved.keys.length === 0 && resolved.refused.length > 0 && !resolved.set) {
    throw new WorkbenchError(resolved.refused[0]!.code, resolved.refused[0]!.message)
  }
  return verifyParsed(token, resolved, options)
}

/** Verifies token text against keys resolved once for many tokens (a scan, the bench). */
export function verifyWithKeys(
  text: string,
  resolved: ResolvedKeys,
  options: PreparedOptions,
): Promise<VerifyResult> {
  return verifyParsed(parseToken(text, options.kid), resolved, options)
}

/** Verifies a parsed token against resolved keys. Never throws on token content. */
export async function verifyParsed(
  token: ParsedToken,
  resolved: ResolvedKeys,
  options: PreparedOptions,
): Promise<VerifyResult> {
  const list = checkList()
  const { compact, decoded } = token
  const refuse = (code: ErrorCode, message: string): VerifyResult => {
    list.fail('structure', code, message)
    return {
      valid: false,
      checks: list.checks,
      header: null,
      payload: null,
      key: null,
      keysTried: 0,
    }
  }
  if (compact.length > LIMITS.token) {
    return refuse('ERR_INPUT_TOO_LARGE', tooLarge('The token', compact.length, LIMITS.token))
  }
  const shape = notATokenReason(compact)
  if (shape !== null) return refuse('ERR_JWT_MALFORMED', `Not a token: ${shape}.`)
  const segments = decoded.segmentLengths.length
  if (segments === 5) {
    return refuse(
      'ERR_JWS_INVALID',
      'This is an encrypted token (JWE, 5 segments); verify checks signed tokens (JWS, 3 segments).',
    )
  }
  const header = decoded.header
  if (header === null) {
    return refuse('ERR_JWS_INVALID', headerProblem(decoded))
  }
  const claims = isRecord(decoded.payload) ? decoded.payload : null
  list.pass('structure', claims ? 'A JWS with a JSON claims set.' : 'A JWS (3 segments).')
  checkEncoding(decoded, list)
  checkDuplicates(decoded, list)

  const outcome = checkHeader(header, resolved, options, list)
  let usedKey: UsableKey | undefined
  if (outcome.alg !== undefined) {
    usedKey = await checkSignature(
      compact,
      outcome.alg,
      outcome.candidates,
      outcome.critNames,
      list,
    )
  } else {
    list.notRun('signature', "Not checked: no key fits the token's header (see above).")
  }

  if (claims) {
    checkClaims(claims, header, options, list)
    checkProfile(claims, header, options, list)
  } else checkUnreadableClaims(compact, decoded, options, list)

  const secret = usedKey?.verifying instanceof Uint8Array ? usedKey.verifying : undefined
  return {
    valid: list.checks.every((c) => c.ok),
    checks: list.checks,
    header,
    payload: claims ?? payloadShown(compact, decoded),
    // A key is named only when it verified the signature; otherwise how many were tried.
    key: usedKey?.description ?? null,
    keysTried: outcome.alg === undefined ? 0 : outcome.candidates.length,
    lint: lintToken(decoded, {
      now: options.now,
      signature: compact.slice(compact.lastIndexOf('.') + 1),
      ...(secret ? { secret } : {}),
    }),
  }
}

function definedOf<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** Strict encoding: lenient decoders accept whitespace and stray bits, so two strings would carry one token. */
function checkEncoding(decoded: DecodedToken, list: CheckList): void {
  const bad = new Set<string>()
  for (const d of decoded.defects) {
    if (d.code === 'bad_base64url' || d.code === 'non_canonical_base64url') bad.add(d.part)
  }
  if (bad.size > 0) {
    list.fail(
      'encoding',
      'ERR_JWS_INVALID',
      `The ${[...bad].join(', ')} segment(s) contain whitespace, padding or non-canonical base64url; the token was altered or badly copied.`,
    )
  } else list.pass('encoding', 'Every segment is canonical base64url.')
}

/**
 * Duplicate members (RFC 7515 §5.2, RFC 7519 §4): parsers disagree on which value wins, which
 * is how duplicate-member attacks slip an expired or "none" token past one of them.
 */
function checkDuplicates(decoded: DecodedToken, list: CheckList): void {
  const parts = decoded.defects.filter((d) => d.code === 'duplicate_keys')
  if (parts.length > 0) {
    list.fail(
      'duplicates',
      'ERR_JWT_DUPLICATE_MEMBER',
      `${parts.map((d) => d.message).join(' ')} A token with duplicate members is refused.`,
    )
  } else list.pass('duplicates', 'No duplicate members in the header or payload.')
}

/**
 * A payload that is not a claims set. A JWT verify refuses it; a JWS verify accepts any
 * payload unless claims were asked for. JSON too deep to read is refused either way: its
 * claims (an exp, say) cannot be checked.
 */
function checkUnreadableClaims(
  compact: string,
  decoded: DecodedToken,
  options: PreparedOptions,
  list: CheckList,
): void {
  if (decoded.defects.some((d) => d.part === 'payload' && d.code === 'json_too_deep')) {
    list.fail(
      'claims',
      'ERR_JWT_CLAIMS_UNREADABLE',
      `The payload nests deeper than ${LIMITS.jsonDepth} levels, so its claims (exp, nbf, ...) cannot be checked: refused.`,
    )
    return
  }
  const what = describePayload(compact, decoded)
  if (options.kind !== 'jws') {
    list.fail(
      'claims',
      'ERR_JWT_CLAIMS_INVALID',
      `The payload is ${what}, not a JSON claims set, so this is no JWT. (To verify a JWS with any payload, use JWS mode: --jws.)`,
    )
  } else if (asksForClaims(options)) {
    list.fail(
      'claims',
      'ERR_JWT_CLAIMS_INVALID',
      `The payload is ${what}, so the requested claim checks cannot pass.`,
    )
  } else {
    list.pass('claims', `The payload is ${what}; JWS mode checks no claims.`)
  }
}

/** What a payload that is not a claims set is, in words. */
function describePayload(compact: string, decoded: DecodedToken): string {
  const segment = payloadSegment(compact)
  if (segment === '') return 'empty'
  const value = decoded.payload
  if (Array.isArray(value)) return 'a JSON array'
  if (value !== null && typeof value !== 'string')
    return `JSON ${typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'value'}`
  if (typeof value === 'string' && decoded.header?.['b64'] !== false) return 'a JSON string'
  const { text, utf8 } = unencodedOr(decoded) ?? base64urlText(segment)
  if (!utf8) return `binary data (${text.length} bytes, not UTF-8)`
  if (findTokens(text).some((t) => t.offset === 0))
    return 'a nested token (a JWT inside a JWT; check cty)'
  return `text (${text.length} characters)`
}

function unencodedOr(decoded: DecodedToken): { text: string; utf8: boolean } | null {
  return decoded.header?.['b64'] === false && typeof decoded.payload === 'string'
    ? { text: decoded.payload, utf8: true }
    : null
}

/** The payload to show when it is not a claims set: its text (RFC 7520 signs plain text). */
function payloadShown(compact: string, decoded: DecodedToken): unknown {
  if (decoded.payload !== null) return decoded.payload
  return base64urlText(payloadSegment(compact)).text
}

function payloadSegment(compact: string): string {
  return compact.slice(compact.indexOf('.') + 1, compact.lastIndexOf('.'))
}

function headerProblem(decoded: DecodedToken): string {
  const defect = decoded.defects.find((d) => d.part === 'header')
  return defect?.code === 'json_too_deep'
    ? `The header nests deeper than ${LIMITS.jsonDepth} levels: refused.`
    : 'The header segment does not decode to a JSON object.'
}
