/**
 * Custom token endpoints against real servers on 127.0.0.1: a SpacetimeDB-style identity token
 * read from the headers of a 400 answer, and a JWT minted from a JSESSIONID session cookie held
 * in the keychain; both saved for their host with their expiry. The cookie is never echoed.
 */
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runRecipe, saveRecipe } from '../../../src/main/core/oauth/token-recipes'
import { keyContext, type KeyTestContext } from '../../helpers/key-context'
import { startServer, type TestServer } from '../../helpers/servers'

const SESSION = 'JSESSIONID=8F3A1C9D2E7B4F6A0C5D8E1F2A3B4C5D; Path=/; HttpOnly'
let ctx: KeyTestContext
let server: TestServer
let identityToken: string
let sessionToken: string

beforeAll(async () => {
  ctx = keyContext('oauth-recipes', { now: new Date() })
  server = await startServer()
  const key = new TextEncoder().encode('a-server-side-signing-secret-of-32-bytes!')
  const now = Math.floor(Date.now() / 1000)
  identityToken = await new SignJWT({
    hex_identity: 'c2006f2b7a2c3e8b9d4f1a6e5c7b8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8',
    sub: 'c2006f2b-7a2c-3e8b-9d4f-1a6e5c7b8d9e',
    iss: 'localhost',
    aud: ['spacetimedb'],
    iat: now,
    // SpacetimeDB identity tokens never expire: exp is null.
    ...({ exp: null } as object),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(key)
  sessionToken = await new SignJWT({ sub: 'maria.fernandez', roles: ['orders:admin'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('https://orders.example.com')
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(key)
  server.route('/v1/identity', {
    status: 400,
    headers: {
      'spacetime-identity': 'c2006f2b7a2c3e8b9d4f1a6e5c7b8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8',
      'spacetime-identity-token': identityToken,
      'content-type': 'text/plain',
    },
    body: 'Invalid request: no module name',
  })
  server.route('/api/token', (req) =>
    req.method === 'POST' && req.headers.cookie === SESSION.split(';')[0]
      ? {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ data: { access_token: sessionToken }, token_type: 'Bearer' }),
        }
      : { status: 401, body: 'login required' },
  )
})

afterAll(async () => {
  await server?.close()
  await ctx?.cleanup()
})

describe('custom token endpoints', () => {
  it("reads SpacetimeDB's identity token from the headers of its 400 answer and saves it for the host", async () => {
    await saveRecipe(ctx, {
      name: 'spacetime-local',
      method: 'POST',
      url: `${server.url}/v1/identity`,
      tokenFrom: { header: 'spacetime-identity-token' },
      acceptStatus: [400],
    })
    const result = await runRecipe({ recipe: 'spacetime-local' }, ctx)
    expect(result).toMatchObject({
      status: 400,
      kind: 'jwt',
      token: identityToken,
      savedAs: 'spacetime-local',
    })
    expect(result.expiresAt).toBeUndefined()
    expect(await ctx.credentials.getByHost(new URL(server.url).host)).toBe(identityToken)
  })

  it('a 400 is an error unless the recipe accepts it', async () => {
    await saveRecipe(ctx, {
      name: 'spacetime-strict',
      method: 'POST',
      url: `${server.url}/v1/identity`,
      tokenFrom: { header: 'spacetime-identity-token' },
    })
    await expect(runRecipe({ recipe: 'spacetime-strict' }, ctx)).rejects.toMatchObject({
      code: 'ERR_OAUTH_HTTP_STATUS',
    })
  })

  it('mints a JWT from a session cookie held in the keychain; the expiry comes from its exp', async () => {
    await ctx.credentials.set({
      name: 'orders-jsessionid',
      value: SESSION.split(';')[0]!,
      host: 'orders.example.com',
    })
    await saveRecipe(ctx, {
      name: 'orders-session',
      method: 'POST',
      url: `${server.url}/api/token`,
      cookieCredential: 'orders-jsessionid',
      tokenFrom: { json: 'data.access_token' },
    })
    const result = await runRecipe({ recipe: 'orders-session' }, ctx)
    expect(result.token).toBe(sessionToken)
    expect(Date.parse(result.expiresAt!)).toBeGreaterThan(Date.now() + 14 * 60_000)
    const saved = (await ctx.credentials.list()).find((c) => c.name === 'orders-session')
    expect(saved).toMatchObject({
      kind: 'token',
      state: 'expiring',
      host: new URL(server.url).host,
    })
  })

  it('a refused cookie is named as such, and the cookie never appears in the message', async () => {
    const error = (await runRecipe(
      { recipe: 'orders-session', cookie: 'JSESSIONID=EXPIRED0000000000000000000000000' },
      ctx,
    ).catch((e: unknown) => e)) as Error & { code: string }
    expect(error.code).toBe('ERR_OAUTH_HTTP_STATUS')
    expect(error.message).toMatch(/401.*cookie or credential was refused/)
    expect(error.message).not.toContain('EXPIRED')
  })

  it('a recipe never holds a Cookie or Authorization header', async () => {
    await expect(
      saveRecipe(ctx, {
        name: 'leaky',
        method: 'POST',
        url: `${server.url}/api/token`,
        headers: { Cookie: SESSION },
        tokenFrom: { text: true },
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' })
  })
})
