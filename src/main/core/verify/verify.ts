/**
 * Verifies a JWS and explains the outcome: every check is listed with its result, failing
 * ones with a code and the likely cause. "Valid" means every check ran and passed: claims
 * that cannot be read, duplicate members or an unknown critical header make a token invalid,
 * never skipped. Keys come only from the caller's key source, never from the token's own
 * jwk/jku/x5u/x5c headers.
 */
import { base64urlText } from '../../../shared/base64url'
import { WorkbenchError } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import { LIMITS, tooLarge } from '../../../shared/limits'
import { findTokens } from '../../../shared/token-finder'
import { decodeToken } from '../../../shared/token-decode'
import { lintToken } from '../../../shared/token-lint'
import type { DecodedToken } from '../../../shared/token-types'
import type { VerifyRequest } from '../../../shared/token-schemas'
import type { VerifyResult } from '../../../shared/verify-types'
import type { AppContext } from '../context'
import {
  keySourceFrom,
  resolveKeySource,
  trustedSource,
  type ResolvedKeys,
  type TokenHint,
} from '../keys/key-source'
import type { UsableKey } from '../keys/usable-key'
import { checkList, type CheckList } from './checks'
import { checkClaims } from './claim-checks'
import { checkHeader } from './header-checks'
import { checkSignature } from './signature-check'
import { asksForClaims, prepareOptions, type PreparedOptions } from './verify-options'

/**
 * Resolves the key source and verifies. Configuration problems (bad key, bad option, a JWKS
 * that cannot be fetched and has no usable copy) throw. With an issuer source the token's iss
 * must be that issuer; a trusted issuer's expected audience applies when none is given.
 */
export async function verifyToken(request: VerifyRequest, ctx: AppContext): Promise<VerifyResult> {
  let source = keySourceFrom(request.key)
  let requested = request.options ?? {}
  const hint = tokenHint(request.token, requested.kid)
  if (source.type === 'trusted') {
    const { source: issuerSource, trusted } = trustedSource(ctx, hint.iss, source.remote)
    source = issuerSource
    if (trusted.audience !== undefined && requested.audience === undefined) {
      requested = { ...requested, audience: trusted.audience }
    }
  }
  if (source.type === 'issuer')
    requested = { ...requested, issuer: requested.issuer ?? source.issuer }
  const options = prepareOptions(requested, ctx.now())
  const keys = await resolveKeySource(source, ctx, 'verify', hint)
  if (keys.keys.length === 0 && keys.refused.length > 0 && !keys.set) {
    throw new WorkbenchError(keys.refused[0]!.code, keys.refused[0]!.message)
  }
  return verifyWithKeys(request.token, keys, options)
}

/** Verifies `token` against already resolved keys. Never throws on token content. */
export async function verifyWithKeys(
  token: string,
  resolved: ResolvedKeys,
  options: PreparedOptions,
): Promise<VerifyResult> {
  const list = checkList()
  const fallbackKey = resolved.keys[0]?.description ?? null
  const refuse = (code: string, message: string): VerifyResult => {
    list.fail('structure', code, message)
    return { valid: false, checks: list.checks, header: null, payload: null, key: fallbackKey }
  }
  if (token.length > LIMITS.token) {
    return refuse('ERR_INPUT_TOO_LARGE', tooLarge('The token', token.length, LIMITS.token))
  }
  // Pasted from a header: `Bearer eyJ...` is the token after the scheme.
  const compact = token.trim().replace(/^Bearer\s+/i, '')
  const decoded = decodeToken(compact, options.now, { display: false })
  const segments = decoded.segmentLengths.length
  if (segments === 5) {
    return refuse(
      'ERR_JWS_INVALID',
      'This is an encrypted token (JWE, 5 segments); verify checks signed tokens (JWS, 3 segments).',
    )
  }
  if (segments !== 3) {
    return refuse(
      'ERR_JWS_INVALID',
      `The token has ${segments} segment(s); a JWS has 3 separated by dots.`,
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

  if (claims) checkClaims(claims, header, options, list)
  else checkUnreadableClaims(compact, decoded, options, list)

  const key = usedKey ?? outcome.candidates[0] ?? resolved.keys[0]
  const secret = key?.verifying instanceof Uint8Array ? key.verifying : undefined
  return {
    valid: list.checks.every((c) => c.ok),
    checks: list.checks,
    header,
    payload: claims ?? payloadShown(compact, decoded),
    key: key?.description ?? fallbackKey,
    lint: lintToken(decoded, secret ? { now: options.now, secret } : { now: options.now }),
  }
}

/** The kid and iss a token names (decoded only; nothing is trusted from them but a lookup). */
export function tokenHint(token: string, kid: string | undefined): TokenHint {
  const compact = token.trim().replace(/^Bearer\s+/i, '')
  if (compact.length > LIMITS.token) return {}
  const decoded = decodeToken(compact, new Date(0), { display: false })
  const hint: TokenHint = {}
  const headerKid = decoded.header?.['kid']
  if (kid !== undefined) hint.kid = kid
  else if (typeof headerKid === 'string') hint.kid = headerKid
  const iss = isRecord(decoded.payload) ? decoded.payload['iss'] : undefined
  if (typeof iss === 'string') hint.iss = iss
  return hint
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
