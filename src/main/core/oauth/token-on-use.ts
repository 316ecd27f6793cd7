/**
 * A profile's token when it is needed: the saved access token while it has more than a minute
 * left, else a refresh when a refresh token is saved, else the profile's own grant (the code
 * flow for a public client, client credentials for a confidential one). With nobody there to
 * sign in (`interactive: false`: a script, a pipe), the code flow is not started: it would wait
 * minutes for a browser; ERR_OAUTH_SIGN_IN_REQUIRED says what to run instead.
 */
import { WorkbenchError } from '../../../shared/errors'
import type { ClientProfile, TokenRequest } from '../../../shared/oauth-schemas'
import type { Grant } from '../../../shared/oauth-names'
import type { TokenResult } from '../../../shared/oauth-types'
import type { AppContext } from '../context'
import { obtainToken, type FlowHooks } from './obtain-token'
import { accessTokenCredential, savedAccessTokenVerdict } from './token-outcome'

/** A saved token this close to its expiry is refreshed instead. */
const FRESH_FOR_MS = 60_000

/** The grant a profile runs when none is named. */
export function defaultGrant(profile: ClientProfile): Grant {
  return profile.authMethod === 'none' || profile.redirectUri !== undefined
    ? 'code'
    : 'client-credentials'
}

export async function tokenOnUse(
  request: Omit<TokenRequest, 'grant'>,
  ctx: AppContext,
  hooks: FlowHooks = {},
  interactive = true,
): Promise<TokenResult> {
  const ownGrant = (profile: ClientProfile, why: string) => {
    const grant = defaultGrant(profile)
    if (grant === 'code' && !interactive) {
      throw new WorkbenchError(
        'ERR_OAUTH_SIGN_IN_REQUIRED',
        `${why}, and "${profile.name}" gets a new one through a browser sign-in, which needs a person: run \`jwtw token ${profile.name} --grant code\` in a terminal.`,
      )
    }
    return grant
  }
  const profile = ctx.clients.get(request.profile)
  const name = accessTokenCredential(profile.name)
  const saved = (await ctx.credentials.list()).find((c) => c.name === name)
  const left = saved?.expiresAt ? new Date(saved.expiresAt).getTime() - ctx.now().getTime() : 0
  if (saved && saved.secret === 'present' && left > FRESH_FOR_MS) {
    const accessToken = await ctx.credentials.get(name)
    return {
      profile: profile.name,
      grant: 'saved',
      issuer: profile.issuer,
      authMethod: profile.authMethod,
      tokenType: profile.dpopKey ? 'DPoP' : 'Bearer',
      accessToken,
      refreshToken: (await ctx.clients.refreshToken(profile.name)) === null ? 'none' : 'kept',
      expiresAt: saved.expiresAt!,
      access: await savedAccessTokenVerdict(accessToken, profile, ctx),
      savedAs: name,
    }
  }
  const grant: Grant =
    (await ctx.clients.refreshToken(profile.name)) !== null
      ? 'refresh'
      : ownGrant(profile, 'No saved token is fresh and no refresh token is saved')
  try {
    return await obtainToken({ ...request, grant }, ctx, hooks)
  } catch (error) {
    // A refused refresh token (expired, revoked, reused) is forgotten; the profile's grant runs.
    if (grant === 'refresh' && isInvalidGrant(error)) {
      await ctx.clients.setRefreshToken(profile.name, null)
      ctx.warn(`The saved refresh token of "${profile.name}" was refused; it is forgotten.`)
      const fallback = ownGrant(profile, 'The saved refresh token was refused')
      return obtainToken({ ...request, grant: fallback }, ctx, hooks)
    }
    throw error
  }
}

function isInvalidGrant(error: unknown): boolean {
  return (
    error instanceof WorkbenchError &&
    error.code === 'ERR_OAUTH_SERVER_ERROR' &&
    (error.details as { error?: string } | undefined)?.error === 'invalid_grant'
  )
}
