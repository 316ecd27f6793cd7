// Remote keys from the CLI: verify --jwks / --issuer, trusted issuers, jwtw jwks, keys import
// from a URL, and the local issuer (jwtw serve) end to end with a rotation.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CompactSign } from 'jose'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOsKeychain } from '../../src/main/core/keychain'
import { jwtw, startJwtw, type RunningCli } from '../helpers/cli'
import { conforms } from '../helpers/conforms'
import { probeKeychain } from '../helpers/keychain-available'
import { json, rsaKey, startServer, type TestServer } from '../helpers/servers'

const { available } = await probeKeychain()
const k1 = rsaKey('k1')
const EXP = Math.floor(Date.now() / 1000) + 3600

function cliEnv() {
  return {
    JWTW_HOME: mkdtempSync(join(tmpdir(), 'jwtw-jwks-cli-')),
    JWT_SECRET_KEY: '',
    JWTW_KEYCHAIN_SERVICE: `jwtw-test-jwks-${process.pid}-${Math.random()}`,
  }
}

async function sign(claims: object): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
    .sign(k1.privateKey)
}

describe('verify against published keys', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
    server.route('/api/auth/jwks', json({ keys: [k1.jwk] }, { 'cache-control': 'max-age=300' }))
  })
  afterEach(() => server.close())

  it('--jwks URL: valid, says where the key came from; a second process makes no request', async () => {
    const env = cliEnv()
    const token = await sign({ iss: 'auth', sub: 'a', exp: EXP, role: 'admin' })
    const url = `${server.url}/api/auth/jwks`
    const run = await jwtw(
      ['verify', token, '--jwks', url, '--typ', 'JWT', '--require', 'role=admin'],
      { env },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(
        `\\nkey: RSA 2048 bits public key, kid k1, thumbprint \\S+ \\(from ${url.replace(/[.]/g, '\\.')}, fetched 0s ago\\)\\n$`,
      ),
    )
    expect(server.hits()).toBe(1)
    expect((await jwtw(['verify', token, '--jwks', url], { env })).code).toBe(0)
    expect(server.hits()).toBe(1)
    // Why a backend answers 401: each cause has its code.
    const expired = await sign({ sub: 'a', exp: Math.floor(Date.now() / 1000) - 60 })
    expect((await jwtw(['verify', expired, '--jwks', url], { env })).stderr).toMatch(
      /^ERR_JWT_EXPIRED: /,
    )
    const noRole = await jwtw(['verify', token, '--jwks', url, '--require', 'role=owner'], {
      env,
    })
    expect(noRole.stderr).toMatch(
      /^ERR_JWT_CLAIM_VALIDATION_FAILED: token invalid: Claim "role" is admin/,
    )
    const rotatedAway = await new CompactSign(new TextEncoder().encode('{"sub":"a"}'))
      .setProtectedHeader({ alg: 'RS256', kid: 'gone' })
      .sign(k1.privateKey)
    expect((await jwtw(['verify', rotatedAway, '--jwks', url], { env })).stderr).toMatch(
      /^ERR_JWKS_NO_MATCHING_KEY: /,
    )
  })

  it('--issuer URL uses discovery and holds the token to that issuer', async () => {
    const env = cliEnv()
    const issuer = `${server.url}/realms/dev`
    server.route(
      '/realms/dev/.well-known/openid-configuration',
      json({ issuer, jwks_uri: `${server.url}/api/auth/jwks` }),
    )
    const good = await sign({ iss: issuer, sub: 'a', exp: EXP })
    expect((await jwtw(['verify', good, '--issuer', issuer], { env })).code).toBe(0)
    const wrong = await sign({ iss: 'https://other.example', sub: 'a', exp: EXP })
    const run = await jwtw(['verify', wrong, '--issuer', issuer], { env })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^ERR_JWT_CLAIM_VALIDATION_FAILED: token invalid: Issuer is https:\/\/other\.example/,
    )
  })

  it('a trusted issuer verifies with no key given; without one, the error names jwtw issuers add', async () => {
    const env = cliEnv()
    const issuer = `${server.url}/trusted`
    server.route(
      '/trusted/.well-known/openid-configuration',
      json({ issuer, jwks_uri: `${server.url}/api/auth/jwks` }),
    )
    const token = await sign({ iss: issuer, sub: 'a', aud: 'api', exp: EXP })
    const untrusted = await jwtw(['verify', token], { env })
    expect(untrusted.code).toBe(1)
    expect(untrusted.stderr).toMatch(
      new RegExp(`^ERR_NO_KEY: .*jwtw issuers add ${issuer.replace(/[.]/g, '\\.')}`),
    )
    expect(
      (await jwtw(['issuers', 'add', issuer, '--name', 'dev', '--aud', 'api'], { env })).code,
    ).toBe(0)
    const list = await jwtw(['issuers', 'list', '--json'], { env })
    expect(JSON.parse(list.stdout)).toMatchObject([{ issuer, name: 'dev', audience: 'api' }])
    const trusted = await jwtw(['verify', token], { env })
    expect(trusted.code).toBe(0)
    expect(trusted.stdout).toContain('aud ')
    expect((await jwtw(['issuers', 'remove', issuer], { env })).code).toBe(0)
    expect((await jwtw(['verify', token], { env })).code).toBe(1)
    expect((await jwtw(['issuers', 'remove', issuer], { env })).stderr).toMatch(
      /^ERR_ISSUER_NOT_TRUSTED: /,
    )
  })
})

describe('keys: the caller decides, not the token', () => {
  let server: TestServer
  let issuer: string
  beforeEach(async () => {
    server = await startServer()
    issuer = `${server.url}/realms/shop-production`
    server.route('/jwks', json({ keys: [k1.jwk] }))
    server.route(
      '/realms/shop-production/.well-known/openid-configuration',
      json({ issuer, jwks_uri: `${server.url}/jwks` }),
    )
  })
  afterEach(() => server.close())

  it('JWT_SECRET_KEY (or any key option) wins over a trusted issuer', async () => {
    const env = cliEnv()
    expect((await jwtw(['issuers', 'add', issuer, '--aud', 'orders-api'], { env })).code).toBe(0)
    const idToken = await sign({ iss: issuer, sub: 'a', aud: 'orders-api', exp: EXP })
    expect((await jwtw(['verify', idToken], { env })).code).toBe(0)
    // A script that expects its own HS256 tokens sets JWT_SECRET_KEY: the IdP's token is not one.
    const withSecret = await jwtw(['verify', idToken], {
      env: { ...env, JWT_SECRET_KEY: 'the-scripts-own-hs256-secret-0123456789' },
    })
    expect(withSecret.code).toBe(1)
    expect(withSecret.stderr).toMatch(/^ERR_JOSE_ALG_NOT_ALLOWED: /)
    expect(server.hits('/jwks')).toBe(1)
  })

  it('a trusted issuer needs an audience: --aud, or an explicit --any-audience', async () => {
    const env = cliEnv()
    const added = await jwtw(['issuers', 'add', issuer], { env })
    expect(added.code).toBe(2)
    expect(added.stderr).toMatch(/^ERR_INVALID_ARGUMENT: a trusted issuer needs the audience/)
    // Trusted for orders-api: an ID token the IdP issued to another client is refused.
    expect((await jwtw(['issuers', 'add', issuer, '--aud', 'orders-api'], { env })).code).toBe(0)
    const forOther = await sign({ iss: issuer, sub: 'a', aud: 'billing-web', exp: EXP })
    const refused = await jwtw(['verify', forOther], { env })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^ERR_JWT_CLAIM_VALIDATION_FAILED: token invalid: Audience is billing-web, expected orders-api/,
    )
    expect((await jwtw(['issuers', 'add', issuer, '--any-audience'], { env })).code).toBe(0)
    expect((await jwtw(['verify', forOther], { env })).code).toBe(0)
  })

  it('an issuer trusted with no audience (an older settings file) fails the audience check, saying how to set one', async () => {
    const env = cliEnv()
    writeFileSync(
      join(env.JWTW_HOME, 'config.json'),
      JSON.stringify({ trustedIssuers: [{ issuer, addedAt: '2026-11-01T00:00:00.000Z' }] }),
    )
    const token = await sign({ iss: issuer, sub: 'a', aud: 'anything', exp: EXP })
    const run = await jwtw(['verify', token, '--json'], { env })
    expect(run.code).toBe(1)
    const aud = (
      JSON.parse(run.stdout) as { checks: Array<{ id: string; ok: boolean; message: string }> }
    ).checks.find((c) => c.id === 'aud')
    expect(aud).toMatchObject({ ok: false })
    expect(aud!.message).toMatch(/added with no audience.*--aud AUDIENCE \(or --any-audience\)/)
  })

  it('the discovered issuer is checked on every use, cached or not (a trailing slash is another issuer)', async () => {
    const env = cliEnv()
    expect((await jwtw(['jwks', '--issuer', issuer], { env })).code).toBe(0)
    const token = await sign({ iss: `${issuer}/`, sub: 'a', exp: EXP })
    for (const other of [`${issuer}/`, `${issuer}//`]) {
      const run = await jwtw(['verify', token, '--issuer', other], { env })
      expect(run.code, other).toBe(1)
      expect(run.stderr).toMatch(/^ERR_DISCOVERY_ISSUER_MISMATCH: /)
    }
  })

  it('a key file holding a JWK Set that mixes a secret with public keys is refused, as on import', async () => {
    const env = cliEnv()
    const dir = mkdtempSync(join(tmpdir(), 'jwtw-mixed-'))
    const secret = Buffer.from('published-hmac-secret-of-32-bytes!!').toString('base64url')
    const mixed = join(dir, 'set.json')
    writeFileSync(mixed, JSON.stringify({ keys: [k1.jwk, { kty: 'oct', k: secret, kid: 'hs' }] }))
    const forged = await new CompactSign(
      new TextEncoder().encode(JSON.stringify({ sub: 'admin', exp: EXP })),
    )
      .setProtectedHeader({ alg: 'HS256', kid: 'hs' })
      .sign(Buffer.from(secret, 'base64url'))
    const run = await jwtw(['verify', forged, '--key-file', mixed], { env })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_JWKS_MIXED_KEY_TYPES: /)
    const imported = await jwtw(['keys', 'import', 'mixed', mixed], { env })
    expect(imported.stderr).toMatch(/^ERR_JWKS_MIXED_KEY_TYPES: /)
    const scanned = await jwtw(['scan', '--key-file', mixed, '--json'], { env, input: forged })
    expect(scanned.stderr).toMatch(/^ERR_JWKS_MIXED_KEY_TYPES: /)
  })

  it('loopback is never sent through HTTP_PROXY; a proxy failure is named as one', async () => {
    const env = cliEnv()
    const proxy = await startServer()
    proxy.route('*', () => ({ status: 502, body: 'bad gateway' }))
    try {
      const run = await jwtw(['jwks', `${server.url}/jwks`], {
        env: { ...env, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
      })
      expect(run.code).toBe(0)
      expect(proxy.hits()).toBe(0)
      const viaProxy = await jwtw(
        ['jwks', 'https://idp.example-retail.com/jwks', '--timeout', '3s'],
        {
          env: { ...env, HTTPS_PROXY: proxy.url },
        },
      )
      expect(viaProxy.code).toBe(1)
      expect(viaProxy.stderr).toMatch(/^ERR_JWKS_PROXY: .*proxy/)
    } finally {
      await proxy.close()
    }
  })
})

describe('jwtw jwks', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  it('shows the keys, the cache state and the findings; JSON follows its schema; exit 1 when unreachable', async () => {
    const env = cliEnv()
    const { privateKey } = rsaKey('leaky')
    server.route(
      '/jwks',
      json(
        { keys: [k1.jwk, { ...privateKey.export({ format: 'jwk' }), kid: 'leaky' }] },
        { etag: '"e1"' },
      ),
    )
    const run = await jwtw(['jwks', `${server.url}/jwks`], { env })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^KID +KTY +ALG +USE +KEY +THUMBPRINT/m)
    expect(run.stdout).toMatch(/^k1 +RSA +RS256 +sig +RSA 2048 bits/m)
    expect(run.stdout).toMatch(
      /error +private_members: The set publishes private key material for kid "leaky"/,
    )
    expect(run.stdout).toContain('ETag "e1"')
    const asJson = await jwtw(['jwks', `${server.url}/jwks`, '--json'], { env })
    conforms('jwks', asJson.stdout)
    const gone = await jwtw(['jwks', 'http://127.0.0.1:9/jwks', '--timeout', '2s'], { env })
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/^ERR_JWKS_CONNECTION_REFUSED: /)
    expect((await jwtw(['jwks'], { env })).code).toBe(2)
    expect((await jwtw(['jwks', 'http://idp.example.com/jwks'], { env })).stderr).toMatch(
      /^ERR_JWKS_INSECURE_URL: /,
    )
  })
})

describe.skipIf(!available)(
  'keys import from a URL, and the local issuer end to end (real keychain)',
  () => {
    const env = cliEnv()
    let server: TestServer
    let serve: RunningCli | undefined
    beforeAll(async () => {
      server = await startServer()
    })
    afterAll(async () => {
      serve?.interrupt()
      await serve?.done
      await server.close()
      const keychain = createOsKeychain(env.JWTW_KEYCHAIN_SERVICE)
      for (const account of await keychain.list().catch(() => [])) await keychain.delete(account)
    })

    it('jwtw keys import NAME URL --all imports every key of a published set', async () => {
      server.route('/jwks', json({ keys: [k1.jwk, rsaKey('k2').jwk] }))
      const run = await jwtw(['keys', 'import', 'idp', `${server.url}/jwks`, '--all'], { env })
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^idp-1 +RS256 .*kid=k1 +verify-only\nidp-2/)
    })

    it('mint with a stored key, verify with --issuer the local issuer, rotate, verify a new token (one refetch)', async () => {
      expect((await jwtw(['keys', 'generate', 'dev', '--alg', 'ES256'], { env })).code).toBe(0)
      serve = startJwtw(['serve', '--port', '0', '--key', 'dev'], { env })
      const issuer = (await serve.waitFor(/\n/)).split('\n')[0]!
      const mint = async () =>
        (
          await jwtw(['mint', '--key', 'dev', '--iss', issuer, '--aud', 'api'], { env })
        ).stdout.trim()
      const first = await mint()
      expect(
        (await jwtw(['verify', first, '--issuer', issuer, '--aud', 'api'], { env })).code,
      ).toBe(0)
      const cacheOf = () => {
        const settings = JSON.parse(readFileSync(join(env.JWTW_HOME, 'config.json'), 'utf8')) as {
          jwksCache: Record<string, { fetchedAt: string; checkedAt: string }>
        }
        return settings.jwksCache[`${issuer}/.well-known/jwks.json`]!
      }
      const before = cacheOf()
      expect((await jwtw(['keys', 'rotate', 'dev'], { env })).code).toBe(0)
      const second = await mint()
      const run = await jwtw(['verify', second, '--issuer', issuer, '--aud', 'api'], { env })
      expect(run.code).toBe(0)
      const after = cacheOf()
      expect(after.checkedAt).not.toBe(before.checkedAt) // the new kid made one refetch
      expect((await jwtw(['verify', first, '--issuer', issuer], { env })).code).toBe(0) // retiring keys still verify
      expect(cacheOf().checkedAt).toBe(after.checkedAt) // and nothing more was fetched
    })
  },
)

describe('the CA file is the user configuration, checked where it is set', () => {
  it('settings set jwks.ca refuses a missing file and one with no certificate, and stores an absolute path', async () => {
    const env = cliEnv()
    const missing = await jwtw(['settings', 'set', 'jwks.ca', 'nope.pem'], { env })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^ERR_FILE_READ: Cannot read the CA file .*nope\.pem/)
    const dir = mkdtempSync(join(tmpdir(), 'jwtw-ca-'))
    const notCa = join(dir, 'not-a-ca.pem')
    writeFileSync(notCa, '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n')
    const refused = await jwtw(['settings', 'set', 'jwks.ca', notCa], { env })
    expect(refused.stderr).toMatch(/^ERR_INVALID_ARGUMENT: .*holds no PEM certificate/)
    const shown = await jwtw(['settings', 'show', '--json'], { env })
    expect(JSON.parse(shown.stdout).caFile).toBeUndefined()
  })
})
