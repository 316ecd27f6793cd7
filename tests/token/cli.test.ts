// Spawns the built jwtw (run `npm run build` or `node scripts/build-cli.mjs` first).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { runJwtw } from '../helpers/cli'
import { HMAC_SECRET, p256 } from './keys'

const dir = mkdtempSync(join(tmpdir(), 'jwtw-cli-token-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const noEnvSecret = { JWT_SECRET_KEY: '' }
// Placeholders keep the secret and file paths out of test titles; jwtw() fills them in.
const S = ['--secret', 'SECRET']
const jwtw = (args: readonly string[], options: Parameters<typeof runJwtw>[1] = {}) =>
  runJwtw(
    args.map((a) => (a === 'SECRET' ? HMAC_SECRET : a)),
    { ...options, env: { ...noEnvSecret, ...options.env } },
  )

async function mint(args: string[]): Promise<string> {
  const run = await jwtw(['mint', ...args])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/)
  return run.stdout.trim()
}

describe('jwtw mint', () => {
  it('prints only the token; claims, aliases, header fields and flags land in it', async () => {
    const token = await mint([
      ...S,
      '--algorithm',
      'HS384',
      '--subject',
      'alice',
      '--iss',
      'me',
      '--aud',
      'a',
      '--aud',
      'b',
      '--expires-in',
      '15m',
      '--claim',
      'n=5',
      '--claim',
      'name=Ada',
      '--claim',
      'o={"x":[1,2]}',
      '--claim',
      'flag=true',
      '--header',
      'x-env=test',
      '--kid',
      'k1',
      '--jti',
    ])
    const payload = decodeJwt(token)
    expect(payload).toMatchObject({
      sub: 'alice',
      iss: 'me',
      aud: ['a', 'b'],
      n: 5,
      name: 'Ada',
      o: { x: [1, 2] },
      flag: true,
    })
    expect(payload.exp! - payload.iat!).toBe(900)
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(decodeProtectedHeader(token)).toEqual({
      'x-env': 'test',
      alg: 'HS384',
      typ: 'JWT',
      kid: 'k1',
    })
  })

  it('--claims JSON and @FILE, --no-iat, --template, --key-file, --secret-file', async () => {
    const inline = decodeJwt(
      await mint([...S, '--claims', '{"role":"admin"}', '--no-iat', '--expires-in', 'none']),
    )
    expect(inline).toEqual({ role: 'admin' })
    // Without --expires-in or a template, a token lives 15 minutes (as in the UI).
    const defaulted = decodeJwt(await mint([...S]))
    expect(defaulted.exp! - defaulted.iat!).toBe(900)
    const fromFile = decodeJwt(
      await mint([...S, '--claims', `@${file('c.json', '{"tenant_id":"t1"}')}`]),
    )
    expect(fromFile.tenant_id).toBe('t1')
    const templated = decodeJwt(await mint([...S, '--template', 'dashboard-user']))
    expect(templated.exp! - templated.iat!).toBe(86400)
    const es = await mint([
      '--key-file',
      file('p256.pem', p256.privatePem),
      '--template',
      'game-server-identity',
    ])
    expect(decodeProtectedHeader(es).alg).toBe('ES256')
    expect(decodeProtectedHeader(es).kid).toBeDefined()
    const noKid = await mint(['--key-file', file('p256.pem', p256.privatePem), '--no-kid'])
    expect(decodeProtectedHeader(noKid)).not.toHaveProperty('kid')
    const fromSecretFile = await mint([
      '--secret-file',
      file('secret.txt', `${HMAC_SECRET}\n`),
      '--no-iat',
      '--expires-in',
      '2030-01-01T00:00:00Z',
    ])
    const direct = await mint([...S, '--no-iat', '--expires-in', '2030-01-01T00:00:00Z'])
    expect(fromSecretFile).toBe(direct)
  })

  it('takes the secret from JWT_SECRET_KEY when no key option is given', async () => {
    const run = await jwtw(['mint', '--sub', 'x', '--no-iat', '--expires-in', 'none'], {
      env: { JWT_SECRET_KEY: HMAC_SECRET },
    })
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(
      await mint([...S, '--sub', 'x', '--no-iat', '--expires-in', 'none']),
    )
  })

  it('warns on stderr about a weak secret, refuses it under --strict', async () => {
    const weak = await jwtw(['mint', '--secret', 'short'], { env: noEnvSecret })
    expect(weak.code).toBe(0)
    expect(weak.stderr).toMatch(/^warning: The secret is 5 bytes/)
    expect(weak.stdout.split('.')).toHaveLength(3)
    const strict = await jwtw(['mint', '--secret', 'short', '--strict'], { env: noEnvSecret })
    expect(strict).toMatchObject({ code: 1, stdout: '' })
    expect(strict.stderr).toMatch(/^ERR_WEAK_SECRET: /)
    expect(strict.stderr.trim().split('\n')).toHaveLength(1)
  })

  it.each([
    [['mint'], 1, 'ERR_NO_KEY'],
    [['mint', ...S, '--expires-in', 'soon'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--not-before', 'later'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--expires-in', '2001-01-01T00:00:00Z'], 1, 'ERR_EXP_BEFORE_IAT'],
    [['mint', '--key-file', '/nonexistent/key.pem'], 1, 'ERR_FILE_READ'],
    [['mint', ...S, '--claims', '@/nonexistent/claims.json'], 1, 'ERR_FILE_READ'],
    [['mint', '--key-file', 'PUB'], 1, 'ERR_NO_KEY'],
    [['mint', ...S, '--alg', 'ES256'], 1, 'ERR_KEY_ALG_MISMATCH'],
    [['mint', '--secret=-----BEGIN PUBLIC KEY-----'], 1, 'ERR_KEY_ALG_MISMATCH'],
    [['mint', '--key', 'no-such-stored-key'], 1, 'ERR_'],
    [['mint', ...S, '--alg', 'XX256'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--alg', 'none'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--key', 'k'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--claims', '[1]'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--claim', 'novalue'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--template', 'nope'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--bogus'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, 'extra'], 2, 'ERR_INVALID_ARGUMENT'],
    [['mint', ...S, '--kid', 'k', '--no-kid'], 2, 'ERR_INVALID_ARGUMENT'],
  ])('%j exits %i with %s on stderr', async (args, code, prefix) => {
    const argv = args.map((a) => (a === 'PUB' ? file('pub.pem', p256.publicPem) : a))
    const run = await jwtw(argv, { env: noEnvSecret })
    expect(run.code).toBe(code)
    expect(run.stdout).toBe('')
    expect(run.stderr.startsWith(prefix)).toBe(true)
    if (code === 2) expect(run.stderr).toMatch(/Usage: jwtw mint/)
    else expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('--unsecured makes an alg none token', async () => {
    const run = await jwtw(['mint', '--unsecured', '--sub', 'x'], { env: noEnvSecret })
    expect(run.code).toBe(0)
    expect(decodeProtectedHeader(run.stdout.trim()).alg).toBe('none')
    expect(run.stderr).toMatch(/^warning: Unsecured/)
  })
})

describe('jwtw verify', () => {
  it('exits 0 for a valid token from an argument, from -, and from stdin', async () => {
    const token = await mint([
      ...S,
      '--sub',
      'alice',
      '--aud',
      'api',
      '--claim',
      'role=admin',
      '--expires-in',
      '1h',
    ])
    const args = [
      ...S,
      '--aud',
      'api',
      '--require',
      'role=admin',
      '--require',
      'sub',
      '--alg',
      'HS256',
      '--max-age',
      '1h',
      '--clock-tolerance',
      '30s',
    ]
    for (const [argv, input] of [
      [['verify', token, ...args], ''],
      [['verify', '-', ...args], `${token}\n`],
      [['verify', ...args], token],
    ] as const) {
      const run = await jwtw([...argv], { input, env: noEnvSecret })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^valid\n/)
      expect(run.stdout).toMatch(/ok\s+signature/)
    }
  })

  it('prints lint findings with the checks', async () => {
    const token = await mint([...S, '--sub', 'alice', '--expires-in', 'none'])
    const run = await jwtw(['verify', token, ...S], { env: noEnvSecret })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/lint warning no_exp: /)
  })

  it('--json prints the result object; exit 1 and one stderr line when invalid', async () => {
    const token = await mint([...S, '--sub', 'alice', '--expires-in', '1h'])
    const ok = await jwtw(['verify', token, ...S, '--json'], { env: noEnvSecret })
    expect(ok.code).toBe(0)
    const parsed = JSON.parse(ok.stdout) as {
      valid: boolean
      checks: unknown[]
      key: { kind: string }
    }
    expect(parsed).toMatchObject({ valid: true, key: { kind: 'secret' } })
    expect(ok.stdout).not.toContain(HMAC_SECRET)

    const late = await jwtw(['verify', token, ...S, '--json', '--at', '2099-01-01T00:00:00Z'], {
      env: noEnvSecret,
    })
    expect(late.code).toBe(1)
    expect(JSON.parse(late.stdout)).toMatchObject({ valid: false })
    expect(late.stderr).toMatch(/^ERR_JWT_EXPIRED: token invalid: Expired/)
    expect(late.stderr.trim().split('\n')).toHaveLength(1)
  })

  it.each([
    [['--secret', 'the-wrong-secret-the-wrong-secret'], 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    [[...S, '--aud', 'other'], 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    [[...S, '--iss', 'other'], 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    [[...S, '--sub', 'bob'], 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    [[...S, '--require', 'role=admin'], 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    [[...S, '--alg', 'HS512'], 'ERR_JOSE_ALG_NOT_ALLOWED'],
    [['--key-file', 'PUB'], 'ERR_JOSE_ALG_NOT_ALLOWED'],
  ])('an invalid token (%j) exits 1 with %s', async (args, code) => {
    const token = await mint([...S, '--sub', 'alice', '--claim', 'role=user'])
    const argv = args.map((a) => (a === 'PUB' ? file('pub2.pem', p256.publicPem) : a))
    const run = await jwtw(['verify', token, ...argv], { env: noEnvSecret })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^invalid\n/)
    expect(run.stderr.startsWith(`${code}: `)).toBe(true)
  })

  it.each([
    [['verify', 'TOKEN'], 1, 'ERR_NO_KEY'],
    [['verify', ...S], 1, 'ERR_NO_TOKEN_FOUND'],
    [['verify', 'a.b.c', ...S], 1, 'ERR_FILE_READ'],
    [['verify', 'TOKEN', ...S, '--clock-tolerance', 'lots'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'TOKEN', ...S, '--clock-tolerance', '30'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', '--key-file', '/nonexistent.pem'], 1, 'ERR_FILE_READ'],
    [['verify', 'a.b.c', ...S, '--at', 'yesterday'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', ...S, '--alg', 'none'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', 'd.e.f', ...S], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', ...S, '--secret-file', 'x'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', ...S, '--frob'], 2, 'ERR_INVALID_ARGUMENT'],
  ])('%j exits %i with %s', async (args, code, prefix) => {
    const token = await mint([...S, '--sub', 'alice'])
    const run = await jwtw(
      args.map((a) => (a === 'TOKEN' ? token : a)),
      { env: noEnvSecret },
    )
    expect(run.code).toBe(code)
    expect(run.stdout).toBe('')
    expect(run.stderr.startsWith(`${prefix}: `)).toBe(true)
  })

  it('selects a JWKS key by kid', async () => {
    const jwk = { ...p256.publicKey.export({ format: 'jwk' }), kid: 'ec-1' }
    const jwks = file('jwks.json', JSON.stringify({ keys: [jwk] }))
    const token = await mint(['--key-file', file('p256b.pem', p256.privatePem), '--kid', 'ec-1'])
    const run = await jwtw(['verify', token, '--key-file', jwks, '--kid', 'ec-1'], {
      env: noEnvSecret,
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/kid ec-1/)
  })
})
