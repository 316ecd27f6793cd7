/**
 * The claim checks: exp, nbf, iat and max age against the (possibly given) time with the
 * clock tolerance; iss, aud, sub, typ and required claims against what the caller expects.
 */
import { claimAt } from '../../../shared/providers'
import { issuerMismatchHint } from '../../../shared/issuer-mismatch'
import { formatDuration, isoUtc } from '../../../shared/relative-time'
import type { CheckId } from '../../../shared/verify-types'
import { show, type CheckList } from './checks'
import type { PreparedOptions } from './verify-options'

/** Runs every claim check the claims and options call for into the list. */
export function checkClaims(
  claims: Record<string, unknown>,
  header: Record<string, unknown>,
  options: PreparedOptions,
  { pass, fail }: CheckList,
): void {
  const now = options.nowSeconds
  const tolerance = options.toleranceSeconds
  const CLAIM = 'ERR_JWT_CLAIM_VALIDATION_FAILED'

  // Passing checks say how long ago or ahead; failing ones add the exact time (decode shows
  // every time in full, and formatting dates is a measurable part of a verify).
  const exp = claims['exp']
  if (exp === undefined) pass('exp', 'No exp: the token never expires.')
  else if (exp === null && options.allowNullExp)
    pass('exp', 'exp is null: the token never expires (accepted with --allow-null-exp).')
  else if (exp === null)
    fail(
      'exp',
      CLAIM,
      '"exp" is null, not a time: RFC 7519 wants seconds since 1970, so verifiers reject it. SpacetimeDB issues identity tokens like this (they never expire); to accept one, allow a null exp (--allow-null-exp).',
    )
  else if (typeof exp !== 'number' || !Number.isFinite(exp))
    fail('exp', CLAIM, '"exp" must be a number (seconds since 1970).')
  else if (exp <= now - tolerance)
    fail('exp', 'ERR_JWT_EXPIRED', `Expired ${formatDuration(now - exp)} ago (exp ${iso(exp)}).`)
  else
    pass(
      'exp',
      exp <= now
        ? `Expired ${formatDuration(now - exp)} ago, within the clock tolerance.`
        : `Expires in ${formatDuration(exp - now)}.`,
    )

  const nbf = claims['nbf']
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' || !Number.isFinite(nbf))
      fail('nbf', CLAIM, '"nbf" must be a number (seconds since 1970).')
    else if (nbf > now + tolerance)
      fail(
        'nbf',
        CLAIM,
        `Not valid yet: valid in ${formatDuration(nbf - now)} (nbf ${iso(nbf)}); check the clocks or wait.`,
      )
    else pass('nbf', `Valid since ${formatDuration(now - nbf)} ago.`)
  }

  const iat = claims['iat']
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) {
    fail('iat', CLAIM, '"iat" must be a number (seconds since 1970).')
  } else if (typeof iat === 'number') {
    pass(
      'iat',
      iat > now
        ? `Issued in the future (iat ${iso(iat)}, ${formatDuration(iat - now)} ahead).`
        : `Issued ${formatDuration(now - iat)} ago.`,
    )
  }
  if (options.maxAgeSeconds !== undefined) {
    if (typeof iat !== 'number')
      fail('max-age', CLAIM, 'No "iat" claim, so the token\'s age is unknown.')
    else if (iat > now + tolerance)
      fail('max-age', CLAIM, `"iat" is in the future (${iso(iat)}), so the age check fails.`)
    else if (now - iat - tolerance > options.maxAgeSeconds)
      fail(
        'max-age',
        'ERR_JWT_EXPIRED',
        `Issued ${formatDuration(now - iat)} ago, older than the maximum age of ${formatDuration(options.maxAgeSeconds)}.`,
      )
    else
      pass(
        'max-age',
        `Issued ${formatDuration(now - iat)} ago, within the maximum age of ${formatDuration(options.maxAgeSeconds)}.`,
      )
  }

  if (options.issuer !== undefined) {
    const iss = claims['iss']
    if (iss === undefined) fail('iss', CLAIM, `No "iss" claim; expected ${options.issuer}.`)
    else if (iss !== options.issuer) {
      const hint = typeof iss === 'string' ? issuerMismatchHint(iss, options.issuer) : null
      fail(
        'iss',
        CLAIM,
        `Issuer is ${show(iss)}, expected ${options.issuer}.${hint ? ` ${hint}` : ''}`,
      )
    } else pass('iss', `Issuer is ${options.issuer}.`)
  }
  if (options.audience === undefined && options.audienceUnset !== undefined) {
    fail('aud', CLAIM, options.audienceUnset)
  } else if (options.audience !== undefined) {
    const expected = typeof options.audience === 'string' ? [options.audience] : options.audience
    const aud = claims['aud']
    const present = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : undefined
    if (aud === undefined) fail('aud', CLAIM, `No "aud" claim; expected ${expected.join(' or ')}.`)
    else if (!present || !present.some((a) => expected.includes(a as string)))
      fail(
        'aud',
        CLAIM,
        `Audience is ${present ? present.map(show).join(', ') : show(aud)}, expected ${expected.join(' or ')}.`,
      )
    else pass('aud', `Audience includes ${expected.filter((e) => present.includes(e)).join(', ')}.`)
  }
  if (options.subject !== undefined) {
    const sub = claims['sub']
    if (sub === undefined) fail('sub', CLAIM, `No "sub" claim; expected ${options.subject}.`)
    else if (sub !== options.subject)
      fail('sub', CLAIM, `Subject is ${show(sub)}, expected ${options.subject}.`)
    else pass('sub', `Subject is ${options.subject}.`)
  }
  if (options.typ !== undefined) {
    const typ = header['typ']
    if (typeof typ !== 'string') fail('typ', CLAIM, `No "typ" header; expected ${options.typ}.`)
    else if (normalizeTyp(typ) !== normalizeTyp(options.typ))
      fail('typ', CLAIM, `Header typ is ${typ}, expected ${options.typ}.`)
    else pass('typ', `Header typ is ${typ}.`)
  }
  for (const required of options.require ?? []) {
    const id: CheckId = `require:${required.name}`
    // --role and --scope look in every place providers keep them; --require at its path.
    const paths = required.paths ?? [required.name]
    const present = paths
      .map((path) => ({ path, value: claimAt(claims, path) }))
      .filter((p) => p.value !== undefined)
    const where = paths.length > 1 ? ` (looked in ${paths.join(', ')})` : ''
    if (present.length === 0) {
      fail(id, CLAIM, `Required claim "${required.name}" is missing${where}.`)
      continue
    }
    if (required.value === undefined) {
      pass(id, `Claim "${present[0]!.path}" is present.`)
      continue
    }
    const hit = present.find((p) => claimMatches(p.value, required.value))
    if (hit) pass(id, `Claim "${hit.path}" has ${show(required.value)}.`)
    else
      fail(
        id,
        CLAIM,
        `Claim "${present[0]!.path}" is ${show(present[0]!.value)}, expected ${show(required.value)}${where}.`,
      )
  }
}

/**
 * Whether a claim satisfies an expected value: equal; an array holding it; a space-separated
 * scope string holding it as a word; `A|B` (a string) means any of them.
 */
function claimMatches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string' && expected.includes('|')) {
    return expected.split('|').some((one) => claimMatches(actual, one))
  }
  const same = (a: unknown) => JSON.stringify(a) === JSON.stringify(expected)
  if (same(actual)) return true
  if (Array.isArray(actual)) return actual.some(same)
  if (typeof actual === 'string' && typeof expected === 'string' && /\s/.test(actual)) {
    return actual.split(/\s+/).includes(expected)
  }
  return false
}

function normalizeTyp(value: string): string {
  const lower = value.toLowerCase()
  return lower.includes('/') ? lower : `application/${lower}`
}

/** A NumericDate for a message: ISO UTC, or the number itself when it is no real date. */
function iso(seconds: number): string {
  return isoUtc(seconds) ?? String(seconds)
}
