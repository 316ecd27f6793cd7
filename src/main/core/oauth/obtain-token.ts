/**
 * Gets a token through a client profile, by any grant: authorization code with PKCE S256 over a
 * loopback redirect in the system browser (pushed when the server requires it or the profile
 * asks), client credentials, device authorization (polling at the server's interval, slowing
 * down when told), refresh (rotation-aware), token exchange and the JWT bearer grant. Tokens
 * are DPoP-bound when the profile names a DPoP key (server nonces answered once). The flows run
 * here, in main; the renderer only sees their progress and result.
 */
import { randomUUID } from 'node:crypto'
import * as client from 'openid-client'
import { WorkbenchError } from '../../../shared/errors'
import type { ClientProfile, TokenRequest } from '../../../shared/oauth-schemas'
import { GRANT_TYPES, TOKEN_TYPE_IDS, type Grant } from '../../../shared/oauth-names'
import type { TokenFlowProgress, TokenResult } from '../../../shared/oauth-types'
import type { AppContext } from '../context'
import { checkRemoteUrl } from '../jwks/remote-url'
import { signCompact } from '../mint/jws-sign'
import { clientConfig } from './client-config'
import { dpopKeyPair } from './client-keys'
import { listenForRedirect } from './loopback-redirect'
import { DEFAULT_REDIRECT_URI, loopbackRedirect } from './redirect-uri'
import { oauthError } from './oauth-errors'
import { accessTokenVerdict, idTokenVerdict, saveTokens } from './token-outcome'

export interface FlowHooks {
  signal?: AbortSignal
  onProgress?: (progress: TokenFlowProgress) => void
  /** Opens the authorization URL in the system browser (never an embedded view). */
  openBrowser?: (url: string) => void | Promise<void>
}

const DEFAULT_WAIT_SECONDS = 300
/** A JWT bearer assertion lives this long (RFC 7523 §3: short). */
const ASSERTION_SECONDS = 300

export async function obtainToken(
  request: TokenRequest,
  ctx: AppContext,
  hooks: FlowHooks = {},
): Promise<TokenResult> {
  const profile = ctx.clients.get(request.profile)
  hooks.onProgress?.({ phase: 'starting' })
  const config = await clientConfig(profile, ctx, ctx.clients)
  const dpop = profile.dpopKey ? await dpopKeyPair(ctx.keys, profile.dpopKey) : undefined
  const DPoP = dpop ? client.getDPoPHandle(config, dpop.pair) : undefined
  const options = DPoP ? { DPoP } : {}
  const params = requestParams(profile, request)
  const timeoutMs = (request.timeoutSeconds ?? DEFAULT_WAIT_SECONDS) * 1000
  const where = 'The token endpoint'

  let response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers
  let nonce: string | undefined
  let previousRefresh: string | null = null
  try {
    switch (request.grant) {
      case 'code': {
        const redirect = loopbackRedirect(profile.redirectUri ?? DEFAULT_REDIRECT_URI)
        const listener = await listenForRedirect(redirect, timeoutMs, hooks.signal)
        try {
          const verifier = client.randomPKCECodeVerifier()
          const state = client.randomState()
          const wantsId = (params['scope'] ?? '').split(' ').includes('openid')
          nonce = wantsId ? client.randomNonce() : undefined
          const authParams: Record<string, string> = {
            ...params,
            redirect_uri: listener.redirectUri,
            response_type: 'code',
            code_challenge: await client.calculatePKCECodeChallenge(verifier),
            code_challenge_method: 'S256',
            state,
            ...(nonce ? { nonce } : {}),
          }
          const push =
            profile.par === true ||
            config.serverMetadata().require_pushed_authorization_requests === true
          const url = push
            ? await client.buildAuthorizationUrlWithPAR(config, authParams, options)
            : client.buildAuthorizationUrl(config, authParams)
          // It goes to a browser: https (or http to this machine), whatever the metadata said.
          checkRemoteUrl(url.href, 'OAUTH')
          hooks.onProgress?.({
            phase: 'browser',
            authorizationUrl: url.href,
            redirectUri: listener.redirectUri,
            expiresAt: new Date(Date.now() + timeoutMs).toISOString(),
          })
          await hooks.openBrowser?.(url.href)
          const answer = await listener.callback
          hooks.onProgress?.({ phase: 'exchanging' })
          response = await client.authorizationCodeGrant(
            config,
            answer,
            {
              pkceCodeVerifier: verifier,
              expectedState: state,
              ...(nonce ? { expectedNonce: nonce } : { idTokenExpected: false }),
            },
            undefined,
            options,
          )
        } finally {
          listener.close()
        }
        break
      }
      case 'client-credentials':
        response = await client.clientCredentialsGrant(config, params, options)
        break
      case 'device': {
        const device = await client.initiateDeviceAuthorization(config, params)
        for (const shown of [device.verification_uri, device.verification_uri_complete]) {
          if (shown !== undefined) checkRemoteUrl(shown, 'OAUTH')
        }
        hooks.onProgress?.({
          phase: 'device',
          userCode: device.user_code,
          verificationUri: device.verification_uri,
          ...(device.verification_uri_complete
            ? { verificationUriComplete: device.verification_uri_complete }
            : {}),
          expiresAt: new Date(Date.now() + device.expires_in * 1000).toISOString(),
          intervalSeconds: device.interval ?? 5,
        })
        response = await client.pollDeviceAuthorizationGrant(config, device, undefined, {
          ...options,
          ...(hooks.signal ? { signal: hooks.signal } : {}),
        })
        break
      }
      case 'refresh': {
        previousRefresh = await ctx.clients.refreshToken(profile.name)
        if (previousRefresh === null) {
          throw new WorkbenchError(
            'ERR_OAUTH_NO_REFRESH_TOKEN',
            `No refresh token is saved for "${profile.name}": run the code or device grant first (ask for offline_access if the provider wants it).`,
          )
        }
        response = await client.refreshTokenGrant(config, previousRefresh, params, options)
        break
      }
      case 'exchange': {
        if (request.subjectToken === undefined) {
          throw new WorkbenchError(
            'ERR_INVALID_ARGUMENT',
            'Token exchange needs the subject token (--subject-token-file FILE).',
          )
        }
        response = await client.genericGrantRequest(
          config,
          GRANT_TYPES.exchange,
          {
            ...params,
            subject_token: request.subjectToken,
            subject_token_type: TOKEN_TYPE_IDS[request.subjectTokenType ?? 'access_token'],
          },
          options,
        )
        break
      }
      case 'jwt-bearer': {
        const assertion =
          request.assertion ?? (await bearerAssertion(profile, request, config, ctx))
        response = await client.genericGrantRequest(
          config,
          GRANT_TYPES['jwt-bearer'],
          { ...params, assertion },
          options,
        )
        break
      }
    }
  } catch (error) {
    if (hooks.signal?.aborted) throw new WorkbenchError('ERR_CANCELLED', 'The flow was cancelled.')
    throw error instanceof WorkbenchError ? error : oauthError(error, where)
  }

  return finish(response, request.grant, profile, config, ctx, {
    nonce,
    previousRefresh,
    jkt: dpop?.jkt,
    save: request.save !== false,
  })
}

/** The parameters every request of the profile carries: scope, audience, resource, extras. */
function requestParams(profile: ClientProfile, request: TokenRequest): Record<string, string> {
  const params: Record<string, string> = { ...profile.extraParams }
  const scope = request.scope ?? profile.scope
  const audience = request.audience ?? profile.audience
  const resource = request.resource ?? profile.resource
  if (scope) params['scope'] = scope
  if (audience) params['audience'] = audience
  if (resource) params['resource'] = resource
  return params
}

/** RFC 7523 §2.1: an assertion about `subject`, issued by the client, signed by its key. */
async function bearerAssertion(
  profile: ClientProfile,
  request: TokenRequest,
  config: client.Configuration,
  ctx: AppContext,
): Promise<string> {
  if (profile.signingKey === undefined || request.subject === undefined) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      'The JWT bearer grant needs an assertion: --assertion-file FILE, or --subject SUB with a profile whose --signing-key signs one.',
    )
  }
  const key = await ctx.keys.signingKey(profile.signingKey)
  const now = Math.floor(ctx.now().getTime() / 1000)
  const header = { alg: key.alg, typ: 'JWT', kid: key.kid }
  const claims = {
    iss: profile.clientId,
    sub: request.subject,
    aud: config.serverMetadata().issuer,
    iat: now,
    exp: now + ASSERTION_SECONDS,
    jti: randomUUID(),
  }
  const bytes = (o: object) => new TextEncoder().encode(JSON.stringify(o))
  return signCompact(bytes(header), bytes(claims), key.alg, key.key)
}

async function finish(
  response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  grant: Grant,
  profile: ClientProfile,
  config: client.Configuration,
  ctx: AppContext,
  state: {
    nonce?: string | undefined
    previousRefresh: string | null
    jkt?: string | undefined
    save: boolean
  },
): Promise<TokenResult> {
  const accessToken = response.access_token
  const expiresIn = response.expiresIn()
  const result: TokenResult = {
    profile: profile.name,
    grant,
    issuer: config.serverMetadata().issuer,
    authMethod: profile.authMethod,
    tokenType: canonicalTokenType(response.token_type),
    accessToken,
    refreshToken: 'none',
    access: await accessTokenVerdict(accessToken, profile, config, ctx),
    ...(response.id_token ? { idToken: response.id_token } : {}),
    ...(expiresIn !== undefined
      ? { expiresAt: new Date(ctx.now().getTime() + expiresIn * 1000).toISOString() }
      : {}),
    ...(response.scope ? { scope: response.scope } : {}),
    ...(profile.dpopKey && state.jkt ? { dpop: { key: profile.dpopKey, jkt: state.jkt } } : {}),
  }
  if (response.id_token) {
    result.id = await idTokenVerdict(response.id_token, accessToken, profile, state.nonce, ctx)
  }
  if (response.refresh_token) {
    // One keychain write: the rotated token replaces the old one, or nothing changes.
    await ctx.clients.setRefreshToken(profile.name, response.refresh_token)
    result.refreshToken =
      state.previousRefresh === null
        ? 'saved'
        : state.previousRefresh === response.refresh_token
          ? 'kept'
          : 'rotated'
  } else if (state.previousRefresh !== null) {
    result.refreshToken = 'kept'
  }
  const trusted = result.id?.verification?.valid !== false
  if (state.save && trusted) result.savedAs = await saveTokens(result, profile, grant, ctx)
  return result
}

/** openid-client lower-cases token_type; show it as RFC 6750 / RFC 9449 spell it. */
function canonicalTokenType(type: string): string {
  return type === 'bearer' ? 'Bearer' : type === 'dpop' ? 'DPoP' : type
}
