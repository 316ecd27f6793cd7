/**
 * A real OpenID Provider on 127.0.0.1 for the token-flow tests: oidc-provider (OpenID Certified),
 * configured here with the grants and client authentication methods the workbench speaks,
 * JWT access tokens for an API resource, DPoP (optionally demanding server nonces), PAR, device
 * flow, introspection and refresh-token rotation. Token exchange (RFC 8693) and the JWT bearer
 * grant (RFC 7523) are registered as the test's own grant handlers, as a deployment would.
 * Its login and consent pages (devInteractions) are driven with Chromium by `signIn`.
 */
import type { AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:http'
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWK,
} from 'jose'
import Provider, {
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider'
import type { Page } from 'playwright-core'

export const API_RESOURCE = 'https://api.orders.example.test/v2'
/** The device-flow client (client_secret_basic, so slow_down can be aimed at it). */
export const DEVICE_CLIENT_ID = 'orders-living-room-tv'

export interface OpenIdProvider {
  issuer: string
  provider: Provider
  /** Requests to the token endpoint, by grant_type, in order. */
  tokenRequests: Array<{ grantType: string; dpop: boolean; clientAuth: string }>
  /** Answer the next device-code polls with slow_down (once each). */
  slowDownOnce(): void
  close(): Promise<void>
}

export interface ProviderOptions {
  clients: ClientMetadata[]
  /** DPoP proofs must carry a server nonce (RFC 9449 §8). */
  requireDpopNonce?: boolean
  /** Every authorization request must be pushed (RFC 9126). */
  requirePar?: boolean
}

/** A native public client (PKCE, a loopback redirect on any port, refresh tokens). */
export function publicClient(clientId: string, scope: string): ClientMetadata {
  return {
    client_id: clientId,
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback'],
    scope,
  }
}

/** A confidential client (client credentials unless `extra` says otherwise). */
export function confidentialClient(
  clientId: string,
  method: NonNullable<ClientMetadata['token_endpoint_auth_method']>,
  secret: string | undefined,
  extra: Partial<ClientMetadata> = {},
): ClientMetadata {
  return {
    client_id: clientId,
    token_endpoint_auth_method: method,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: 'orders:read orders:write',
    ...(secret === undefined ? {} : { client_secret: secret }),
    ...extra,
  }
}

/** A person at the provider: a realistic claim set. */
const ACCOUNT_CLAIMS = {
  email: 'maria.fernandez@orders.example.test',
  email_verified: true,
  name: 'María Fernández',
  given_name: 'María',
  family_name: 'Fernández',
  locale: 'es-ES',
}

export async function startOpenIdProvider(options: ProviderOptions): Promise<OpenIdProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/orders`
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const signing = await exportJWK(privateKey)
  signing.kid = await calculateJwkThumbprint(signing)
  signing.alg = 'RS256'
  signing.use = 'sig'

  const configuration: Configuration = {
    clients: options.clients,
    jwks: { keys: [signing as never] },
    cookies: { keys: ['a-test-cookie-key-that-is-long-enough'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, ...ACCOUNT_CLAIMS }),
    }),
    scopes: ['openid', 'offline_access', 'email', 'profile', 'orders:read', 'orders:write'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'locale'],
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      pushedAuthorizationRequests: {
        enabled: true,
        requirePushedAuthorizationRequests: options.requirePar === true,
      },
      dPoP: {
        enabled: true,
        ...(options.requireDpopNonce
          ? { nonceSecret: Buffer.alloc(32, 7), requireNonce: () => true }
          : {}),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'orders:read orders:write',
          audience: API_RESOURCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 600,
        }),
      },
    },
    pkce: { required: () => true },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    loadExistingGrant: async (ctx) => {
      // Consent is asked once per session (the first sign-in shows the consent page).
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId)
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined
    },
    clientAuthMethods: [
      'client_secret_basic',
      'client_secret_post',
      'client_secret_jwt',
      'private_key_jwt',
      'none',
    ],
    ttl: {
      AccessToken: 600,
      IdToken: 600,
      RefreshToken: 86400,
      DeviceCode: 120,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  }
  const provider = new Provider(issuer, configuration)
  provider.on('server_error', (_ctx: unknown, error: Error) =>
    console.error('OP server_error:', error),
  )
  const tokenRequests: OpenIdProvider['tokenRequests'] = []
  let slowDowns = 0
  provider.use(async (ctx, next) => {
    const token = ctx.path.endsWith('/token') && ctx.method === 'POST'
    // slow_down (RFC 8628 §3.5) for the device client, told apart by its Basic credentials.
    if (token && slowDowns > 0 && basicClientId(ctx.get('authorization')) === DEVICE_CLIENT_ID) {
      slowDowns--
      tokenRequests.push({ grantType: 'device_code (slow_down)', dpop: false, clientAuth: 'basic' })
      ctx.status = 400
      ctx.body = { error: 'slow_down', error_description: 'polling too fast' }
      return
    }
    await next()
    if (token) {
      const params = (ctx.oidc?.params ?? {}) as Record<string, unknown>
      tokenRequests.push({
        grantType: String(params['grant_type'] ?? ''),
        dpop: ctx.get('dpop') !== '',
        clientAuth: ctx.get('authorization')
          ? 'basic'
          : params['client_assertion']
            ? 'assertion'
            : params['client_secret']
              ? 'post'
              : 'none',
      })
    }
    // Devices poll every second here instead of the default five.
    if (ctx.path.endsWith('/device/auth') && ctx.status === 200) {
      ctx.body = { ...(ctx.body as object), interval: 1 }
    }
  })
  const publicJwk = { ...(await exportJWK(publicKey)), kid: signing.kid, alg: 'RS256' }
  registerTestGrants(provider, createLocalJWKSet({ keys: [publicJwk] }))
  // Mounted under the issuer's path, as Keycloak's realms are (oidc-provider reads originalUrl).
  const mount = new URL(issuer).pathname
  const callback = provider.callback()
  server.on('request', (req, res) => {
    if (!req.url?.startsWith(mount)) {
      res.statusCode = 404
      res.end()
      return
    }
    Object.assign(req, { originalUrl: req.url })
    req.url = req.url.slice(mount.length) || '/'
    void callback(req, res)
  })
  return {
    issuer,
    provider,
    tokenRequests,
    slowDownOnce: () => void slowDowns++,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The client id of a Basic authorization header. */
function basicClientId(header: string): string | undefined {
  if (!header.startsWith('Basic ')) return undefined
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8')
  return decodeURIComponent(decoded.slice(0, decoded.indexOf(':')))
}

/** Token exchange and the JWT bearer grant, as the test's own grant handlers. */
function registerTestGrants(
  provider: Provider,
  ownKeys: ReturnType<typeof createLocalJWKSet>,
): void {
  const issueFor = async (
    ctx: KoaContextWithOIDC,
    accountId: string | undefined,
    scope: string,
  ) => {
    const { ClientCredentials } = ctx.oidc.provider
    const client = ctx.oidc.client!
    const token = new ClientCredentials({ client, scope })
    if (accountId) token.extra = { act: { sub: client.clientId }, sub: accountId }
    const value = await token.save()
    return { access_token: value, token_type: 'Bearer', expires_in: 600, scope }
  }
  provider.registerGrantType(
    'urn:ietf:params:oauth:grant-type:token-exchange',
    async (ctx: KoaContextWithOIDC) => {
      const params = ctx.oidc.params as Record<string, string>
      const { subject_token: subject = '', subject_token_type: type } = params
      if (type !== 'urn:ietf:params:oauth:token-type:access_token') {
        ctx.status = 400
        ctx.body = { error: 'invalid_request', error_description: 'unsupported subject_token_type' }
        return
      }
      const found = await ctx.oidc.provider.AccessToken.find(subject).catch(() => undefined)
      let accountId = found?.accountId as string | undefined
      if (!found) {
        // A JWT access token of this provider.
        try {
          accountId = (await jwtVerify(subject, ownKeys)).payload.sub
        } catch {
          accountId = undefined
        }
      }
      if (!accountId) {
        ctx.status = 400
        ctx.body = {
          error: 'invalid_grant',
          error_description: 'subject_token is not a token of this provider',
        }
        return
      }
      ctx.body = {
        ...(await issueFor(ctx, accountId, 'orders:read')),
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      }
    },
    [
      'subject_token',
      'subject_token_type',
      'audience',
      'resource',
      'scope',
      'requested_token_type',
    ],
  )
  provider.registerGrantType(
    'urn:ietf:params:oauth:grant-type:jwt-bearer',
    async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client!
      const assertion = String((ctx.oidc.params as Record<string, unknown>)['assertion'])
      try {
        const keys = createLocalJWKSet({ keys: (client.jwks?.keys ?? []) as JWK[] })
        const { payload } = await jwtVerify(assertion, keys, {
          issuer: client.clientId,
          audience: ctx.oidc.issuer,
          maxTokenAge: '10m',
        })
        ctx.body = await issueFor(ctx, payload.sub, 'orders:read')
      } catch (error) {
        ctx.status = 400
        ctx.body = {
          error: 'invalid_grant',
          error_description: `assertion refused: ${(error as Error).message}`,
        }
      }
    },
    ['assertion', 'scope'],
  )
}

/** Signs in at the provider's login page (opened at `url`, or already open) and consents. */
export async function signIn(page: Page, url?: string, login = 'maria.fernandez'): Promise<void> {
  if (url !== undefined) await page.goto(url)
  await page.fill('input[name="login"]', login)
  await page.fill('input[name="password"]', 'correct horse battery staple')
  await page.click('button[type="submit"]')
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i })
  await page.waitForLoadState()
  if (await consent.count().then((n) => n > 0)) await consent.first().click()
  await page.waitForLoadState()
}
