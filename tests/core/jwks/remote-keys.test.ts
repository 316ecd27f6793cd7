// The JWKS client against real HTTP(S) servers on 127.0.0.1 that count requests.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CompactSign } from 'jose'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContext, type AppContext } from '../../../src/main/core/context'
import type { Keychain } from '../../../src/main/core/keychain'
import { createFileSettingsStore } from '../../../src/main/core/settings/settings-store'
import { verifyToken } from '../../../src/main/core/verify/verify'
import { json, rsaKey, selfSigned, startServer, type TestServer } from '../../helpers/servers'

const refuse = () => Promise.reject(new Error('no keychain here'))
const noKeychain: Keychain = {
  service: 'none',
  get: refuse,
  set: refuse,
  delete: refuse,
  list: refuse,
}

/** A context over a settings directory, with a clock the test moves. */
function remoteContext(dir = mkdtempSync(join(tmpdir(), 'jwtw-jwks-'))) {
  const clock = { now: Date.parse('2026-11-22T12:00:00Z') }
  const ctx = createContext({
    keychain: noKeychain,
    settings: createFileSettingsStore(dir),
    now: () => new Date(clock.now),
    warn: () => undefined,
  })
  return { ctx, clock, dir, advance: (seconds: number) => void (clock.now += seconds * 1000) }
}

const k1 = rsaKey('k1')
const k2 = rsaKey('k2')

async function sign(key: ReturnType<typeof rsaKey>, claims: object): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'RS256', kid: key.jwk['kid'] as string })
    .sign(key.privateKey)
}

const EXP = Date.parse('2026-11-22T13:00:00Z') / 1000
const codeOf = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => null,
      (e: unknown) => e,
    )) as { code?: string } | null
  )?.code

describe('JWKS cache (HTTP on 127.0.0.1)', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  it('a cache hit makes no request, also from a second process reading the same settings', async () => {
    server.route('/jwks', json({ keys: [k1.jwk] }, { 'cache-control': 'max-age=300' }))
    const { ctx, dir } = remoteContext()
    const url = `${server.url}/jwks`
    await ctx.remote.fromJwksUri(url)
    await ctx.remote.fromJwksUri(url)
    expect(server.hits('/jwks')).toBe(1)
    const other = remoteContext(dir).ctx // a new process: nothing in memory, the settings file shared
    const set = await other.remote.fromJwksUri(url)
    expect(set.jwks.keys).toHaveLength(1)
    expect(server.hits('/jwks')).toBe(1)
  })

  it.each([
    ['max-age=300', 300],
    ['public, max-age=5', 60],
    ['max-age=999999', 86400],
    ['no-cache', 600],
    ['no-store', 600],
    [undefined, 600],
  ])('Cache-Control %s keeps a copy fresh for %i s', async (cacheControl, seconds) => {
    server.route(
      '/jwks',
      json({ keys: [k1.jwk] }, cacheControl ? { 'cache-control': cacheControl } : {}),
    )
    const { ctx, advance } = remoteContext()
    const url = `${server.url}/jwks`
    await ctx.remote.fromJwksUri(url)
    advance(seconds - 1)
    await ctx.remote.fromJwksUri(url)
    expect(server.hits()).toBe(1)
    advance(2)
    await ctx.remote.fromJwksUri(url)
    expect(server.hits()).toBe(2)
  })

  it('revalidates with If-None-Match and If-Modified-Since; a 304 renews the copy', async () => {
    server.route('/jwks', (req) =>
      req.headers['if-none-match'] === '"v1"'
        ? { status: 304 }
        : json(
            { keys: [k1.jwk] },
            {
              etag: '"v1"',
              'last-modified': 'Sun, 22 Nov 2026 10:00:00 GMT',
              'cache-control': 'max-age=60',
            },
          ),
    )
    const { ctx, advance } = remoteContext()
    const url = `${server.url}/jwks`
    const first = await ctx.remote.fromJwksUri(url)
    advance(120)
    const renewed = await ctx.remote.fromJwksUri(url)
    expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"')
    expect(server.requests[1]!.headers['if-modified-since']).toBe('Sun, 22 Nov 2026 10:00:00 GMT')
    expect(renewed.origin.fetchedAt).toBe(first.origin.fetchedAt)
    expect(renewed.origin.ageSeconds).toBe(0)
    expect(renewed.jwks.keys).toHaveLength(1)
    await ctx.remote.fromJwksUri(url)
    expect(server.hits()).toBe(2)
  })

  it('100 concurrent verifications of an unknown kid make exactly one request; then a cooldown', async () => {
    let keys = [k1.jwk]
    server.route('/jwks', () => json({ keys }, { 'cache-control': 'max-age=3600' }))
    const { ctx, advance } = remoteContext()
    const url = `${server.url}/jwks`
    await ctx.remote.fromJwksUri(url)
    keys = [k1.jwk, k2.jwk] // rotation at the provider
    const token = await sign(k2, { sub: 'a', exp: EXP })
    const results = await Promise.all(
      Array.from({ length: 100 }, () => verifyToken({ token, key: { jwksUrl: url } }, ctx)),
    )
    expect(results.every((r) => r.valid)).toBe(true)
    expect(server.hits()).toBe(2)
    // That refetch started a 30 s cooldown: a flood of other unknown kids asks nothing more.
    const stranger = rsaKey('k3')
    const forged = await sign(stranger, { sub: 'a', exp: EXP })
    for (let i = 0; i < 20; i++) {
      const r = await verifyToken({ token: forged, key: { jwksUrl: url } }, ctx)
      expect(r.checks.find((c) => c.id === 'key')?.code).toBe('ERR_JWKS_NO_MATCHING_KEY')
    }
    expect(server.hits()).toBe(2)
    advance(31)
    await Promise.all(
      Array.from({ length: 20 }, () => verifyToken({ token: forged, key: { jwksUrl: url } }, ctx)),
    )
    expect(server.hits()).toBe(3)
    await verifyToken({ token: forged, key: { jwksUrl: url } }, ctx)
    expect(server.hits()).toBe(3)
  })

  it('reports keys added and removed since the previous copy', async () => {
    let keys = [k1.jwk]
    server.route('/jwks', () => json({ keys }))
    const { ctx, advance } = remoteContext()
    const url = `${server.url}/jwks`
    await ctx.remote.report({ jwksUri: url })
    keys = [k2.jwk]
    advance(601)
    const report = await ctx.remote.report({ jwksUri: url })
    expect(report.rotation).toMatchObject({ added: ['k2'], removed: ['k1'] })
  })

  it('uses the last good copy when the server is gone, reported stale with its age; refuses it past the bound', async () => {
    server.route('/jwks', json({ keys: [k1.jwk] }, { 'cache-control': 'max-age=60' }))
    const { ctx, advance } = remoteContext()
    const url = `${server.url}/jwks`
    await ctx.remote.fromJwksUri(url)
    await server.close()
    advance(3600)
    const stale = await ctx.remote.fromJwksUri(url)
    expect(stale.origin).toMatchObject({
      stale: true,
      ageSeconds: 3600,
      staleBecause: { code: 'ERR_JWKS_CONNECTION_REFUSED' },
    })
    const token = await sign(k1, { sub: 'a', exp: Date.parse('2026-11-22T14:00:00Z') / 1000 })
    const result = await verifyToken({ token, key: { jwksUrl: url } }, ctx)
    expect(result.valid).toBe(true)
    expect(result.key?.remote).toMatchObject({ stale: true, jwksUri: url })
    expect(result.checks.find((c) => c.id === 'key')?.message).toMatch(
      /a stale copy, fetched 1h ago: ERR_JWKS_CONNECTION_REFUSED/,
    )
    advance(7 * 24 * 3600)
    expect(await codeOf(ctx.remote.fromJwksUri(url))).toBe('ERR_JWKS_CONNECTION_REFUSED')
  })
})

describe('JWKS fetch safety', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())
  const fetchCode = (ctx: AppContext, path: string, options = {}) =>
    codeOf(ctx.remote.fromJwksUri(`${server.url}${path}`, options))

  it('times out', async () => {
    server.route('/slow', { ...json({ keys: [] }), delayMs: 2000 })
    expect(await fetchCode(remoteContext().ctx, '/slow', { timeoutMs: 300 })).toBe(
      'ERR_JWKS_TIMEOUT',
    )
  })

  it('refuses a 2 MiB response, with or without Content-Length', async () => {
    const big = JSON.stringify({ keys: [{ kty: 'x', pad: 'a'.repeat(2 << 20) }] })
    server.route('/big', { body: big })
    server.route('/chunked', {
      body: Buffer.from(big),
      headers: { 'transfer-encoding': 'chunked' },
    })
    const { ctx } = remoteContext()
    expect(await fetchCode(ctx, '/big')).toBe('ERR_JWKS_TOO_LARGE')
    expect(await fetchCode(ctx, '/chunked')).toBe('ERR_JWKS_TOO_LARGE')
  })

  it('refuses a redirect unless allowed, and never follows one to another scheme', async () => {
    server.route('/moved', { status: 302, headers: { location: '/jwks' } })
    server.route('/jwks', json({ keys: [k1.jwk] }))
    server.route('/to-https', {
      status: 301,
      headers: { location: `https://127.0.0.1:${server.port}/jwks` },
    })
    const { ctx } = remoteContext()
    expect(await fetchCode(ctx, '/moved')).toBe('ERR_JWKS_REDIRECT_REFUSED')
    expect(
      (await ctx.remote.fromJwksUri(`${server.url}/moved`, { allowRedirects: true })).jwks.keys,
    ).toHaveLength(1)
    expect(await fetchCode(ctx, '/to-https', { allowRedirects: true })).toBe(
      'ERR_JWKS_REDIRECT_REFUSED',
    )
  })

  it('names what came back: not JSON, not a JWK Set, an HTTP error', async () => {
    server.route('/html', { body: '<html>login</html>', headers: { 'content-type': 'text/html' } })
    server.route('/object', json({ issuer: 'x' }))
    server.route('/error', { status: 503, body: '{}' })
    const { ctx } = remoteContext()
    expect(await fetchCode(ctx, '/html')).toBe('ERR_JWKS_NOT_JSON')
    expect(await fetchCode(ctx, '/object')).toBe('ERR_JWKS_INVALID')
    expect(await fetchCode(ctx, '/error')).toBe('ERR_JWKS_HTTP_STATUS')
    expect(await fetchCode(ctx, '/nothing-here')).toBe('ERR_JWKS_HTTP_STATUS')
  })

  it('flags private members loudly, uses only the public part, and never stores private material', async () => {
    const { privateKey } = rsaKey('leaky')
    const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'leaky', alg: 'RS256' }
    const secret = { kty: 'oct', k: Buffer.alloc(32, 1).toString('base64url'), kid: 'sym' }
    server.route('/jwks', json({ keys: [privateJwk, secret] }))
    const { ctx, dir } = remoteContext()
    const report = await ctx.remote.report({ jwksUri: `${server.url}/jwks` })
    expect(report.findings.map((f) => [f.code, f.severity])).toEqual(
      expect.arrayContaining([
        ['private_members', 'error'],
        ['symmetric_key', 'error'],
      ]),
    )
    expect(report.keys.map((k) => k.kid)).toEqual(['leaky'])
    const stored = readFileSync(join(dir, 'config.json'), 'utf8')
    expect(stored).toContain('leaky')
    expect(stored).not.toContain(privateJwk.d as string)
    expect(stored).not.toContain(secret.k)
    expect(stored).not.toMatch(/"(d|p|q|dp|dq|qi|k)":/)
  })

  it('refuses plain http to a host that is not this machine before any connection', async () => {
    const { ctx } = remoteContext()
    expect(await codeOf(ctx.remote.fromJwksUri('http://jwks.example.com/keys'))).toBe(
      'ERR_JWKS_INSECURE_URL',
    )
    expect(await codeOf(ctx.remote.fromIssuer('http://idp.example.com'))).toBe(
      'ERR_DISCOVERY_INSECURE_URL',
    )
    expect(await codeOf(ctx.remote.fromJwksUri('file:///etc/passwd'))).toBe('ERR_JWKS_BAD_URL')
    expect(await codeOf(ctx.remote.fromJwksUri('https://user:pw@idp.example.com/jwks'))).toBe(
      'ERR_JWKS_BAD_URL',
    )
  })

  it('names a refused connection and an unknown host', async () => {
    const { ctx } = remoteContext()
    const closed = await startServer()
    const port = closed.port
    await closed.close()
    expect(await codeOf(ctx.remote.fromJwksUri(`http://127.0.0.1:${port}/jwks`))).toBe(
      'ERR_JWKS_CONNECTION_REFUSED',
    )
    expect(await codeOf(ctx.remote.fromJwksUri('https://no-such-host.invalid/jwks'))).toBe(
      'ERR_JWKS_DNS',
    )
  })
})

describe('OIDC discovery', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  it('finds the jwks_uri, checks the issuer exactly, and verifies a token from it', async () => {
    const issuer = `${server.url}/realms/main`
    server.route(
      '/realms/main/.well-known/openid-configuration',
      json({ issuer, jwks_uri: `${issuer}/certs` }),
    )
    server.route('/realms/main/certs', json({ keys: [k1.jwk] }))
    const { ctx } = remoteContext()
    const token = await sign(k1, { iss: issuer, sub: 'a', exp: EXP })
    const result = await verifyToken({ token, key: { issuer } }, ctx)
    expect(result.valid).toBe(true)
    expect(result.key?.remote).toMatchObject({ issuer, jwksUri: `${issuer}/certs`, stale: false })
    // The token's iss must be the issuer asked for.
    const other = await sign(k1, { iss: 'https://evil.example', sub: 'a', exp: EXP })
    const refused = await verifyToken({ token: other, key: { issuer } }, ctx)
    expect(refused.checks.find((c) => !c.ok)).toMatchObject({
      id: 'iss',
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    })
  })

  it('falls back to RFC 8414 and reports a mismatched issuer and a missing jwks_uri', async () => {
    const issuer = `${server.url}/tenant`
    server.route(
      '/.well-known/oauth-authorization-server/tenant',
      json({ issuer, jwks_uri: `${server.url}/keys` }),
    )
    server.route('/keys', json({ keys: [k1.jwk] }))
    const { ctx } = remoteContext()
    expect((await ctx.remote.fromIssuer(issuer)).origin.jwksUri).toBe(`${server.url}/keys`)
    server.route(
      '/a/.well-known/openid-configuration',
      json({ issuer: `${server.url}/a/`, jwks_uri: 'x' }),
    )
    expect(await codeOf(ctx.remote.fromIssuer(`${server.url}/a`))).toBe(
      'ERR_DISCOVERY_ISSUER_MISMATCH',
    )
    server.route('/b/.well-known/openid-configuration', json({ issuer: `${server.url}/b` }))
    expect(await codeOf(ctx.remote.fromIssuer(`${server.url}/b`))).toBe('ERR_DISCOVERY_NO_JWKS_URI')
  })

  it('verifies a trusted issuer with no key given; an untrusted one says how to give a key', async () => {
    const issuer = `${server.url}/trusted`
    server.route(
      '/trusted/.well-known/openid-configuration',
      json({ issuer, jwks_uri: `${issuer}/jwks` }),
    )
    server.route('/trusted/jwks', json({ keys: [k1.jwk] }))
    const { ctx } = remoteContext()
    const token = await sign(k1, { iss: issuer, aud: 'api', sub: 'a', exp: EXP })
    const untrusted = codeOf(verifyToken({ token, key: { trusted: true } }, ctx))
    expect(await untrusted).toBe('ERR_ISSUER_NOT_TRUSTED')
    await ctx.trustedIssuers.add(issuer, { audience: 'other-api' })
    const wrongAud = await verifyToken({ token, key: { trusted: true } }, ctx)
    expect(wrongAud.checks.find((c) => !c.ok)?.id).toBe('aud')
    await ctx.trustedIssuers.add(issuer, { audience: 'api' })
    expect((await verifyToken({ token, key: { trusted: true } }, ctx)).valid).toBe(true)
  })
})

describe('tokens never choose where keys come from', () => {
  it('a token whose jku and x5u point at a counting server makes zero requests', async () => {
    const counting = await startServer()
    const trusted = await startServer()
    try {
      counting.route('/evil', json({ keys: [k2.jwk] }))
      trusted.route('/jwks', json({ keys: [k1.jwk] }))
      const token = await new CompactSign(
        new TextEncoder().encode(JSON.stringify({ sub: 'a', exp: EXP })),
      )
        .setProtectedHeader({
          alg: 'RS256',
          kid: 'k2',
          jku: `${counting.url}/evil`,
          x5u: `${counting.url}/evil`,
        })
        .sign(k2.privateKey)
      const { ctx } = remoteContext()
      const result = await verifyToken({ token, key: { jwksUrl: `${trusted.url}/jwks` } }, ctx)
      expect(result.valid).toBe(false)
      await codeOf(verifyToken({ token, key: { trusted: true } }, ctx))
      expect(counting.hits()).toBe(0)
    } finally {
      await counting.close()
      await trusted.close()
    }
  })
})

describe('TLS', () => {
  const tls = selfSigned()
  afterAll(() => tls.cleanup())

  it('a self-signed server fails with the TLS code and says to use --ca; works with the CA file', async () => {
    const server = await startServer({ key: tls.key, cert: tls.cert })
    try {
      server.route('/jwks', json({ keys: [k1.jwk] }))
      const { ctx } = remoteContext()
      const url = `${server.url}/jwks`
      const error = await ctx.remote.fromJwksUri(url).catch((e: Error & { code: string }) => e)
      expect(error).toMatchObject({
        code: 'ERR_JWKS_TLS',
        message: expect.stringMatching(/--ca FILE/),
      })
      const set = await ctx.remote.fromJwksUri(url, { caFile: tls.certFile })
      expect(set.jwks.keys).toHaveLength(1)
    } finally {
      await server.close()
    }
  })
})
