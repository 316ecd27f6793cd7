/**
 * Client profiles and the edges of the token flows: what a profile may hold (secrets only in
 * the keychain), redirect URIs that are not this machine, and servers that are unreachable,
 * answer HTML, redirect, or send too much. Real keychain, real servers on 127.0.0.1.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listenForRedirect } from '../../../src/main/core/oauth/loopback-redirect'
import { loopbackRedirect } from '../../../src/main/core/oauth/redirect-uri'
import { obtainToken } from '../../../src/main/core/oauth/obtain-token'
import { keyContext, type KeyTestContext } from '../../helpers/key-context'
import { startServer, type TestServer } from '../../helpers/servers'

const SECRET = 'pV4nR8tB2xK6mW9qL3sF7hJ1cZ5dG0yA-profile-secret'
let ctx: KeyTestContext
let server: TestServer

beforeAll(async () => {
  ctx = keyContext('oauth-profiles')
  server = await startServer()
})
afterAll(async () => {
  await server?.close()
  await ctx?.cleanup()
})

const base = (
  name: string,
  issuer = 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
) => ({
  name,
  issuer,
  clientId: '9f3c1a52-7d4e-4b8a-a6c1-2f0e8d7b5c34',
  authMethod: 'client_secret_post' as const,
  scope: 'api://orders-api/.default',
})

describe('client profiles', () => {
  it('keeps the secret in the keychain and only metadata in the settings file', async () => {
    const saved = await ctx.clients.add({ profile: base('entra-orders'), clientSecret: SECRET })
    expect(saved).toMatchObject({ name: 'entra-orders', secret: 'present', refreshToken: false })
    const file = readFileSync(join(ctx.settingsDir, 'config.json'), 'utf8')
    expect(file).toContain('9f3c1a52-7d4e-4b8a-a6c1-2f0e8d7b5c34')
    expect(file).not.toContain(SECRET)
    expect(await ctx.clients.secret('entra-orders')).toBe(SECRET)
  })

  it('refuses a second profile of the same name unless replacing; a new client forgets the refresh token', async () => {
    await expect(ctx.clients.add({ profile: base('entra-orders') })).rejects.toMatchObject({
      code: 'ERR_CLIENT_EXISTS',
    })
    await ctx.clients.setRefreshToken('entra-orders', '0.AXoAv4j5cvGGr0GRqy180BHbR-refresh')
    await ctx.clients.add({ profile: base('entra-orders'), replace: true })
    expect(await ctx.clients.refreshToken('entra-orders')).not.toBeNull()
    await ctx.clients.add({
      profile: { ...base('entra-orders'), clientId: 'another-client' },
      replace: true,
    })
    expect(await ctx.clients.refreshToken('entra-orders')).toBeNull()
  })

  it('removes the keychain entries with the profile', async () => {
    await ctx.clients.remove('entra-orders')
    expect(await ctx.keychain.list()).not.toContain('client/entra-orders/secret')
    await expect(ctx.clients.secret('entra-orders')).rejects.toMatchObject({
      code: 'ERR_CLIENT_NOT_FOUND',
    })
  })

  it.each([
    [
      { ...base('a'), authMethod: 'client_secret_basic' as const },
      undefined,
      'ERR_CLIENT_SECRET_MISSING',
    ],
    [{ ...base('b'), authMethod: 'private_key_jwt' as const }, undefined, 'ERR_INVALID_ARGUMENT'],
    [{ ...base('c'), authMethod: 'none' as const }, SECRET, 'ERR_INVALID_ARGUMENT'],
    [
      { ...base('d'), issuer: 'http://login.example.com/realms/orders' },
      SECRET,
      'ERR_DISCOVERY_INSECURE_URL',
    ],
    [
      { ...base('e'), redirectUri: 'https://app.example.com/callback' },
      SECRET,
      'ERR_OAUTH_REDIRECT_URI',
    ],
    [
      { ...base('f'), redirectUri: 'http://192.168.1.20/callback' },
      SECRET,
      'ERR_OAUTH_REDIRECT_URI',
    ],
  ])('refuses %o', async (profile, clientSecret, code) => {
    await expect(
      ctx.clients.add({ profile, ...(clientSecret ? { clientSecret } : {}) }),
    ).rejects.toMatchObject({ code })
  })
})

describe('the loopback redirect', () => {
  it('accepts 127.0.0.1, [::1] and localhost over http, nothing else', () => {
    expect(loopbackRedirect('http://127.0.0.1/callback').port).toBe('')
    expect(loopbackRedirect('http://[::1]:8400/cb').port).toBe('8400')
    for (const bad of [
      'https://127.0.0.1/cb',
      'http://127.0.0.1/cb?x=1',
      'http://evil.example/cb',
      'custom:/cb',
    ]) {
      expect(() => loopbackRedirect(bad)).toThrow(
        expect.objectContaining({ code: 'ERR_OAUTH_REDIRECT_URI' }),
      )
    }
  })

  it('answers the first request to its path only, then closes', async () => {
    const listener = await listenForRedirect(loopbackRedirect('http://127.0.0.1/callback'), 5000)
    const other = await fetch(new URL('/favicon.ico', listener.redirectUri))
    expect(other.status).toBe(404)
    const answer = await fetch(
      `${listener.redirectUri}?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj`,
    )
    expect(await answer.text()).toContain('Signed in')
    const url = await listener.callback
    expect(url.searchParams.get('code')).toBe('SplxlOBeZQQYbYS6WxSbIA')
    await expect(fetch(listener.redirectUri)).rejects.toThrow()
  })

  it('gives up after its timeout, and on cancel', async () => {
    const slow = await listenForRedirect(loopbackRedirect('http://127.0.0.1/callback'), 50)
    await expect(slow.callback).rejects.toMatchObject({ code: 'ERR_OAUTH_TIMEOUT' })
    const controller = new AbortController()
    const cancelled = await listenForRedirect(
      loopbackRedirect('http://127.0.0.1/callback'),
      5000,
      controller.signal,
    )
    controller.abort()
    await expect(cancelled.callback).rejects.toMatchObject({ code: 'ERR_CANCELLED' })
  })
})

describe('servers that do not answer as an authorization server should', () => {
  const discovery = (issuer: string, tokenPath = '/token') => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${server.url}${tokenPath}`,
      jwks_uri: `${issuer}/jwks`,
    }),
  })
  const run = async (issuer: string) => {
    await ctx.clients.add({
      profile: { ...base('edge', issuer) },
      clientSecret: SECRET,
      replace: true,
    })
    return obtainToken({ profile: 'edge', grant: 'client-credentials' }, ctx).catch(
      (e: unknown) => e,
    )
  }

  it('an unreachable issuer', async () => {
    const closed = await startServer()
    await closed.close()
    expect(await run(`${closed.url}/realms/orders`)).toMatchObject({
      code: 'ERR_OAUTH_CONNECTION_REFUSED',
    })
  })

  it('a token endpoint that answers an HTML page', async () => {
    const issuer = `${server.url}/html`
    server.route('/html/.well-known/openid-configuration', discovery(issuer, '/html-token'))
    server.route('/html-token', {
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>Sign in</html>',
    })
    expect(await run(issuer)).toMatchObject({ code: 'ERR_OAUTH_NOT_JSON' })
  })

  it("an error answer, shown with the server's error_description", async () => {
    const issuer = `${server.url}/err`
    server.route('/err/.well-known/openid-configuration', discovery(issuer, '/err-token'))
    server.route('/err-token', {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: 'invalid_grant',
        error_description: 'AADSTS70000: The provided grant has expired.',
      }),
    })
    const error = await run(issuer)
    expect(error).toMatchObject({
      code: 'ERR_OAUTH_SERVER_ERROR',
      details: { error: 'invalid_grant' },
    })
    expect((error as Error).message).toContain('AADSTS70000: The provided grant has expired.')
  })

  it('a redirect, and an answer over the size cap', async () => {
    const issuer = `${server.url}/moved`
    server.route('/moved/.well-known/openid-configuration', {
      status: 302,
      headers: { location: 'https://elsewhere.example/' },
    })
    expect(await run(issuer)).toMatchObject({ code: 'ERR_OAUTH_REDIRECT_REFUSED' })
    const big = `${server.url}/big`
    server.route('/big/.well-known/openid-configuration', discovery(big, '/big-token'))
    server.route('/big-token', {
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(2 << 20, 0x20),
    })
    expect(await run(big)).toMatchObject({ code: 'ERR_OAUTH_TOO_LARGE' })
  })

  it('an authorization endpoint in clear text on another host never reaches the browser', async () => {
    const issuer = `${server.url}/scheme`
    const metadata = JSON.parse(discovery(issuer).body) as Record<string, string>
    metadata['authorization_endpoint'] = 'http://login.attacker.example/authorize'
    server.route('/scheme/.well-known/openid-configuration', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(metadata),
    })
    await ctx.clients.add({
      profile: { ...base('scheme', issuer) },
      clientSecret: SECRET,
      replace: true,
    })
    const opened: string[] = []
    const error = await obtainToken({ profile: 'scheme', grant: 'code', timeoutSeconds: 5 }, ctx, {
      openBrowser: (url) => void opened.push(url),
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_OAUTH_INSECURE_URL' })
    expect(opened).toEqual([])
  })

  it('a discovery document that names another issuer', async () => {
    const issuer = `${server.url}/mixup`
    server.route('/mixup/.well-known/openid-configuration', discovery('https://attacker.example'))
    expect(await run(issuer)).toMatchObject({ code: 'ERR_OAUTH_RESPONSE_INVALID' })
  })
})
