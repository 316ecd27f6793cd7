/**
 * jwtw clients, token and dpop in-process against a real OpenID Provider on 127.0.0.1: the
 * client secret typed at a no-echo prompt (never argv), a client-credentials token printed as
 * a header, the code flow with its URL on stderr driven in Chromium, Ctrl+C closing the
 * listener, a saved token used while fresh, and a DPoP proof for curl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { Browser } from 'playwright-core'
import { cliEnv, jwtw, removeHome, startJwtw } from '../helpers/cli'
import { launchChromium } from '../helpers/chromium'
import { startServer } from '../helpers/servers'
import {
  API_RESOURCE,
  confidentialClient,
  publicClient,
  signIn,
  startOpenIdProvider,
  type OpenIdProvider,
} from '../helpers/openid-provider'

const SECRET = 'Qm7vX2cN9bT4kR8wE1yU6iO3pA5sD0fG-orders-cli-secret'
const { env, home } = cliEnv('cli-oauth')
let op: OpenIdProvider
let browser: Browser

beforeAll(async () => {
  op = await startOpenIdProvider({
    clients: [
      confidentialClient('orders-cli-backend', 'client_secret_post', SECRET, {
        scope: 'orders:read',
      }),
      publicClient('orders-cli', 'openid email profile offline_access orders:read'),
    ],
  })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await op?.close()
  await jwtw(['clients', 'remove', 'backend'], { env }).catch(() => {})
  await jwtw(['clients', 'remove', 'desktop'], { env }).catch(() => {})
  await jwtw(['keys', 'delete', 'orders-dpop', '--yes'], { env }).catch(() => {})
  await jwtw(['creds', 'delete', 'backend'], { env }).catch(() => {})
  await jwtw(['creds', 'delete', 'desktop'], { env }).catch(() => {})
  await jwtw(['creds', 'delete', 'desktop (id_token)'], { env }).catch(() => {})
  removeHome(home)
})

describe('jwtw clients', () => {
  it('adds a profile with the secret typed at a no-echo prompt, and lists it without the secret', async () => {
    const added = await jwtw(
      [
        'clients',
        'add',
        'backend',
        '--issuer',
        op.issuer,
        '--client-id',
        'orders-cli-backend',
        '--auth',
        'client_secret_post',
        '--scope',
        'orders:read',
        '--resource',
        API_RESOURCE,
      ],
      { env, input: `${SECRET}\r`, terminal: true },
    )
    expect(added).toMatchObject({ code: 0 })
    expect(added.stdout).toContain(
      'saved client profile backend (client_secret_post, secret in the keychain)',
    )
    expect(added.stderr).not.toContain(SECRET)
    const listed = await jwtw(['clients', 'list', '--json'], { env })
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name: 'backend', secret: 'present', refreshToken: false },
    ])
    expect(listed.stdout).not.toContain(SECRET)
  })

  it('refuses a redirect URI that is not this machine, with its code', async () => {
    const refused = await jwtw(
      [
        'clients',
        'add',
        'web',
        '--issuer',
        op.issuer,
        '--client-id',
        'orders-cli',
        '--redirect-uri',
        'https://orders.example.com/callback',
      ],
      { env },
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/ERR_OAUTH_REDIRECT_URI/)
  })

  it('show names an unknown profile as such', async () => {
    const shown = await jwtw(['clients', 'show', 'nope'], { env })
    expect(shown.code).toBe(1)
    expect(shown.stderr).toMatch(/ERR_CLIENT_NOT_FOUND/)
  })
})

describe('jwtw token', () => {
  it('client credentials: --print header gives a header curl can use, verified and saved', async () => {
    const got = await jwtw(
      ['token', 'backend', '--grant', 'client-credentials', '--print', 'header'],
      { env },
    )
    expect(got).toMatchObject({ code: 0 })
    const header = got.stdout.trim()
    expect(header).toMatch(/^Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    expect(decodeJwt(header.split(' ')[2]!)).toMatchObject({
      client_id: 'orders-cli-backend',
      aud: API_RESOURCE,
    })
    const again = await jwtw(['token', 'backend'], { env })
    expect(again.stdout).toContain('saved token (still fresh)')
    expect(again.stdout).toContain("verified against the issuer's keys")
    expect(op.tokenRequests.filter((r) => r.grantType === 'client_credentials').length).toBe(1)
  })

  it('the code flow: the URL on stderr, the browser signs in, the ID token verified; --json', async () => {
    expect(
      (
        await jwtw(
          [
            'clients',
            'add',
            'desktop',
            '--issuer',
            op.issuer,
            '--client-id',
            'orders-cli',
            '--scope',
            'openid email offline_access orders:read',
          ],
          { env },
        )
      ).code,
    ).toBe(0)
    const running = startJwtw(['token', 'desktop', '--grant', 'code', '--no-browser', '--json'], {
      env,
    })
    const stderr = await running.waitFor(/https?:\/\/\S+\/auth\?\S+/, 10_000, 'stderr')
    const url = /(https?:\/\/\S+\/auth\?\S+)/.exec(stderr)![1]!
    const page = await browser.newPage()
    await signIn(page, url)
    await page.close()
    const done = await running.done
    expect(done.code).toBe(0)
    const result = JSON.parse(done.stdout)
    expect(result).toMatchObject({
      profile: 'desktop',
      grant: 'code',
      refreshToken: 'saved',
      savedAs: 'desktop',
    })
    expect(result.id.verification.valid).toBe(true)
  })

  it('Ctrl+C closes the waiting listener', async () => {
    const running = startJwtw(['token', 'desktop', '--grant', 'code', '--no-browser'], { env })
    const stderr = await running.waitFor(/Waiting for the answer on (\S+)/, 10_000, 'stderr')
    const redirect = /Waiting for the answer on (\S+)/.exec(stderr)![1]!
    running.interrupt()
    const done = await running.done
    expect(done.code).toBe(1)
    expect(done.stderr).toMatch(/ERR_CANCELLED/)
    await expect(fetch(redirect)).rejects.toThrow()
  })

  it('with nobody at a terminal, a profile that needs a browser sign-in says so at once', async () => {
    const add = ['clients', 'add', 'kiosk', '--issuer', op.issuer, '--client-id', 'orders-cli']
    expect((await jwtw(add, { env })).code).toBe(0)
    const started = Date.now()
    const run = await jwtw(['token', 'kiosk', '--no-browser'], { env })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^ERR_OAUTH_SIGN_IN_REQUIRED: No saved token is fresh and no refresh token is saved, and "kiosk" gets a new one through a browser sign-in, which needs a person: run `jwtw token kiosk --grant code` in a terminal\./,
    )
    expect(run.stderr).not.toMatch(/Waiting for the answer/)
    expect(Date.now() - started).toBeLessThan(5000)
  })
})

describe('jwtw dpop', () => {
  it('prints a proof with htm, htu without the query, and ath', async () => {
    expect((await jwtw(['keys', 'generate', 'orders-dpop', '--alg', 'ES256'], { env })).code).toBe(
      0,
    )
    const proof = await jwtw(
      [
        'dpop',
        '--key',
        'orders-dpop',
        '--method',
        'DELETE',
        '--url',
        `${API_RESOURCE}/orders/8812?force=1`,
        '--access-token-file',
        '-',
      ],
      { env, input: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.c2ln\n' },
    )
    expect(proof.code).toBe(0)
    const token = proof.stdout.trim()
    expect(decodeProtectedHeader(token)).toMatchObject({
      typ: 'dpop+jwt',
      alg: 'ES256',
      jwk: { kty: 'EC', crv: 'P-256' },
    })
    expect(decodeJwt(token)).toMatchObject({
      htm: 'DELETE',
      htu: `${API_RESOURCE}/orders/8812`,
      ath: expect.stringMatching(/^[\w-]{43}$/),
    })
  })
})

describe('jwtw recipes and token --recipe', () => {
  it('a cookie from a file (never argv) buys a token, printed as a header', async () => {
    const server = await startServer()
    server.route('/api/token', (req) =>
      req.headers.cookie === 'JSESSIONID=5B2E8D1A9C4F7E3B6A0D2C8F1E4B7A9D'
        ? { body: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYXJpYSJ9.bm90LWNoZWNrZWQtaGVyZQ' }
        : { status: 401 },
    )
    try {
      const added = await jwtw(
        ['recipes', 'add', 'orders-session', '--url', `${server.url}/api/token`, '--token-body'],
        { env },
      )
      expect(added.code).toBe(0)
      const got = await jwtw(
        [
          'token',
          '--recipe',
          'orders-session',
          '--cookie-file',
          '-',
          '--print',
          'header',
          '--no-save',
        ],
        {
          env,
          input: 'JSESSIONID=5B2E8D1A9C4F7E3B6A0D2C8F1E4B7A9D\n',
        },
      )
      expect(got).toMatchObject({
        code: 0,
        stdout:
          'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYXJpYSJ9.bm90LWNoZWNrZWQtaGVyZQ\n',
      })
      const refused = await jwtw(['token', '--recipe', 'orders-session', '--no-save'], { env })
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/ERR_OAUTH_HTTP_STATUS/)
      const listed = await jwtw(['recipes', 'list'], { env })
      expect(listed.stdout).toContain('orders-session')
    } finally {
      await jwtw(['recipes', 'remove', 'orders-session'], { env })
      await server.close()
    }
  })
})
