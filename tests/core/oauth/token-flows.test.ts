/**
 * Every grant and every client authentication method against a real OpenID Provider on
 * 127.0.0.1 (oidc-provider), with keys and secrets in the real Secret Service: the tokens that
 * come back are verified against the provider's published keys and saved as credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import type { Browser } from 'playwright-core'
import type { ClientAuthMethod } from '../../../src/shared/oauth-names'
import { obtainToken } from '../../../src/main/core/oauth/obtain-token'
import { tokenOnUse } from '../../../src/main/core/oauth/token-on-use'
import { createContext } from '../../../src/main/core/context'
import { createFileSettingsStore } from '../../../src/main/core/settings/settings-store'
import type { TokenFlowProgress } from '../../../src/shared/oauth-types'
import { keyContext, type KeyTestContext } from '../../helpers/key-context'
import { launchChromium } from '../../helpers/chromium'
import {
  API_RESOURCE,
  DEVICE_CLIENT_ID,
  confidentialClient,
  publicClient,
  signIn,
  startOpenIdProvider,
  type OpenIdProvider,
} from '../../helpers/openid-provider'

const SECRET = 'wY3vQ9pL2mX7rT5kN8sD4fG6hJ1aZ0cB-orders-backend-secret'
const SCOPE = 'orders:read'
let op: OpenIdProvider
let ctx: KeyTestContext
let browser: Browser

beforeAll(async () => {
  ctx = keyContext('oauth', { now: new Date() })
  await ctx.keys.generate('orders-client-es256', { alg: 'ES256' })
  await ctx.keys.generate('orders-dpop', { alg: 'ES256' })
  const clientJwks = ctx.keys.publishedJwks(['orders-client-es256'])
  const confidential = (id: string, method: ClientAuthMethod, extra: object = {}) =>
    confidentialClient(id, method, method.startsWith('client_secret') ? SECRET : undefined, extra)
  op = await startOpenIdProvider({
    clients: [
      confidential('orders-backend', 'client_secret_basic'),
      confidential('orders-reporting', 'client_secret_post'),
      confidential('orders-batch', 'client_secret_jwt'),
      confidential('orders-workbench', 'private_key_jwt', {
        jwks: clientJwks,
        token_endpoint_auth_signing_alg: 'ES256',
        grant_types: [
          'client_credentials',
          'urn:ietf:params:oauth:grant-type:jwt-bearer',
          'urn:ietf:params:oauth:grant-type:token-exchange',
        ],
      }),
      publicClient('orders-spa', 'openid email profile offline_access orders:read'),
      confidential(DEVICE_CLIENT_ID, 'client_secret_basic', {
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
        scope: 'openid email profile offline_access orders:read',
      }),
    ],
  })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await op?.close()
  await ctx?.cleanup()
})

async function profile(
  name: string,
  clientId: string,
  authMethod:
    'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt' | 'none',
  more: Record<string, unknown> = {},
) {
  await ctx.clients.add({
    profile: {
      name,
      issuer: op.issuer,
      clientId,
      authMethod,
      scope: SCOPE,
      resource: API_RESOURCE,
      ...more,
    },
    ...(authMethod.startsWith('client_secret') ? { clientSecret: SECRET } : {}),
    replace: true,
  })
}

describe('client credentials, with every client authentication method', () => {
  for (const [name, clientId, method, seen] of [
    ['backend', 'orders-backend', 'client_secret_basic', 'basic'],
    ['reporting', 'orders-reporting', 'client_secret_post', 'post'],
    ['batch', 'orders-batch', 'client_secret_jwt', 'assertion'],
  ] as const) {
    it(`${method}: a JWT access token for the API, verified against the provider's keys`, async () => {
      await profile(name, clientId, method)
      const result = await obtainToken({ profile: name, grant: 'client-credentials' }, ctx)
      expect(result.tokenType).toBe('Bearer')
      expect(result.access.kind).toBe('jwt')
      expect(result.access.verification?.valid).toBe(true)
      const claims = decodeJwt(result.accessToken)
      expect(claims).toMatchObject({ iss: op.issuer, aud: API_RESOURCE, client_id: clientId })
      expect(op.tokenRequests.at(-1)).toMatchObject({
        grantType: 'client_credentials',
        clientAuth: seen,
      })
      // Saved as the profile's credential, with its expiry.
      expect(result.savedAs).toBe(name)
      expect(await ctx.credentials.get(name)).toBe(result.accessToken)
      const saved = (await ctx.credentials.list()).find((c) => c.name === name)
      expect(saved?.expiresAt).toBe(new Date((claims.exp as number) * 1000).toISOString())
    })
  }

  it('private_key_jwt: the assertion is signed by the key held in the Secret Service', async () => {
    await profile('workbench', 'orders-workbench', 'private_key_jwt', {
      signingKey: 'orders-client-es256',
    })
    const result = await obtainToken({ profile: 'workbench', grant: 'client-credentials' }, ctx)
    expect(result.access.verification?.valid).toBe(true)
    expect(op.tokenRequests.at(-1)).toMatchObject({ clientAuth: 'assertion' })
  })

  it("a wrong client secret: invalid_client with the server's description", async () => {
    await ctx.clients.add({
      profile: {
        name: 'wrong',
        issuer: op.issuer,
        clientId: 'orders-backend',
        authMethod: 'client_secret_basic',
      },
      clientSecret: 'not-the-secret-of-orders-backend-at-all',
      replace: true,
    })
    await expect(
      obtainToken({ profile: 'wrong', grant: 'client-credentials' }, ctx),
    ).rejects.toMatchObject({
      code: 'ERR_OAUTH_SERVER_ERROR',
      details: { error: 'invalid_client' },
    })
  })
})

describe('authorization code with PKCE in the browser', () => {
  async function codeFlow(name: string, drive: (url: string) => Promise<void>) {
    let url: string | undefined
    const pending = obtainToken({ profile: name, grant: 'code', timeoutSeconds: 30 }, ctx, {
      onProgress: (p: TokenFlowProgress) => {
        if (p.phase === 'browser') url = p.authorizationUrl
      },
    })
    let failed: unknown
    pending.catch((e: unknown) => (failed = e ?? 'failed'))
    while (url === undefined && failed === undefined) await new Promise((r) => setTimeout(r, 20))
    if (url === undefined) return pending
    await drive(url)
    return pending
  }

  it('signs in, validates the ID token (signature by the issuer keys, nonce, aud) and saves a refresh token', async () => {
    await profile('spa', 'orders-spa', 'none', {
      scope: 'openid email profile offline_access orders:read',
      extraParams: { prompt: 'consent' },
    })
    const page = await browser.newPage()
    const result = await codeFlow('spa', (url) => signIn(page, url))
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/)
    expect(await page.textContent('h1')).toBe('Signed in')
    await page.close()
    expect(result.idToken).toBeDefined()
    expect(result.id?.verification?.checks.filter((c) => !c.ok)).toEqual([])
    expect(decodeJwt(result.idToken!)).toMatchObject({
      email: 'maria.fernandez@orders.example.test',
      aud: 'orders-spa',
    })
    expect(result.refreshToken).toBe('saved')
    expect(await ctx.clients.refreshToken('spa')).toMatch(/\S{20,}/)
  })

  it('a saved token near its expiry is refreshed on use; a fresh one is used as it is', async () => {
    const fresh = await tokenOnUse({ profile: 'spa' }, ctx)
    expect(fresh.grant).toBe('saved')
    const expiresAt = Date.parse(fresh.expiresAt!)
    const later = createContext({
      keychain: ctx.keychain,
      settings: createFileSettingsStore(ctx.settingsDir),
      now: () => new Date(expiresAt - 30_000),
      warn: () => undefined,
    })
    const refreshed = await tokenOnUse({ profile: 'spa' }, later)
    expect(refreshed).toMatchObject({ grant: 'refresh', refreshToken: 'rotated' })
    expect(await ctx.credentials.get('spa')).toBe(refreshed.accessToken)
  })

  it('refresh rotates the refresh token: the new one replaces the old', async () => {
    const before = await ctx.clients.refreshToken('spa')
    const result = await obtainToken({ profile: 'spa', grant: 'refresh' }, ctx)
    expect(result.refreshToken).toBe('rotated')
    const after = await ctx.clients.refreshToken('spa')
    expect(after).not.toBe(before)
    // The old one is spent.
    await ctx.clients.setRefreshToken('spa', before)
    await expect(obtainToken({ profile: 'spa', grant: 'refresh' }, ctx)).rejects.toMatchObject({
      code: 'ERR_OAUTH_SERVER_ERROR',
      details: { error: 'invalid_grant' },
    })
    // Reuse detection revoked the whole grant (RFC 9700 §4.14.2): the rotated one is dead too.
    await ctx.clients.setRefreshToken('spa', after)
    await expect(obtainToken({ profile: 'spa', grant: 'refresh' }, ctx)).rejects.toMatchObject({
      details: { error: 'invalid_grant' },
    })
  })

  it('a tampered authorization request: a swapped PKCE challenge or nonce is refused', async () => {
    const tampered = (param: string, value: string) => async (url: string) => {
      const changed = new URL(url)
      changed.searchParams.set(param, value)
      const page = await browser.newPage()
      await signIn(page, changed.href)
      await page.close()
    }
    // The code was issued for another challenge: the server refuses our verifier.
    const pkce = await codeFlow(
      'spa',
      tampered('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'),
    ).catch((e: unknown) => e)
    expect(pkce).toMatchObject({
      code: 'ERR_OAUTH_SERVER_ERROR',
      details: { error: 'invalid_grant' },
    })
    // The ID token carries another nonce: it is refused and nothing is saved.
    const saved = await ctx.credentials.get('spa')
    const nonce = await codeFlow(
      'spa',
      tampered('nonce', 'n-0S6_WzA2Mj-from-another-request'),
    ).catch((e: unknown) => e)
    expect(nonce).toMatchObject({ code: 'ERR_OAUTH_ID_TOKEN_INVALID' })
    expect(await ctx.credentials.get('spa')).toBe(saved)
  })

  it('an answer with another state is refused and nothing is exchanged', async () => {
    const before = op.tokenRequests.length
    const error = await codeFlow('spa', async (url) => {
      const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!)
      redirect.searchParams.set('code', 'stolen-code-from-another-session')
      redirect.searchParams.set('state', 'a-state-this-sign-in-never-sent')
      redirect.searchParams.set('iss', op.issuer)
      await fetch(redirect)
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_OAUTH_STATE_MISMATCH' })
    expect(op.tokenRequests.length).toBe(before)
  })
})

describe('device authorization', () => {
  it('shows the code, polls, slows down when told, and gets the tokens', async () => {
    await profile('tv', DEVICE_CLIENT_ID, 'client_secret_basic', {
      scope: 'openid email offline_access orders:read',
    })
    op.slowDownOnce()
    let device: Extract<TokenFlowProgress, { phase: 'device' }> | undefined
    const pending = obtainToken({ profile: 'tv', grant: 'device' }, ctx, {
      onProgress: (p) => {
        if (p.phase === 'device') device = p
      },
    })
    while (device === undefined) await new Promise((r) => setTimeout(r, 20))
    expect(device.userCode).toMatch(/\S{4,}/)
    const page = await browser.newPage()
    await page.goto(device.verificationUriComplete!)
    await page.click('button[autofocus]')
    await signIn(page)
    await page.close()
    const result = await pending
    expect(result.id?.verification?.checks.filter((c) => !c.ok)).toEqual([])
    expect(op.tokenRequests.map((r) => r.grantType)).toContain('device_code (slow_down)')
  }, 40_000)
})

describe('token exchange and the JWT bearer grant', () => {
  it('exchanges an access token for another', async () => {
    await profile('workbench', 'orders-workbench', 'private_key_jwt', {
      signingKey: 'orders-client-es256',
    })
    const first = await obtainToken({ profile: 'backend', grant: 'client-credentials' }, ctx)
    const result = await obtainToken(
      { profile: 'workbench', grant: 'exchange', subjectToken: first.accessToken },
      ctx,
    )
    expect(result.access.kind).toBe('opaque')
    expect(op.tokenRequests.at(-1)?.grantType).toBe(
      'urn:ietf:params:oauth:grant-type:token-exchange',
    )
  })

  it('signs an RFC 7523 assertion with the stored key', async () => {
    const result = await obtainToken(
      { profile: 'workbench', grant: 'jwt-bearer', subject: 'maria.fernandez' },
      ctx,
    )
    expect(result.accessToken).toMatch(/\S{20,}/)
    expect(op.tokenRequests.at(-1)?.grantType).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer')
  })
})
