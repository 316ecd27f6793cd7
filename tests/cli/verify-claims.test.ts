// Claim requirements that match real providers' shapes, through `jwtw verify` in-process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { jwtw } from '../helpers/cli'
import {
  AUTH0_ISSUER,
  ENTRA_TENANT,
  KEYCLOAK_ISSUER,
  providerToken,
} from '../helpers/provider-tokens'

const dir = mkdtempSync(join(tmpdir(), 'jwtw-cli-claims-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function verify(id: Parameters<typeof providerToken>[0], ...args: string[]) {
  const t = await providerToken(id)
  const jwks = join(dir, `${id}.jwks.json`)
  writeFileSync(jwks, JSON.stringify(t.jwks))
  const aud = Array.isArray(t.claims['aud']) ? t.claims['aud'][0] : t.claims['aud']
  return jwtw(['verify', t.token, '--key-file', jwks, '--aud', String(aud), '--json', ...args], {
    env: { JWT_SECRET_KEY: '' },
  })
}
const check = (run: { stdout: string }, id: string) =>
  (
    JSON.parse(run.stdout) as { checks: Array<{ id: string; ok: boolean; message: string }> }
  ).checks.find((c) => c.id === id)

describe('verify --require, --role and --scope on real shapes', () => {
  it('a nested Keycloak role by dotted path (it used to say "missing")', async () => {
    const run = await verify('keycloak', '--require', 'realm_access.roles=admin')
    expect(run.code).toBe(0)
    expect(check(run, 'require:realm_access.roles')?.ok).toBe(true)
  })

  it('a word of a space-separated scope string (it used to fail)', async () => {
    const run = await verify('keycloak', '--require', 'scope=read:orders')
    expect(run.code).toBe(0)
  })

  it('--role looks in every place providers keep roles; --scope in scope and scp', async () => {
    expect((await verify('keycloak', '--role', 'admin', '--scope', 'email')).code).toBe(0)
    expect((await verify('entra-v2', '--scope', 'Orders.Read')).code).toBe(0)
    const missing = await verify('keycloak', '--role', 'superuser')
    expect(missing.code).toBe(1)
    expect(check(missing, 'require:role')?.message).toMatch(
      /expected superuser \(looked in roles, groups, realm_access.roles/,
    )
  })

  it('A|B is either, and a JSON pointer reaches a namespaced claim', async () => {
    expect((await verify('keycloak', '--require', 'realm_access.roles=owner|admin')).code).toBe(0)
    expect((await verify('keycloak', '--require', 'realm_access.roles=owner|root')).code).toBe(1)
    expect(
      (await verify('keycloak', '--require', '/resource_access/orders-api/roles=orders:approve'))
        .code,
    ).toBe(0)
  })

  it('Cognito groups by their exact name with a colon', async () => {
    const run = await verify('cognito-id', '--require', 'cognito:groups')
    expect(run.code).toBe(0)
  })
})

describe('edges found with real tokens', () => {
  it('mint --header typ=at+jwt mints typ at+jwt (the header given is the header minted)', async () => {
    const run = await jwtw(
      [
        'mint',
        '--secret',
        'b64:' + Buffer.alloc(32, 7).toString('base64'),
        '--header',
        'typ=at+jwt',
        '--sub',
        'svc',
      ],
      { env: { JWT_SECRET_KEY: '' } },
    )
    expect(run.code).toBe(0)
    const header = JSON.parse(Buffer.from(run.stdout.split('.')[0]!, 'base64url').toString())
    expect(header.typ).toBe('at+jwt')
  })

  it('a validation error is one line naming the field', async () => {
    const empty = join(dir, 'empty-secret')
    writeFileSync(empty, '')
    const run = await jwtw(['mint', '--secret-file', empty], { env: { JWT_SECRET_KEY: '' } })
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1)
    expect(run.stderr).toMatch(/^ERR_INVALID_ARGUMENT: .*key\.secret: /)
  })
})

describe('exp: null (SpacetimeDB identity tokens)', () => {
  it('verify explains it and fails; --allow-null-exp accepts it; scan counts it as long-lived', async () => {
    const t = await providerToken('spacetimedb')
    expect(t.claims['exp']).toBeNull()
    const jwks = join(dir, 'spacetimedb.jwks.json')
    writeFileSync(jwks, JSON.stringify(t.jwks))
    const env = { env: { JWT_SECRET_KEY: '' } }
    const refused = await jwtw(['verify', t.token, '--key-file', jwks], env)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/"exp" is null.*SpacetimeDB.*--allow-null-exp/)
    const allowed = await jwtw(['verify', t.token, '--key-file', jwks, '--allow-null-exp'], env)
    expect(allowed.code).toBe(0)
    expect(allowed.stdout).toContain('exp_null')
    const scanned = await jwtw(['scan', '--json', '-'], {
      ...env,
      input: `auth ok token=${t.token}\n`,
    })
    expect(JSON.parse(scanned.stdout).tokens[0].longLived).toBe(true)
  })
})

describe('verify explains an issuer that differs for a known reason', () => {
  it('an Entra v1 token checked against the v2.0 issuer names the manifest setting', async () => {
    const v2 = `https://login.microsoftonline.com/${ENTRA_TENANT}/v2.0`
    const run = await verify('entra-v1', '--iss', v2)
    expect(run.code).toBe(1)
    expect(check(run, 'iss')?.message).toMatch(
      /^Issuer is https:\/\/sts\.windows\.net\/72f988bf-86f1-41af-91ab-2d7cd011db47\/, expected .*\/v2\.0\. This is an Entra ID v1 token .*accessTokenAcceptedVersion: 2/,
    )
    const reverse = await verify('entra-v2', '--iss', `https://sts.windows.net/${ENTRA_TENANT}/`)
    expect(check(reverse, 'iss')?.message).toContain('This is an Entra ID v2.0 token')
  })

  it('an issuer without the trailing slash Auth0 puts in iss', async () => {
    const run = await verify('auth0-access', '--iss', AUTH0_ISSUER.replace(/\/$/, ''))
    expect(run.code).toBe(1)
    expect(check(run, 'iss')?.message).toContain('differ only by a trailing slash')
    const other = await verify('keycloak', '--iss', 'https://sso.example.org/realms/other')
    expect(check(other, 'iss')?.message).toBe(
      `Issuer is ${KEYCLOAK_ISSUER}, expected https://sso.example.org/realms/other.`,
    )
  })
})

describe('scan text output on a terminal', () => {
  it('fits the terminal width and shows the provider, aud, scope and lint of each token', async () => {
    const t = await providerToken('keycloak')
    const run = await jwtw(['scan', '-'], {
      input: `GET /orders HTTP/1.1 authorization="Bearer ${t.token}"\n`,
      tty: true,
      columns: 80,
      env: { NO_COLOR: '1' },
    })
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80)
    expect(run.stdout).toContain('Keycloak · realm shop-production')
    expect(run.stdout).toMatch(/aud orders-api, account/)
    expect(run.stdout).toMatch(/scope openid/)
  })
})
