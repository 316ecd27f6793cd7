/**
 * What a token becomes once obtained: the ID token verified per OpenID Connect Core §3.1.3.7
 * (signature by the issuer's published keys, iss, aud, azp, exp, iat, nonce, at_hash), the
 * access token verified when it is a JWT from the profile's issuer, an opaque one introspected
 * when the profile asks (RFC 7662); then saved as credentials of the profile with their expiry.
 */
import * as client from 'openid-client'
import type { ClientProfile } from '../../../shared/oauth-schemas'
import type { Grant } from '../../../shared/oauth-names'
import type { TokenResult, TokenVerdict } from '../../../shared/oauth-types'
import { decodeToken } from '../../../shared/token-decode'
import { isRecord } from '../../../shared/is-record'
import type { AppContext } from '../context'
import { verifyToken } from '../verify/verify'
import { oauthError } from './oauth-errors'

/** The credential names a profile's tokens are saved under. */
export const accessTokenCredential = (profile: string) => profile
export const idTokenCredential = (profile: string) => `${profile} (id_token)`

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

function claimsOf(token: string): Record<string, unknown> | undefined {
  if (!JWT_SHAPE.test(token)) return undefined
  const decoded = decodeToken(token, new Date(0), { display: false })
  return isRecord(decoded.payload) ? decoded.payload : undefined
}

function issuerOf(token: string): string | undefined {
  const iss = claimsOf(token)?.['iss']
  return typeof iss === 'string' ? iss : undefined
}

/**
 * The ID token, verified as a whole against the issuer's keys. at_hash is optional for an ID
 * token from the token endpoint (§3.1.3.6): it is checked when the token carries one.
 */
export async function idTokenVerdict(
  idToken: string,
  accessToken: string,
  profile: ClientProfile,
  nonce: string | undefined,
  ctx: AppContext,
): Promise<TokenVerdict> {
  const verification = await verifyToken(
    {
      token: idToken,
      key: { issuer: profile.issuer },
      options: {
        profile: 'id',
        issuer: profile.issuer,
        audience: profile.clientId,
        ...(claimsOf(idToken)?.['at_hash'] === undefined ? {} : { accessToken }),
        ...(nonce === undefined ? {} : { nonce }),
      },
    },
    ctx,
  )
  return { kind: 'jwt', verification }
}

/** A saved access token, judged again on use (no introspection: it is not a new token). */
export function savedAccessTokenVerdict(
  accessToken: string,
  profile: ClientProfile,
  ctx: AppContext,
): Promise<TokenVerdict> {
  return accessTokenVerdict(accessToken, profile, undefined, ctx)
}

/** The access token: verified when it is a JWT of the profile's issuer, else described. */
export async function accessTokenVerdict(
  accessToken: string,
  profile: ClientProfile,
  config: client.Configuration | undefined,
  ctx: AppContext,
): Promise<TokenVerdict> {
  const iss = issuerOf(accessToken)
  if (iss === undefined) {
    const verdict: TokenVerdict = {
      kind: 'opaque',
      note: 'An opaque token: only its issuer can read it.',
    }
    if (profile.introspect && config !== undefined) {
      try {
        verdict.introspection = (await client.tokenIntrospection(config, accessToken)) as Record<
          string,
          unknown
        >
      } catch (error) {
        throw oauthError(error, 'The introspection endpoint')
      }
    }
    return verdict
  }
  if (iss !== profile.issuer) {
    return {
      kind: 'jwt',
      note: `A JWT from ${iss}, not the profile's issuer: its keys are not fetched (a token never names where its keys are).`,
    }
  }
  const verification = await verifyToken(
    { token: accessToken, key: { issuer: profile.issuer }, options: { issuer: profile.issuer } },
    ctx,
  )
  return { kind: 'jwt', verification }
}

/** Saves the access token (and the ID token) as credentials of the profile. */
export async function saveTokens(
  result: Pick<TokenResult, 'accessToken' | 'idToken' | 'expiresAt' | 'issuer'>,
  profile: ClientProfile,
  grant: Grant,
  ctx: AppContext,
): Promise<string> {
  const host = new URL(profile.issuer).host
  const name = accessTokenCredential(profile.name)
  await ctx.credentials.set({
    name,
    value: result.accessToken,
    host,
    note: `access token of client profile ${profile.name} (${grant} grant)`,
    replace: true,
    ...(result.expiresAt ? { expiresAt: result.expiresAt } : {}),
  })
  if (result.idToken !== undefined) {
    await ctx.credentials.set({
      name: idTokenCredential(profile.name),
      value: result.idToken,
      note: `ID token of client profile ${profile.name}`,
      replace: true,
    })
  }
  return name
}
