// Remote keys from the CLI: verify --jwks / --issuer, trusted issuers, jwtw jwks, keys import
// from a URL, and the local issuer (jwtw serve) end to end with a rotation.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CompactSign } from 'jose'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createOsKeychain } from '../../src/main/core/keychain'
import { JWTW, ROOT, runJwtw } from '../helpers/cli'
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
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' })
    .sign(k1.privateKey)
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT })
})

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
    const run = await runJwtw(
      ['verify', token, '--jwks', url, '--typ', 'at+jwt', '--require', 'role=admin'],
      { env },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(
        `\\nkey: RSA 2048 bits public key, kid k1, thumbprint \\S+ \\(from ${url.replace(/[.]/g, '\\.')}, fetched 0s ago\\)\\n$`,
      ),
    )
    expect(server.hits()).toBe(1)
    expect((await runJwtw(['verify', token, '--jwks', url], { env })).code).toBe(0)
    expect(server.hits()).toBe(1)
    // Why a backend answers 401: each cause has its code.
    const expired = await sign({ sub: 'a', exp: Math.floor(Date.now() / 1000) - 60 })
    expect((await runJwtw(['verify', expired, '--jwks', url], { env })).stderr).toMatch(
      /^ERR_JWT_EXPIRED: /,
    )
    const noRole = await runJwtw(['verify', token, '--jwks', url, '--require', 'role=owner'], {
      env,
    })
    expect(noRole.stderr).toMatch(
      /^ERR_JWT_CLAIM_VALIDATION_FAILED: token invalid: Claim "role" is admin/,
    )
    const rotatedAway = await new CompactSign(new TextEncoder().encode('{"sub":"a"}'))
      .setProtectedHeader({ alg: 'RS256', kid: 'gone' })
      .sign(k1.privateKey)
    expect((await runJwtw(['verify', rotatedAway, '--jwks', url], { env })).stderr).toMatch(
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
    expect((await runJwtw(['verify', good, '--issuer', issuer], { env })).code).toBe(0)
    const wrong = await sign({ iss: 'https://other.example', sub: 'a', exp: EXP })
    const run = await runJwtw(['verify', wrong, '--issuer', issuer], { env })
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
    const untrusted = await runJwtw(['verify', token], { env })
    expect(untrusted.code).toBe(1)
    expect(untrusted.stderr).toMatch(
      new RegExp(`^ERR_NO_KEY: .*jwtw issuers add ${issuer.replace(/[.]/g, '\\.')}`),
    )
    expect(
      (await runJwtw(['issuers', 'add', issuer, '--name', 'dev', '--aud', 'api'], { env })).code,
    ).toBe(0)
    const list = await runJwtw(['issuers', 'list', '--json'], { env })
    expect(JSON.parse(list.stdout)).toMatchObject([{ issuer, name: 'dev', audience: 'api' }])
    const trusted = await runJwtw(['verify', token], { env })
    expect(trusted.code).toBe(0)
    expect(trusted.stdout).toContain('aud ')
    expect((await runJwtw(['issuers', 'remove', issuer], { env })).code).toBe(0)
    expect((await runJwtw(['verify', token], { env })).code).toBe(1)
    expect((await runJwtw(['issuers', 'remove', issuer], { env })).stderr).toMatch(
      /^ERR_ISSUER_NOT_TRUSTED: /,
    )
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
    const run = await runJwtw(['jwks', `${server.url}/jwks`], { env })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^KID +KTY +ALG +USE +KEY +THUMBPRINT/m)
    expect(run.stdout).toMatch(/^k1 +RSA +RS256 +sig +RSA 2048 bits/m)
    expect(run.stdout).toMatch(
      /error +private_members: The set publishes private key material for kid "leaky"/,
    )
    expect(run.stdout).toContain('ETag "e1"')
    const asJson = await runJwtw(['jwks', `${server.url}/jwks`, '--json'], { env })
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'docs', 'json', 'jwks.schema.json'), 'utf8'),
    ) as object
    expect(z.fromJSONSchema(schema as never).safeParse(JSON.parse(asJson.stdout)).success).toBe(
      true,
    )
    const gone = await runJwtw(['jwks', 'http://127.0.0.1:9/jwks', '--timeout', '2s'], { env })
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/^ERR_JWKS_CONNECTION_REFUSED: /)
    expect((await runJwtw(['jwks'], { env })).code).toBe(2)
    expect((await runJwtw(['jwks', 'http://idp.example.com/jwks'], { env })).stderr).toMatch(
      /^ERR_JWKS_INSECURE_URL: /,
    )
  })
})

describe.skipIf(!available)(
  'keys import from a URL, and the local issuer end to end (real keychain)',
  () => {
    const env = cliEnv()
    let server: TestServer
    let serve: ChildProcess | undefined
    beforeAll(async () => {
      server = await startServer()
    })
    afterAll(async () => {
      serve?.kill('SIGTERM')
      await server.close()
      const keychain = createOsKeychain(env.JWTW_KEYCHAIN_SERVICE)
      for (const account of await keychain.list().catch(() => [])) await keychain.delete(account)
    })

    it('jwtw keys import NAME URL --all imports every key of a published set', async () => {
      server.route('/jwks', json({ keys: [k1.jwk, rsaKey('k2').jwk] }))
      const run = await runJwtw(['keys', 'import', 'idp', `${server.url}/jwks`, '--all'], { env })
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^idp-1 +RS256 .*kid=k1 +verify-only\nidp-2/)
    })

    it('mint with a stored key, verify with --issuer the local issuer, rotate, verify a new token (one refetch)', async () => {
      expect((await runJwtw(['keys', 'generate', 'dev', '--alg', 'ES256'], { env })).code).toBe(0)
      serve = spawn(process.execPath, [JWTW, 'serve', '--port', '0', '--key', 'dev'], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const issuer = await new Promise<string>((resolve) => {
        let out = ''
        serve!.stdout!.setEncoding('utf8').on('data', (c: string) => {
          out += c
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
      })
      const mint = async () =>
        (
          await runJwtw(['mint', '--key', 'dev', '--iss', issuer, '--aud', 'api'], { env })
        ).stdout.trim()
      const first = await mint()
      expect(
        (await runJwtw(['verify', first, '--issuer', issuer, '--aud', 'api'], { env })).code,
      ).toBe(0)
      const cacheOf = () => {
        const settings = JSON.parse(readFileSync(join(env.JWTW_HOME, 'config.json'), 'utf8')) as {
          jwksCache: Record<string, { fetchedAt: string; checkedAt: string }>
        }
        return settings.jwksCache[`${issuer}/.well-known/jwks.json`]!
      }
      const before = cacheOf()
      expect((await runJwtw(['keys', 'rotate', 'dev'], { env })).code).toBe(0)
      const second = await mint()
      const run = await runJwtw(['verify', second, '--issuer', issuer, '--aud', 'api'], { env })
      expect(run.code).toBe(0)
      const after = cacheOf()
      expect(after.checkedAt).not.toBe(before.checkedAt) // the new kid made one refetch
      expect((await runJwtw(['verify', first, '--issuer', issuer], { env })).code).toBe(0) // retiring keys still verify
      expect(cacheOf().checkedAt).toBe(after.checkedAt) // and nothing more was fetched
    })
  },
)
