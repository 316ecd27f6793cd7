/**
 * Verifies a JWS and explains the outcome: every check is listed with its result, failing
 * ones with a code and the likely cause. Keys come only from the caller's key source, never
 * from the token's own jwk/jku/x5u/x5c headers.
 */
import { webcrypto, type KeyObject } from 'node:crypto'
import { compactVerify } from 'jose'
import { MAX_TOKEN_CHARS } from '../../../shared/api'
import { WorkbenchError } from '../../../shared/errors'
import { isJwsAlg, type KeyDescription } from '../../../shared/key-types'
import { formatDuration, isoUtc } from '../../../shared/relative-time'
import type {
  VerifyCheck,
  VerifyOptions,
  VerifyRequest,
  VerifyResult,
} from '../../../shared/verify-types'
import type { AppContext } from '../context'
import { decodeToken } from '../token/decode'
import { durationSeconds, parseInstant } from '../duration'
import { keySourceFrom, resolveKeySource, type UsableKey } from '../keys/key-source'
import { lintToken } from '../token/lint'
import { isRecord } from '../../../shared/is-record'

const EMBEDDED_KEY_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'] as const
/** Extensions this verifier implements (RFC 7797 unencoded payload). */
const UNDERSTOOD_CRIT = new Set(['b64'])
const REGISTERED_HEADERS = new Set([
  'alg',
  'jku',
  'jwk',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'typ',
  'cty',
  'crit',
  'enc',
  'zip',
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
])

/** Options after parsing: numbers instead of durations and times. */
export interface PreparedOptions extends VerifyOptions {
  toleranceSeconds: number
  nowSeconds: number
  /** The same instant as a Date, for lint. */
  now: Date
  maxAgeSeconds?: number
}

/** Resolves the key source and verifies. Configuration problems (bad key, bad option) throw. */
export async function verifyToken(request: VerifyRequest, ctx: AppContext): Promise<VerifyResult> {
  const options = prepareOptions(request.options ?? {}, ctx.now())
  const keys = await resolveKeySource(keySourceFrom(request.key), ctx, 'verify')
  return verifyWithKeys(request.token, keys, options)
}

/** Parses durations and the "as of" time once; invalid ones throw ERR_INVALID_DURATION. */
export function prepareOptions(options: VerifyOptions, now: Date): PreparedOptions {
  let nowMs = now.getTime()
  if (options.at !== undefined) {
    const at = parseInstant(options.at)
    if (at === undefined) {
      throw new WorkbenchError(
        'ERR_INVALID_ARGUMENT',
        `Invalid time "${options.at.slice(0, 40)}": use ISO 8601 (2026-11-22T10:00:00Z) or epoch seconds.`,
      )
    }
    nowMs = at * 1000
  }
  const tolerance = options.clockTolerance
  const toleranceSeconds =
    typeof tolerance === 'number'
      ? tolerance
      : tolerance === undefined
        ? 0
        : durationSeconds(tolerance, 'clock tolerance')
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new WorkbenchError('ERR_INVALID_DURATION', 'The clock tolerance must not be negative.')
  }
  const nowSeconds = Math.floor(nowMs / 1000)
  const prepared: PreparedOptions = {
    ...options,
    toleranceSeconds,
    nowSeconds,
    now: new Date(nowSeconds * 1000),
  }
  if (options.maxAge !== undefined) {
    prepared.maxAgeSeconds = durationSeconds(options.maxAge, 'maximum age')
    if (prepared.maxAgeSeconds <= 0) {
      throw new WorkbenchError('ERR_INVALID_DURATION', 'The maximum age must be positive.')
    }
  }
  return prepared
}

/**
 * Verifies `token` against already resolved keys. Never throws on token content.
 *
 * jose starts at once and asks for the key when it has parsed the header; the header checks
 * pick it. The payload is then decoded, the claims checked and the token linted while the
 * crypto thread pool works on the signature (WebCrypto hands it off), so the explanation
 * costs little time on top of jose.
 */
export async function verifyWithKeys(
  token: string,
  keys: UsableKey[],
  options: PreparedOptions,
): Promise<VerifyResult> {
  // Listed in this order: structure, encoding, header checks, signature, claims.
  const tokenChecks: VerifyCheck[] = []
  const claimChecks: VerifyCheck[] = []
  const { pass, fail } = reporter(tokenChecks)
  const fallbackKey = keys[0]?.description ?? null
  const refuse = (code: string, message: string): VerifyResult => {
    fail('structure', code, message)
    return { valid: false, checks: tokenChecks, header: null, payload: null, key: fallbackKey }
  }

  if (token.length > MAX_TOKEN_CHARS) {
    return refuse(
      'ERR_INPUT_TOO_LARGE',
      `The token is over the 256 KiB limit (${token.length} characters).`,
    )
  }
  // Pasted from a header: `Bearer eyJ...` is the token after the scheme.
  const compact = token.trim().replace(/^Bearer\s+/i, '')
  // jose parses the header and asks for a key: the key is chosen right then, so the
  // signature is on its way to the crypto thread pool before anything else is done. jose
  // refuses what is no JWS by itself, and the checks below explain it.
  let choice: KeyChoice | undefined
  const choose = (header: Record<string, unknown>) => (choice = chooseKeys(header, keys, options))
  const first = firstAttempt(compact, choose)
  await cryptoHandOff()

  // One decode serves the structure and encoding checks, the claims and lint (each segment
  // is split off and parsed once).
  const now = options.now
  const decoded = decodeToken(compact, now, { display: false })
  const segmentCount = decoded.segmentLengths.length
  if (segmentCount === 5) {
    return refuse(
      'ERR_JWS_INVALID',
      'This is an encrypted token (JWE, 5 segments); verify checks signed tokens (JWS, 3 segments).',
    )
  }
  if (segmentCount !== 3) {
    return refuse(
      'ERR_JWS_INVALID',
      `The token has ${segmentCount} segment(s); a JWS has 3 separated by dots.`,
    )
  }
  const header = decoded.header
  if (header === null) {
    return refuse('ERR_JWS_INVALID', 'The header segment does not decode to a JSON object.')
  }
  // jose refuses some headers (an unknown crit, no alg) before it asks for a key.
  const chosenKeys = choice ?? choose(header)
  const { candidates } = chosenKeys
  const headerChecked = headerChecks(header, chosenKeys, keys, options)
  const unencoded = header['b64'] === false
  const claims = isRecord(decoded.payload) ? decoded.payload : null
  // A JWS need not carry JSON (RFC 7520's examples sign plain text): show the text then.
  const payload = claims ?? payloadText(compact, unencoded)
  pass(
    'structure',
    claims ? 'A JWS with a JSON claims set.' : 'A JWS whose payload is not a JSON claims set.',
  )
  // Strict encoding: lenient base64url decoders accept whitespace and stray bits, which lets
  // two different strings carry the same token.
  const badSegments = new Set<string>()
  for (const d of decoded.defects) {
    if (d.code === 'bad_base64url' || d.code === 'non_canonical_base64url') badSegments.add(d.part)
  }
  if (badSegments.size > 0) {
    fail(
      'encoding',
      'ERR_JWS_INVALID',
      `The ${[...badSegments].join(', ')} segment(s) contain whitespace, padding or non-canonical base64url; the token was altered or badly copied.`,
    )
  } else pass('encoding', 'Every segment is canonical base64url.')

  const claimReporter = reporter(claimChecks)
  if (claims) checkClaims(claims, header, options, claimReporter)
  else if (hasClaimOptions(options)) {
    claimReporter.fail(
      'claims',
      'ERR_JWT_INVALID',
      'The payload is not a JSON claims set, so the requested claim checks cannot pass.',
    )
  }

  // With an HMAC secret at hand, the secret's own rules run too: lint with the key that
  // verified (the first candidate, unless another one turns out to).
  const lintWith = (key: UsableKey | undefined) =>
    lintToken(
      decoded,
      key?.verifying instanceof Uint8Array ? { now, secret: key.verifying } : { now },
    )

  // The result is written for the likely outcome (the first candidate verifies) before the
  // signature is known: when it does, only the verdict is left to set.
  const verifiedWith = (key: UsableKey): VerifyCheck => ({
    id: 'signature',
    ok: true,
    message: `Signature verified with ${describe(key.description)}.`,
  })
  const othersOk = [tokenChecks, headerChecked.checks, claimChecks].every((list) =>
    list.every((c) => c.ok),
  )
  const signatureAt = tokenChecks.length + headerChecked.checks.length
  const likely = candidates[0] ?? keys[0]
  const result: VerifyResult = {
    valid: false,
    checks: tokenChecks.concat(
      headerChecked.checks,
      candidates[0] ? verifiedWith(candidates[0]) : NO_FITTING_KEY_CHECK,
      claimChecks,
    ),
    header,
    payload,
    key: likely?.description ?? null,
    lint: lintWith(likely),
  }

  const attempt = await first
  if (attempt.verified) {
    result.valid = othersOk
    return result
  }
  const outcome = await retriedOutcome(compact, chosenKeys, headerChecked.critNames, attempt)
  const signatureCheck: VerifyCheck =
    outcome === undefined
      ? NO_FITTING_KEY_CHECK
      : outcome.usedKey
        ? verifiedWith(outcome.usedKey)
        : { id: 'signature', ok: false, ...outcome.failure }
  const chosen = outcome?.usedKey ?? likely
  result.checks[signatureAt] = signatureCheck
  result.valid = othersOk && signatureCheck.ok
  result.key = chosen?.description ?? null
  if (chosen !== likely) result.lint = lintWith(chosen)
  return result
}

/** Which keys may check the signature: decided by the header's alg and kid alone. */
interface KeyChoice {
  /** Set only when a key fits, so the signature can be checked. */
  alg?: string
  candidates: UsableKey[]
  /** Why no key fits, when none does. */
  refusal?:
    'no-alg' | 'alg-none' | 'alg-unsupported' | 'alg-not-allowed' | 'alg-mismatch' | 'no-kid'
  kid?: string
}

/**
 * The keys the header leaves for the signature: the algorithm against the allowlist and the
 * keys, then the key set searched by kid. It runs while jose waits for the key, so it only
 * decides; headerChecks explains the decision afterwards.
 */
function chooseKeys(
  header: Record<string, unknown>,
  keys: UsableKey[],
  options: PreparedOptions,
): KeyChoice {
  const alg = header['alg']
  if (typeof alg !== 'string') return { candidates: [], refusal: 'no-alg' }
  if (alg.toLowerCase() === 'none') return { candidates: [], refusal: 'alg-none' }
  if (!isJwsAlg(alg)) return { candidates: [], refusal: 'alg-unsupported' }
  if (options.algorithms !== undefined && !options.algorithms.includes(alg)) {
    return { candidates: [], refusal: 'alg-not-allowed' }
  }
  const fitting = keys.filter((k) => k.description.algs.includes(alg))
  if (fitting.length === 0) return { candidates: [], refusal: 'alg-mismatch' }
  const kid = options.kid ?? (typeof header['kid'] === 'string' ? header['kid'] : undefined)
  // A key set (a JWKS, a stored key's versions) is searched by kid; a single key is used as is.
  if (kid === undefined || (keys.length === 1 && keys[0]!.description.origin !== 'jwks')) {
    return { alg, candidates: fitting }
  }
  const candidates = fitting.filter((k) => k.description.kid === kid)
  return candidates.length > 0 ? { alg, candidates } : { candidates, refusal: 'no-kid', kid }
}

/**
 * The header's checks, each with its message: the algorithm and the key (as chooseKeys
 * decided), crit and embedded keys. A pure function of its arguments.
 */
function headerChecks(
  header: Record<string, unknown>,
  choice: KeyChoice,
  keys: UsableKey[],
  options: PreparedOptions,
): { checks: VerifyCheck[]; critNames: string[] } {
  const checks: VerifyCheck[] = []
  const { pass, fail } = reporter(checks)
  const alg = String(header['alg'])
  const NOT_ALLOWED = 'ERR_JOSE_ALG_NOT_ALLOWED'
  if (choice.refusal === 'no-alg') fail('alg', 'ERR_JWS_INVALID', 'The header has no "alg".')
  else if (choice.refusal === 'alg-none') {
    fail('alg', NOT_ALLOWED, 'Unsecured token (alg none): never accepted, anyone can forge one.')
  } else if (choice.refusal === 'alg-unsupported') {
    fail(
      'alg',
      NOT_ALLOWED,
      `Algorithm ${JSON.stringify(header['alg']).slice(0, 40)} is not supported.`,
    )
  } else if (choice.refusal === 'alg-not-allowed') {
    fail(
      'alg',
      NOT_ALLOWED,
      `Algorithm ${alg} is not in the allowed list (${options.algorithms!.join(', ')}).`,
    )
  } else if (choice.refusal === 'alg-mismatch') fail('alg', NOT_ALLOWED, mismatchMessage(alg, keys))
  else pass('alg', `${alg} fits the key.`)

  const crit = header['crit']
  let critOk = true
  const critNames: string[] = []
  if (crit !== undefined) {
    if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string')) {
      critOk = false
      fail('crit', 'ERR_JWS_INVALID', '"crit" must be a non-empty array of header names.')
    } else {
      critNames.push(...(crit as string[]))
      const unknown = critNames.filter((c) => !UNDERSTOOD_CRIT.has(c))
      const absent = critNames.filter((c) => !(c in header))
      const registered = critNames.filter((c) => REGISTERED_HEADERS.has(c))
      if (registered.length > 0) {
        critOk = false
        fail(
          'crit',
          'ERR_JWS_INVALID',
          `"crit" lists registered header names (${registered.join(', ').slice(0, 100)}), which RFC 7515 forbids.`,
        )
      } else if (unknown.length > 0) {
        critOk = false
        fail(
          'crit',
          'ERR_JOSE_NOT_SUPPORTED',
          `"crit" requires extension(s) this verifier does not understand (${unknown.join(', ').slice(0, 100)}); RFC 7515 says to refuse the token.`,
        )
      } else if (absent.length > 0) {
        critOk = false
        fail(
          'crit',
          'ERR_JWS_INVALID',
          `"crit" lists ${absent.join(', ')} but the header does not carry it.`,
        )
      }
    }
  }
  if (critOk) {
    if ('b64' in header && typeof header['b64'] !== 'boolean') {
      fail('crit', 'ERR_JWS_INVALID', '"b64" must be true or false.')
    } else if (header['b64'] === false && !critNames.includes('b64')) {
      fail(
        'crit',
        'ERR_JWS_INVALID',
        '"b64": false without "b64" in "crit": the payload encoding is ambiguous (RFC 7797).',
      )
    } else
      pass(
        'crit',
        crit === undefined
          ? 'No critical header extensions.'
          : `Critical extensions understood (${critNames.join(', ')}).`,
      )
  }

  const embedded = EMBEDDED_KEY_HEADERS.filter((name) => name in header)
  pass(
    'header-keys',
    embedded.length === 0
      ? 'No keys or key URLs embedded in the header.'
      : `The header carries ${embedded.join(', ')}: untrusted and ignored; only your key was used.`,
  )

  if (choice.refusal === 'no-kid') {
    fail(
      'key',
      'ERR_JWKS_NO_MATCHING_KEY',
      `No ${alg} key with kid "${String(choice.kid).slice(0, 80)}" in the key set: the token was signed by a key you do not have.`,
    )
  } else if (choice.alg !== undefined) {
    const { candidates } = choice
    pass(
      'key',
      `Checked with ${describe(candidates[0]!.description)}${candidates.length > 1 ? ` and ${candidates.length - 1} more` : ''}.`,
    )
  }
  return { checks, critNames }
}

type SignatureOutcome =
  | { usedKey: UsableKey; failure?: never }
  | { usedKey?: never; failure: { code: string; message: string } }

interface FirstAttempt {
  /** jose parsed the header and asked for a key. */
  asked: boolean
  verified: boolean
  error?: unknown
}

const NO_FITTING_KEY = new Error('no key fits the header')
const NO_FITTING_KEY_CHECK: VerifyCheck = Object.freeze({
  id: 'signature',
  ok: false,
  skipped: true,
  message: "Not checked: no key fits the token's algorithm.",
})

/**
 * Starts jose at once with a key resolver: jose parses the header, `choose` picks the keys
 * it allows, and the first of them goes to WebCrypto. Never rejects.
 */
export function firstAttempt(
  compact: string,
  choose: (header: Record<string, unknown>) => KeyChoice,
): Promise<FirstAttempt> {
  let asked = false
  return compactVerify(compact, (header) => {
    asked = true
    const { alg, candidates } = choose(header)
    if (alg === undefined) throw NO_FITTING_KEY
    return verificationKey(candidates[0]!, alg)
  }).then(
    () => ({ asked, verified: true }),
    (error: unknown) => ({ asked, verified: false, error }),
  )
}

/**
 * The signature's outcome when the first attempt did not verify: the first of the remaining
 * candidates that verifies (a key set without a kid match, or a header jose refused before
 * asking for a key, such as one with a crit extension the crit check reports). Undefined
 * when no key fits the header.
 */
async function retriedOutcome(
  compact: string,
  { alg, candidates }: KeyChoice,
  critNames: string[],
  first: FirstAttempt,
): Promise<SignatureOutcome | undefined> {
  if (alg === undefined) return undefined
  const recognized = Object.fromEntries(critNames.filter((c) => c !== 'b64').map((c) => [c, false]))
  let failure = first.asked ? failureOf(first.error, candidates[0]!) : undefined
  for (const candidate of first.asked ? candidates.slice(1) : candidates) {
    try {
      await compactVerify(compact, await verificationKey(candidate, alg), {
        algorithms: [alg],
        crit: recognized,
      })
      return { usedKey: candidate }
    } catch (error) {
      failure = failureOf(error, candidate)
    }
  }
  return { failure: failure! }
}

function failureOf(error: unknown, candidate: UsableKey): { code: string; message: string } {
  const code = (error as { code?: unknown }).code
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === undefined) {
    return {
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      message:
        candidate.description.kind === 'secret'
          ? 'Signature does not match: signed with a different secret or the token was altered.'
          : 'Signature does not match: signed with a different key or the token was altered.',
    }
  }
  return {
    code: String(code),
    message: `The token could not be verified: ${(error as Error).message.slice(0, 200)}`,
  }
}

/**
 * Microtask turns from jose asking for the key to jose handing the signature to WebCrypto
 * (it awaits the key, then prepares and checks it). A test holds this to the jose in use.
 */
const JOSE_DISPATCH_TURNS = 2

/**
 * Resolves once jose has handed the signature to WebCrypto's thread pool, so the work after
 * it overlaps with the signature check. Microtask turns, not a turn of the event loop
 * (setImmediate), which would cost more than the overlap gains.
 */
export async function cryptoHandOff(): Promise<void> {
  for (let turn = 0; turn < JOSE_DISPATCH_TURNS; turn++) await undefined
}

function reporter(list: VerifyCheck[]): Reporter {
  return {
    pass: (id, message) => list.push({ id, ok: true, message }),
    fail: (id, code, message) => list.push({ id, ok: false, code, message }),
  }
}

// HMAC secrets imported into WebCrypto once per secret and hash: jose would otherwise import
// the raw bytes on every verify, which costs as much as the MAC itself.
const importedHmac = new WeakMap<Uint8Array, Map<string, webcrypto.CryptoKey>>()

/** The key as jose takes it; an HMAC secret already imported is returned at once. */
function verificationKey(
  key: UsableKey,
  alg: string,
): KeyObject | Uint8Array | webcrypto.CryptoKey | Promise<webcrypto.CryptoKey> {
  const bytes = key.verifying
  if (!(bytes instanceof Uint8Array) || !alg.startsWith('HS')) return bytes
  let byAlg = importedHmac.get(bytes)
  if (!byAlg) importedHmac.set(bytes, (byAlg = new Map()))
  const imported = byAlg.get(alg)
  if (imported) return imported
  const hash = { name: `SHA-${alg.slice(2)}` }
  return webcrypto.subtle
    .importKey('raw', bytes, { name: 'HMAC', hash }, false, ['verify'])
    .then((cryptoKey) => {
      byAlg.set(alg, cryptoKey)
      return cryptoKey
    })
}

interface Reporter {
  pass: (id: string, message: string) => void
  fail: (id: string, code: string, message: string) => void
}

function checkClaims(
  claims: Record<string, unknown>,
  header: Record<string, unknown>,
  options: PreparedOptions,
  { pass, fail }: Reporter,
): void {
  const now = options.nowSeconds
  const tolerance = options.toleranceSeconds
  const CLAIM = 'ERR_JWT_CLAIM_VALIDATION_FAILED'

  // Passing checks say how long ago or ahead; failing ones add the exact time (decode shows
  // every time in full, and formatting dates is a measurable part of a verify).
  const exp = claims['exp']
  if (exp === undefined) pass('exp', 'No exp: the token never expires.')
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
    else if (iss !== options.issuer)
      fail('iss', CLAIM, `Issuer is ${show(iss)}, expected ${options.issuer}.`)
    else pass('iss', `Issuer is ${options.issuer}.`)
  }
  if (options.audience !== undefined) {
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
    const id = `require:${required.name}`
    if (!Object.hasOwn(claims, required.name)) {
      fail(id, CLAIM, `Required claim "${required.name}" is missing.`)
      continue
    }
    const value = claims[required.name]
    if (required.value === undefined) pass(id, `Claim "${required.name}" is present.`)
    else if (claimMatches(value, required.value))
      pass(id, `Claim "${required.name}" is ${show(required.value)}.`)
    else
      fail(
        id,
        CLAIM,
        `Claim "${required.name}" is ${show(value)}, expected ${show(required.value)}.`,
      )
  }
}

/** Equal values match; an array claim matches when it contains the value. */
function claimMatches(actual: unknown, expected: unknown): boolean {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return true
  return Array.isArray(actual) && actual.some((a) => JSON.stringify(a) === JSON.stringify(expected))
}

function hasClaimOptions(o: PreparedOptions): boolean {
  return (
    o.issuer !== undefined ||
    o.audience !== undefined ||
    o.subject !== undefined ||
    o.maxAgeSeconds !== undefined ||
    (o.require?.length ?? 0) > 0
  )
}

function mismatchMessage(alg: string, keys: UsableKey[]): string {
  const kinds = [...new Set(keys.map((k) => describe(k.description)))].join(', ')
  if (alg.startsWith('HS') && keys.every((k) => k.description.kind !== 'secret')) {
    return `The token says ${alg} (HMAC) but the key is ${kinds}: refused. A public key is never used as an HMAC secret (this is the HS/RS key-confusion attack, or the wrong key).`
  }
  if (!alg.startsWith('HS') && keys.every((k) => k.description.kind === 'secret')) {
    return `The token says ${alg} but the key is an HMAC secret: give the signer's public key instead.`
  }
  return `The token says ${alg} but the key is ${kinds}, which verifies ${[...new Set(keys.flatMap((k) => k.description.algs))].join(', ')}.`
}

function describe(d: KeyDescription): string {
  const what = d.kind === 'secret' ? d.detail : `${d.detail} ${d.kind} key`
  return d.kid === undefined ? what : `${what} (kid ${d.kid.slice(0, 64)})`
}

function normalizeTyp(value: string): string {
  const lower = value.toLowerCase()
  return lower.includes('/') ? lower : `application/${lower}`
}

function show(value: unknown): string {
  return (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))).slice(
    0,
    120,
  )
}

/** A NumericDate for a message: ISO UTC, or the number itself when it is no real date. */
function iso(seconds: number): string {
  return isoUtc(seconds) ?? String(seconds)
}

/** The payload of a JWS as text: as it stands when unencoded (b64:false), else decoded. */
function payloadText(compact: string, unencoded: boolean): string {
  const segment = compact.slice(compact.indexOf('.') + 1, compact.lastIndexOf('.'))
  return unencoded ? segment : Buffer.from(segment, 'base64url').toString('utf8')
}
