/**
 * Lint: what is risky about a token even when its signature is fine. Runs on every decode,
 * and on verify with the secret, where the HMAC key itself can be judged too.
 */
import { hmacMinBytes, isHmacAlg } from './algorithms'
import { hasHighS } from './ecdsa-malleability'
import { isRecord } from './is-record'
import { identifyProvider } from './providers'
import { formatDuration, isoUtc } from './relative-time'
import type { DecodedToken, LintFinding, LintSeverity } from './token-types'
import { isKnownWeakSecret } from './weak-secrets'

export interface LintOptions {
  now: Date
  /** The HMAC secret, when known (verify); enables the secret rules. */
  secret?: Uint8Array
  /** The signature segment (base64url), when the token text is at hand. */
  signature?: string
}

const MAX_LIFETIME_SECONDS = 24 * 3600
const KEY_URL_HEADERS = ['jku', 'x5u'] as const
const EMBEDDED_KEY_HEADERS = ['jwk', 'x5c'] as const
// Path traversal (a .. segment, a leading slash, a backslash, NUL), and the characters SQL
// injection needs. A slash inside a kid is no path: Cognito's base64 kids hold them.
const KID_PATH = /(?:^|[/\\])\.\.(?:[/\\]|$)|\\|\0/
const BASE64_KID = /^[A-Za-z0-9+/]{16,}={0,2}$/

/** A kid that reads as a file path; a base64 kid with a slash in it does not. */
function pathLikeKid(kid: string): boolean {
  return KID_PATH.test(kid) || (kid.startsWith('/') && !BASE64_KID.test(kid))
}
const KID_SQL = /['";`|]|--|\/\*|\bunion\b|\bselect\b|\bor\s+\d/i
const PERSONAL_DATA = Object.entries({
  email: 'an email address',
  phone_number: 'a phone number',
  phone: 'a phone number',
  mobile: 'a phone number',
  address: 'a postal address',
  street_address: 'a postal address',
  birthdate: 'a birthdate',
})
// A verifier holds its secret for many tokens: judge each secret's bytes once.
const weakSecretVerdicts = new WeakMap<Uint8Array, boolean>()
function isKnownWeakSecretBytes(secret: Uint8Array): boolean {
  let weak = weakSecretVerdicts.get(secret)
  if (weak === undefined) {
    weak = isKnownWeakSecret(new TextDecoder().decode(secret))
    weakSecretVerdicts.set(secret, weak)
  }
  return weak
}
const SEVERITY_ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 }

/**
 * The lint findings of a decoded token, most severe first.
 *
 * @example
 * lintToken(decodeToken(token), { now: new Date(), secret }) // [{ code: 'no_exp', ... }]
 */
export function lintToken(decoded: DecodedToken, options: LintOptions): LintFinding[] {
  const findings: LintFinding[] = []
  const add = (code: string, severity: LintSeverity, message: string) =>
    findings.push({ code, severity, message })
  const header = decoded.header ?? {}
  const alg = typeof header['alg'] === 'string' ? header['alg'] : undefined

  if (decoded.kind === 'JWS') {
    if (alg !== undefined && alg.toLowerCase() === 'none') {
      add('alg_none', 'error', 'alg is "none": the token is unsigned and anyone can forge it.')
    } else if (alg === undefined) {
      add('alg_missing', 'error', 'The header has no alg, so no verifier can check it.')
    }
    if (options.signature !== undefined && hasHighS(alg, options.signature)) {
      add(
        'ecdsa_high_s',
        'info',
        `The ${alg} signature has a high s (over n/2), as about half of the signatures of signers that do not normalise s do. ECDSA signatures are malleable: the twin with (r, n-s) verifies too, so a deny-list or replay cache keyed on the token text can be bypassed; key it on jti instead.`,
      )
    }
  }

  const secretMin = isHmacAlg(alg) ? hmacMinBytes(alg) : undefined
  if (options.secret !== undefined && secretMin !== undefined) {
    if (options.secret.length < secretMin) {
      add(
        'hmac_secret_short',
        'error',
        `The ${alg} secret is ${options.secret.length} bytes; RFC 7518 requires at least ${secretMin} (the hash size). Use a random secret of ${secretMin} bytes or more.`,
      )
    }
    if (isKnownWeakSecretBytes(options.secret)) {
      add(
        'hmac_secret_weak',
        'error',
        'The secret is a well-known example or default value: anyone can forge tokens with it.',
      )
    }
  }

  for (const name of KEY_URL_HEADERS) {
    if (Object.hasOwn(header, name)) {
      add(
        `header_${name}`,
        'warning',
        `The header names a key URL (${name}); a verifier that fetches it lets the sender pick the key. Trust only keys you configure.`,
      )
    }
  }
  for (const name of EMBEDDED_KEY_HEADERS) {
    if (Object.hasOwn(header, name)) {
      add(
        `header_${name}`,
        'warning',
        `The header embeds a key (${name}); a verifier that uses it accepts any token the sender signs. Trust only keys you configure.`,
      )
    }
  }

  const kid = header['kid']
  if (typeof kid === 'string') {
    if (pathLikeKid(kid)) {
      add(
        'kid_path',
        'warning',
        'The kid looks like a file path (a .. segment, a leading /, a backslash): a server that reads keys from files by kid can be pointed at any file.',
      )
    }
    if (KID_SQL.test(kid)) {
      add(
        'kid_sql',
        'warning',
        'The kid contains SQL metacharacters: a server that looks keys up in a database by kid may be injectable.',
      )
    }
  }

  if (decoded.defects.some((d) => d.code === 'duplicate_keys')) {
    add(
      'duplicate_keys',
      'error',
      'Duplicate JSON keys: the issuer and the recipient may read different values.',
    )
  }

  const payload = decoded.payload
  // A JWE's payload is readable only once decrypted (then it is linted like a JWS's).
  if (isRecord(payload)) {
    lintClaims(payload, options.now, add)
    providerRules(header, payload, add)
    for (const [claim, what] of PERSONAL_DATA) {
      if (Object.hasOwn(payload, claim)) {
        add(
          'personal_data',
          'warning',
          `The "${claim}" claim holds ${what}, readable by anyone who sees the token (it is signed, not encrypted).`,
        )
      }
    }
  }

  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
}

function lintClaims(
  payload: Record<string, unknown>,
  now: Date,
  add: (code: string, severity: LintSeverity, message: string) => void,
): void {
  const nowSeconds = now.getTime() / 1000
  const time = (claim: string): number | undefined => {
    const value = payload[claim]
    if (value === undefined) return undefined
    if (typeof value === 'number' && Number.isFinite(value)) return value
    if (claim === 'exp' && value === null) {
      add(
        'exp_null',
        'warning',
        '"exp" is null: the token never expires, and RFC 7519 verifiers reject it. SpacetimeDB identity tokens look like this; treat it as a long-lived credential.',
      )
      return undefined
    }
    add(
      'time_not_numeric',
      'error',
      `"${claim}" is not a number of seconds since 1970; verifiers will reject or misread it.`,
    )
    return undefined
  }
  const exp = time('exp')
  const nbf = time('nbf')
  const iat = time('iat')

  if (!Object.hasOwn(payload, 'exp')) {
    add('no_exp', 'warning', 'No exp: the token never expires. Set an expiry (e.g. 15m to 24h).')
  }
  if (exp !== undefined) {
    const from = iat ?? nbf ?? nowSeconds
    const lifetime = exp - from
    if (lifetime > MAX_LIFETIME_SECONDS) {
      const since = iat !== undefined ? 'iat' : nbf !== undefined ? 'nbf' : 'now'
      add(
        'long_lifetime',
        'warning',
        `The token lives ${formatDuration(lifetime)} (from ${since} to exp), over 24h: a stolen token stays useful that long.`,
      )
    }
  }
  if (iat !== undefined && iat > nowSeconds) {
    add(
      'iat_in_future',
      'warning',
      `iat is ${formatDuration(iat - nowSeconds)} in the future (${isoUtc(iat) ?? iat}): the issuer's clock is off or the token was forged.`,
    )
  }
  if (nbf !== undefined && nbf > nowSeconds) {
    add(
      'nbf_in_future',
      'warning',
      `nbf is ${formatDuration(nbf - nowSeconds)} in the future (${isoUtc(nbf) ?? nbf}): the token is not valid yet.`,
    )
  }
  if (iat !== undefined && exp !== undefined && exp < iat) {
    add(
      'exp_before_iat',
      'error',
      'exp is before iat: the token was born expired (a mistake, or a negative test).',
    )
  }
  if (nbf !== undefined && exp !== undefined && nbf > exp) {
    add('nbf_after_exp', 'error', 'nbf is after exp: the token can never be valid.')
  }
}

/** What a token's provider and profile say about it (RFC 9068, the providers' docs). */
function providerRules(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  add: (code: string, severity: LintSeverity, message: string) => void,
): void {
  const provider = identifyProvider(payload, header)
  const typ = typeof header['typ'] === 'string' ? header['typ'].toLowerCase() : ''
  if ((typ === 'at+jwt' || typ === 'application/at+jwt') && payload['client_id'] === undefined) {
    add(
      'at_jwt_no_client_id',
      'warning',
      'typ at+jwt (an RFC 9068 access token) without client_id: RFC 9068 §2.2 requires it, and resource servers that follow it reject the token.',
    )
  }
  if (provider?.id === 'github-actions' && payload['aud'] === undefined) {
    add(
      'github_oidc_no_aud',
      'error',
      'A GitHub Actions OIDC token without aud: any relying party would accept it. Request it with an audience (core.getIDToken(audience)).',
    )
  }
  if (provider?.id === 'cognito' && payload['token_use'] === 'id') {
    add(
      'cognito_id_token',
      'info',
      'A Cognito ID token (token_use id): an API must accept only access tokens (token_use access); an ID token tells the client who signed in.',
    )
  }
  if (provider?.id === 'entra-v1') {
    add(
      'entra_v1_token',
      'info',
      'An Entra ID v1 token (sts.windows.net issuer, ver 1.0): an API that expects v2 tokens rejects it on iss. Set accessTokenAcceptedVersion to 2 in the API app manifest to get v2 tokens.',
    )
  }
  if (
    provider !== undefined &&
    payload['nonce'] !== undefined &&
    typ !== 'at+jwt' &&
    payload['scp'] === undefined &&
    payload['scope'] === undefined &&
    payload['token_use'] !== 'access'
  ) {
    add(
      'id_token',
      'info',
      'This looks like an ID token (a nonce, no scopes): it tells a client who signed in; an API must not accept it as an access token.',
    )
  }
}
