// `jwtw mint` and `jwtw verify` in-process through the CLI's entry.
import fc from 'fast-check'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { describe, expect, it } from 'vitest'
import { tempFiles } from '../helpers/temp-files'
import { jwtw as run, type CliOptions } from '../helpers/cli'
import { HMAC_SECRET, p256 } from '../helpers/keys'

const { file } = tempFiles('cli-token')
const noEnvSecret = { JWT_SECRET_KEY: '' }
const SECRET_FILE = file('secret.txt', `${HMAC_SECRET}\n`)
// Placeholders keep the secret file's path out of test titles; jwtw() fills it in.
const S = ['--secret-file', 'SECRET']
const jwtw = (args: readonly string[], options: CliOptions = {}) =>
  run(
    args.map((a) => (a === 'SECRET' ? SECRET_FILE : a)),
    { ...options, env: { ...noEnvSecret, ...options.env } },
  )

async function mint(args: string[]): Promise<string> {
  const result = await jwtw(['mint', ...args])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/)
  return result.stdout.trim()
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
    const fromStdin = await jwtw(
      ['mint', '--secret-file', '-', '--no-iat', '--expires-in', '2030-01-01T00:00:00Z'],
      { input: `${HMAC_SECRET}\n` },
    )
    const direct = await mint([...S, '--no-iat', '--expires-in', '2030-01-01T00:00:00Z'])
    expect(fromStdin.stdout.trim()).toBe(direct)
  })

  it('takes the secret from JWT_SECRET_KEY when no key option is given', async () => {
    const result = await jwtw(['mint', '--sub', 'x', '--no-iat', '--expires-in', 'none'], {
      env: { JWT_SECRET_KEY: HMAC_SECRET },
    })
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(
      await mint([...S, '--sub', 'x', '--no-iat', '--expires-in', 'none']),
    )
  })

  it('warns on stderr about a weak secret, refuses it under --strict', async () => {
    const short = file('short.txt', 'short')
    const weak = await jwtw(['mint', '--secret-file', short], { env: noEnvSecret })
    expect(weak.code).toBe(0)
    expect(weak.stderr).toMatch(/^warning: The secret is 5 bytes/)
    expect(weak.stdout.split('.')).toHaveLength(3)
    const strict = await jwtw(['mint', '--secret-file', short, '--strict'], { env: noEnvSecret })
    expect(strict).toMatchObject({ code: 1, stdout: '' })
    expect(strict.stderr).toMatch(/^ERR_WEAK_SECRET: /)
    expect(strict.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('a secret given with --secret works but warns, once, that it is in the process list', async () => {
    const argv = await jwtw(['mint', '--secret', HMAC_SECRET, '--no-iat', '--expires-in', 'none'])
    expect(argv.code).toBe(0)
    expect(argv.stderr).toBe(
      'warning: --secret puts the secret in the process list, where other users of this machine can read it; prefer --secret-file FILE, stdin or JWT_SECRET_KEY.\n',
    )
    const quiet = await jwtw(['mint', ...S, '--no-iat', '--expires-in', 'none'])
    expect(quiet.stderr).toBe('')
    expect(argv.stdout).toBe(quiet.stdout)
  })

  it('--secret-file - on a terminal asks without echo; the secret is never printed', async () => {
    const typed = await jwtw(['mint', '--secret-file', '-', '--no-iat', '--expires-in', 'none'], {
      terminal: true,
      input: `${HMAC_SECRET}\r`,
    })
    expect(typed.code).toBe(0)
    expect(typed.stderr).toBe('HMAC secret (not shown): \n')
    const expected = await mint([...S, '--no-iat', '--expires-in', 'none'])
    expect(typed.stdout.trim()).toBe(expected)
    const cancelled = await jwtw(['mint', '--secret-file', '-'], {
      terminal: true,
      input: 'abc\u0003',
    })
    expect(cancelled.code).toBe(1)
    expect(cancelled.stderr).toMatch(/ERR_CANCELLED: Cancelled at the prompt/)
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
    [['mint', '--secret-file', 'PEMSECRET'], 1, 'ERR_KEY_ALG_MISMATCH'],
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
    const argv = args.map((a) =>
      a === 'PUB'
        ? file('pub.pem', p256.publicPem)
        : a === 'PEMSECRET'
          ? file('pem-secret.txt', '-----BEGIN PUBLIC KEY-----')
          : a,
    )
    const result = await jwtw(argv, { env: noEnvSecret })
    expect(result.code).toBe(code)
    expect(result.stdout).toBe('')
    expect(result.stderr.startsWith(prefix)).toBe(true)
    if (code === 2) expect(result.stderr).toMatch(/Usage: jwtw mint/)
    else expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('--unsecured makes an alg none token', async () => {
    const result = await jwtw(['mint', '--unsecured', '--sub', 'x'], { env: noEnvSecret })
    expect(result.code).toBe(0)
    expect(decodeProtectedHeader(result.stdout.trim()).alg).toBe('none')
    expect(result.stderr).toMatch(/^warning: Unsecured/)
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
      [['verify', `  Bearer ${token}\n`, ...args], ''],
      [['verify', '-', ...args], `${token}\n`],
      [['verify', ...args], token],
      [['verify', '--file', file('token.txt', `${token}\n`), ...args], ''],
    ] as const) {
      const result = await jwtw([...argv], { input, env: noEnvSecret })
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/^valid\n/)
      expect(result.stdout).toMatch(/ok\s+signature/)
    }
  })

  it('prints lint findings with the checks', async () => {
    const token = await mint([...S, '--sub', 'alice', '--expires-in', 'none'])
    const result = await jwtw(['verify', token, ...S], { env: noEnvSecret })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/lint warning no_exp: /)
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
    [['--secret-file', 'WRONG'], 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    [[...S, '--aud', 'other'], 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    [[...S, '--iss', 'other'], 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    [[...S, '--sub', 'bob'], 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    [[...S, '--require', 'role=admin'], 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    [[...S, '--alg', 'HS512'], 'ERR_JOSE_ALG_NOT_ALLOWED'],
    [['--key-file', 'PUB'], 'ERR_JOSE_ALG_NOT_ALLOWED'],
  ])('an invalid token (%j) exits 1 with %s', async (args, code) => {
    const token = await mint([...S, '--sub', 'alice', '--claim', 'role=user'])
    const argv = args.map((a) =>
      a === 'PUB'
        ? file('pub2.pem', p256.publicPem)
        : a === 'WRONG'
          ? file('wrong.txt', 'the-wrong-secret-the-wrong-secret')
          : a,
    )
    const result = await jwtw(['verify', token, ...argv], { env: noEnvSecret })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^invalid\n/)
    expect(result.stderr.startsWith(`${code}: `)).toBe(true)
  })

  it.each([
    [['verify', 'TOKEN'], 1, 'ERR_NO_KEY'],
    [['verify', ...S], 1, 'ERR_NO_TOKEN_FOUND'],
    [['verify', 'a.b.c', ...S], 1, 'ERR_JWT_MALFORMED'],
    [['verify', 'TOKEN', ...S, '--clock-tolerance', 'lots'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'TOKEN', ...S, '--clock-tolerance', '30'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'TOKEN', '--key-file', '/nonexistent.pem'], 1, 'ERR_FILE_READ'],
    [['verify', 'a.b.c', ...S, '--at', 'yesterday'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', ...S, '--alg', 'none'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', 'd.e.f', ...S], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', ...S, '--key', 'x'], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'TOKEN', '--file', 'x', ...S], 2, 'ERR_INVALID_ARGUMENT'],
    [['verify', 'a.b.c', ...S, '--frob'], 2, 'ERR_INVALID_ARGUMENT'],
  ])('%j exits %i with %s', async (args, code, prefix) => {
    const token = await mint([...S, '--sub', 'alice'])
    const result = await jwtw(
      args.map((a) => (a === 'TOKEN' ? token : a)),
      { env: noEnvSecret },
    )
    expect(result.code).toBe(code)
    expect(result.stdout).toBe('')
    expect(result.stderr.startsWith(`${prefix}: `)).toBe(true)
  })

  it('selects a JWKS key by kid', async () => {
    const jwk = { ...p256.publicKey.export({ format: 'jwk' }), kid: 'ec-1' }
    const jwks = file('jwks.json', JSON.stringify({ keys: [jwk] }))
    const token = await mint(['--key-file', file('p256b.pem', p256.privatePem), '--kid', 'ec-1'])
    const result = await jwtw(['verify', token, '--key-file', jwks, '--kid', 'ec-1'], {
      env: noEnvSecret,
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/kid ec-1/)
  })
})

describe('jwtw verify: what is given is what is checked', () => {
  it('never reads an argument as a file: a path holding a valid token is not a token', async () => {
    const token = await mint([...S, '--sub', 'svc-orders', '--expires-in', '1h'])
    const saved = file('sa-token', token)
    for (const path of [
      saved,
      '/proc/self/environ',
      '/var/run/secrets/kubernetes.io/serviceaccount/token',
    ]) {
      const result = await jwtw(['verify', path, ...S])
      expect(result.code, path).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(
        /^ERR_JWT_MALFORMED: Not a token: it looks like a file name; .*use --file PATH/,
      )
      // The answer does not tell whether the path exists.
      expect(result.stderr).not.toMatch(/no such file|ERR_FILE_READ/)
    }
  })

  it('a character appended, or a segment replaced by junk, fails the encoding check', async () => {
    const token = await mint([...S, '--sub', 'alice', '--expires-in', '1h'])
    const [h, p, sig] = token.split('.') as [string, string, string]
    for (const altered of [
      `${token}?`,
      `${h}.${p}.!!!`,
      `${h}!.${p}.${sig}`,
      `${h}.${p.slice(0, 10)}*${p.slice(10)}.${sig}`,
      `${h}.${p}.${sig.slice(0, 5)}$${sig.slice(5)}`,
    ]) {
      const result = await jwtw(['verify', altered, ...S, '--json'])
      expect(result.code, altered.slice(-12)).toBe(1)
      const parsed = JSON.parse(result.stdout) as {
        valid: boolean
        checks: Array<{ id: string; ok: boolean }>
      }
      expect(parsed.valid).toBe(false)
      expect(parsed.checks.find((c) => c.id === 'encoding')?.ok).toBe(false)
    }
  })

  it('text around the token is refused (only whitespace and one "Bearer " may surround it)', async () => {
    const token = await mint([...S, '--sub', 'alice'])
    const result = await jwtw(['verify', `Authorization: Bearer ${token}`, ...S])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^ERR_JWT_MALFORMED: Not a token: the text holds 3 words/)
    const twice = await jwtw(['verify', `Bearer Bearer ${token}`, ...S])
    expect(twice.code).toBe(1)
  })

  it('an endless file given with --file stops at the cap (/dev/zero)', async () => {
    const result = await jwtw(['verify', '--file', '/dev/zero', ...S])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^ERR_INPUT_TOO_LARGE: The token text \/dev\/zero is over 1 MiB/)
  })

  it('--all shows which token each verdict is for (iss, sub, exp)', async () => {
    const a = await mint([...S, '--sub', 'alice', '--iss', 'https://auth.example-retail.com'])
    const b = await mint([...S, '--sub', 'bob', '--iss', 'https://auth.example-retail.com'])
    const result = await jwtw(['verify', '--all', ...S], { input: `GET /a ${a}\nGET /b ${b}\n` })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^valid {2}iss https:\/\/auth\.example-retail\.com, sub alice, exp \S+Z \(in 1[45]m/m,
    )
    expect(result.stdout).toMatch(
      /^valid {2}iss https:\/\/auth\.example-retail\.com, sub bob, exp/m,
    )
  })

  it('names a key only when it verified; an unknown kid lists how many keys were tried', async () => {
    const jwk = { ...p256.publicKey.export({ format: 'jwk' }), kid: 'ec-1' }
    const jwks = file('jwks-unknown.json', JSON.stringify({ keys: [jwk] }))
    const token = await mint(['--key-file', file('p256c.pem', p256.privatePem), '--kid', 'k-2025'])
    const result = await jwtw(['verify', token, '--key-file', jwks])
    expect(result.code).toBe(1)
    expect(result.stdout).not.toMatch(/key: .*k-2025/)
    expect(result.stdout).toMatch(/key: none used; no key fit the token \(from --key-file /)
  })

  it('property: any text that is not exactly one compact token never verifies', async () => {
    const token = await mint([...S, '--sub', 'alice', '--expires-in', '1h'])
    const junk = fc.constantFrom(
      '?',
      '!',
      ' ',
      '\n',
      '#',
      '%',
      '=',
      '+',
      '/',
      '"',
      '.',
      ',',
      'é',
      '\u0000',
    )
    const altered = fc.oneof(
      fc
        .tuple(fc.nat(token.length), junk)
        .map(([at, c]) => token.slice(0, at) + c + token.slice(at)),
      fc
        .tuple(fc.nat(token.length - 1), junk)
        .map(([at, c]) => token.slice(0, at) + c + token.slice(at + 1)),
      fc.string({ maxLength: 40 }).map((text) => `${text} ${token}`),
      fc.string({ maxLength: 40 }).map((text) => `${token}${text}x`),
      fc.nat(token.length - 1).map((cut) => token.slice(0, cut)),
    )
    await fc.assert(
      fc.asyncProperty(altered, async (text) => {
        const unwrapped = text.trim().replace(/^Bearer[ \t]+/i, '')
        fc.pre(unwrapped !== token)
        const result = await jwtw(['verify', ...S, '--', text])
        expect(result.code).not.toBe(0)
      }),
      { numRuns: 150 },
    )
  })
})
