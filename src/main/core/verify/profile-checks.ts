/**
 * Token profiles, checked as a whole: each rule of the profile is one check (`profile:NAME`),
 * listed and explained like the others.
 *
 * - access: RFC 9068 (JWT access tokens): typ at+jwt; iss, exp, aud, sub, client_id, iat, jti.
 * - id: OpenID Connect Core §3.1.3.7 (ID tokens): iss, sub, aud, exp, iat; azp when there are
 *   several audiences; the nonce, at_hash and c_hash when the nonce, access token or code is given.
 * - logout: OpenID Connect Back-Channel Logout 1.0 §2.4 and §2.6: typ logout+jwt; the
 *   back-channel logout event; sub or sid; iat, jti; no nonce.
 * - dpop: RFC 9449 §4.2 and §4.3 (DPoP proofs): typ dpop+jwt; an asymmetric alg; a public jwk in
 *   the header; htm, htu, iat within the window, jti; ath when the access token is given.
 * - auto: the profile the token declares (typ at+jwt, dpop+jwt, logout+jwt, the logout event),
 *   else an ID token when it carries a nonce; else no profile.
 */
import { createHash } from 'node:crypto'
import { isHmacAlg, isJwsAlg, JWS_ALGORITHMS } from '../../../shared/algorithms'
import { isRecord } from '../../../shared/is-record'
import type { VerifyProfile } from '../../../shared/verify-profiles'
import type { CheckId } from '../../../shared/verify-types'
import { show, type CheckList } from './checks'
import type { PreparedOptions } from './verify-options'

const CLAIM = 'ERR_JWT_CLAIM_VALIDATION_FAILED'
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'
/** How far a DPoP proof's iat may be from now (RFC 9449 §11.1 leaves it to the server). */
const DPOP_WINDOW_SECONDS = 300
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']

/** The profile a token declares, for `auto`. */
export function declaredProfile(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): Exclude<VerifyProfile, 'auto'> | undefined {
  const typ = typeof header['typ'] === 'string' ? header['typ'].toLowerCase() : ''
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return 'access'
  if (typ === 'dpop+jwt') return 'dpop'
  if (typ === 'logout+jwt' || (isRecord(claims['events']) && LOGOUT_EVENT in claims['events']))
    return 'logout'
  if (claims['nonce'] !== undefined) return 'id'
  return undefined
}

/** Runs the profile's checks (auto by default); nothing when the token declares none. */
export function checkProfile(
  claims: Record<string, unknown>,
  header: Record<string, unknown>,
  options: PreparedOptions,
  list: CheckList,
): void {
  const asked = options.profile ?? 'auto'
  const profile = asked === 'auto' ? declaredProfile(header, claims) : asked
  if (profile === undefined) return
  const id = (rule: string): CheckId => `profile:${rule}`
  const rule = (name: string, ok: boolean, passed: string, failed: string) =>
    ok ? list.pass(id(name), passed) : list.fail(id(name), CLAIM, failed)
  const need = (names: string[], why: string) => {
    for (const name of names) {
      rule(
        name,
        claims[name] !== undefined,
        `${name} is present.`,
        `No "${name}": ${why} requires it.`,
      )
    }
  }
  const typ = typeof header['typ'] === 'string' ? header['typ'].toLowerCase() : undefined
  const typIs = (expected: string) => typ === expected || typ === `application/${expected}`

  switch (profile) {
    case 'access':
      rule(
        'typ',
        typIs('at+jwt'),
        'typ is at+jwt (an RFC 9068 access token).',
        `typ is ${show(header['typ'] ?? null)}, not at+jwt: RFC 9068 §4 requires it, so an ID token or another JWT cannot pass as an access token.`,
      )
      need(['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'], 'RFC 9068 §2.2')
      if (claims['token_use'] === 'id' || claims['nonce'] !== undefined) {
        list.fail(
          id('token-use'),
          CLAIM,
          'This is an ID token (token_use id, or a nonce): it must never be accepted as an access token.',
        )
      }
      return
    case 'id': {
      need(['iss', 'sub', 'aud', 'exp', 'iat'], 'OpenID Connect Core §2')
      const aud = claims['aud']
      if (Array.isArray(aud) && aud.length > 1) {
        rule(
          'azp',
          typeof claims['azp'] === 'string',
          `azp is ${show(claims['azp'])} (several audiences).`,
          'Several audiences and no azp: OpenID Connect Core §2 wants the authorized party named.',
        )
      }
      if (options.nonce !== undefined) {
        rule(
          'nonce',
          claims['nonce'] === options.nonce,
          'The nonce is the one sent.',
          `The nonce is ${show(claims['nonce'] ?? null)}, not the one sent: a replayed or injected ID token.`,
        )
      }
      const alg = typeof header['alg'] === 'string' ? header['alg'] : ''
      if (options.accessToken !== undefined) {
        halfHash('at_hash', options.accessToken, 'the access token')
      }
      if (options.code !== undefined) halfHash('c_hash', options.code, 'the authorization code')
      return

      function halfHash(claim: 'at_hash' | 'c_hash', value: string, what: string): void {
        const expected = leftHalfHash(alg, value)
        rule(
          claim,
          expected !== undefined && claims[claim] === expected,
          `${claim} matches ${what}.`,
          claims[claim] === undefined
            ? `No ${claim}: the ID token does not bind ${what} (OpenID Connect Core §3.3.2.11).`
            : `${claim} does not match ${what}: they were not issued together.`,
        )
      }
    }
    case 'logout': {
      rule(
        'typ',
        typIs('logout+jwt'),
        'typ is logout+jwt.',
        `typ is ${show(header['typ'] ?? null)}: Back-Channel Logout §2.4 wants logout+jwt, so a logout token cannot pass as another token.`,
      )
      need(['iss', 'aud', 'iat', 'jti'], 'Back-Channel Logout §2.4')
      const events = claims['events']
      rule(
        'events',
        isRecord(events) && isRecord(events[LOGOUT_EVENT]),
        'events holds the back-channel logout event.',
        `No "events" with ${LOGOUT_EVENT} (an object): not a logout token.`,
      )
      rule(
        'sub-or-sid',
        claims['sub'] !== undefined || claims['sid'] !== undefined,
        'sub or sid names the session to end.',
        'Neither sub nor sid: the token does not say whose session to end.',
      )
      rule(
        'no-nonce',
        claims['nonce'] === undefined,
        'No nonce (as required).',
        'A nonce: Back-Channel Logout §2.4 forbids it, so an ID token cannot pass as a logout token.',
      )
      return
    }
    case 'dpop': {
      const alg = typeof header['alg'] === 'string' ? header['alg'] : ''
      rule(
        'typ',
        typIs('dpop+jwt'),
        'typ is dpop+jwt.',
        `typ is ${show(header['typ'] ?? null)}, not dpop+jwt (RFC 9449 §4.2).`,
      )
      rule(
        'alg',
        isJwsAlg(alg) && !isHmacAlg(alg),
        `${alg} is asymmetric.`,
        `alg ${show(alg)}: a DPoP proof is signed with an asymmetric key (RFC 9449 §4.2).`,
      )
      const jwk = header['jwk']
      rule(
        'jwk',
        isRecord(jwk) && !PRIVATE_JWK_MEMBERS.some((m) => m in jwk),
        'The header carries the public key (jwk).',
        isRecord(jwk)
          ? 'The header jwk holds private key members: the proof leaks its key.'
          : 'No public jwk in the header (RFC 9449 §4.2).',
      )
      need(['jti', 'htm', 'htu', 'iat'], 'RFC 9449 §4.2')
      if (options.htm !== undefined) {
        rule(
          'htm',
          claims['htm'] === options.htm,
          `htm is ${options.htm}.`,
          `htm is ${show(claims['htm'] ?? null)}, not ${options.htm}: the proof is for another request.`,
        )
      }
      if (options.htu !== undefined) {
        rule(
          'htu',
          typeof claims['htu'] === 'string' && sameUri(claims['htu'], options.htu),
          `htu is ${options.htu}.`,
          `htu is ${show(claims['htu'] ?? null)}, not ${options.htu}: the proof is for another URL.`,
        )
      }
      const iat = claims['iat']
      if (typeof iat === 'number') {
        rule(
          'iat-window',
          Math.abs(options.nowSeconds - iat) <= DPOP_WINDOW_SECONDS,
          `iat is within ${DPOP_WINDOW_SECONDS / 60} minutes of now.`,
          `iat is ${Math.round(Math.abs(options.nowSeconds - iat))} s from now, outside the ${DPOP_WINDOW_SECONDS / 60}-minute window: a stale or pre-made proof.`,
        )
      }
      if (options.accessToken !== undefined) {
        const ath = createHash('sha256').update(options.accessToken).digest('base64url')
        rule(
          'ath',
          claims['ath'] === ath,
          'ath matches the access token.',
          claims['ath'] === undefined
            ? 'No ath: the proof is not bound to the access token (RFC 9449 §4.2).'
            : 'ath does not match the access token: the proof is for another token.',
        )
      }
      return
    }
  }
}

/** base64url of the left half of the hash the alg uses (OpenID Connect Core §3.1.3.6). */
function leftHalfHash(alg: string, value: string): string | undefined {
  if (!isJwsAlg(alg)) return undefined
  const hash = (JWS_ALGORITHMS[alg].hash ?? 'SHA-512').replace('-', '').toLowerCase()
  const digest = createHash(hash).update(value, 'ascii').digest()
  return digest.subarray(0, digest.length / 2).toString('base64url')
}

/** htu compares without query and fragment (RFC 9449 §4.3). */
function sameUri(a: string, b: string): boolean {
  const bare = (u: string) => {
    try {
      const url = new URL(u)
      return `${url.protocol}//${url.host}${url.pathname}`
    } catch {
      return u
    }
  }
  return bare(a) === bare(b)
}
