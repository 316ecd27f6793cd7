// Spawns the built jwtw: builds the CLI once (esbuild, about a second) before the tests.
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { PassThrough, Readable } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { JWTW, ROOT, runJwtw } from '../helpers/cli'
import { LIMITS } from '../../src/shared/limits'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const nowS = () => Math.floor(Date.now() / 1000)

// Relative times are printed against the real clock; half a minute of slack keeps the rounded
// phrase stable however slow the machine is.
const fresh = () =>
  `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'alice', role: 'admin', iat: nowS() - 30, exp: nowS() + 2 * 3600 + 30 })}.c2lnbmF0dXJl`
const expired = () =>
  `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ sub: 'bob', exp: nowS() - 3 * 3600 - 30 })}.c2lnbmF0dXJl`
const unsecured = `${b64({ alg: 'none' })}.${b64({ sub: 'mallory', email: 'm@example.com' })}.`

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit' })
})

describe('jwtw decode', () => {
  it('decodes a token given as an argument: header, payload, times, claim titles, lint', async () => {
    const run = await runJwtw(['decode', fresh()])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Token 1 of 1: JWS HS256/)
    expect(run.stdout).toContain('"alg": "HS256"')
    expect(run.stdout).toContain('"role": "admin"')
    expect(run.stdout).toMatch(
      /exp\s+Expiration time\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(expires in 2h\)/,
    )
    expect(run.stdout).toMatch(/iat\s+Issued at\s+\S+ \(issued 3\ds ago\)/)
    expect(run.stdout).toMatch(/role\s+Role\s+"admin"/)
    expect(run.stdout).toMatch(/Lint\n\s+no findings/)
    expect(run.stdout).not.toContain('\u001b[')
  })

  it('reads stdin given "-" or nothing, finds every token in the text, counts duplicates', async () => {
    const a = fresh()
    const b = expired()
    const logs = `GET /x Authorization: Bearer ${a}\ncurl -H 'Authorization: Bearer ${b}' https://api\nGET /y Authorization: Bearer ${a}\n`
    for (const args of [['decode', '-'], ['decode']]) {
      const run = await runJwtw(args, { input: logs })
      expect(run.code, args.join(' ')).toBe(0)
      expect(run.stdout).toMatch(/Token 1 of 2: JWS HS256 at offset \d+, seen 2 times/)
      expect(run.stdout).toMatch(/Token 2 of 2: JWS RS256/)
      expect(run.stdout).toContain('(expired 3h ago)')
    }
  })

  it('prints defects and lint findings with their severity', async () => {
    const run = await runJwtw(['decode', unsecured])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Defects\n\s+unsecured \(header\)/)
    expect(run.stdout).toMatch(/error\s+alg_none: /)
    expect(run.stdout).toMatch(/warning\s+no_exp: /)
    expect(run.stdout).toMatch(/warning\s+personal_data: /)
  })

  it('--json prints an array with header, payload, lint, count, the token, its sha256 and status', async () => {
    const a = fresh()
    const run = await runJwtw(['decode', '--json', '-'], {
      input: `${a} ${unsecured} ${a}`,
    })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    const tokens = JSON.parse(run.stdout) as Array<Record<string, unknown>>
    expect(tokens).toHaveLength(2)
    expect(tokens[0]).toMatchObject({
      kind: 'JWS',
      count: 2,
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: 'alice', role: 'admin' },
      lint: [],
      times: [
        { claim: 'iat', relative: expect.stringMatching(/^issued 3\ds ago$/) },
        { claim: 'exp', relative: 'expires in 2h' },
      ],
    })
    expect(tokens[1]).toMatchObject({
      count: 1,
      header: { alg: 'none' },
      payload: { sub: 'mallory' },
    })
    expect((tokens[1]!['lint'] as Array<{ code: string }>).map((f) => f.code)).toEqual([
      'alg_none',
      'no_exp',
      'personal_data',
    ])
    // Decode is a local inspection the user asked for: the token itself comes back.
    expect(tokens[0]).toMatchObject({
      token: a,
      sha256: createHash('sha256').update(a).digest('hex'),
      status: {
        state: 'valid',
        expired: false,
        notYetValid: false,
        secondsLeft: expect.any(Number),
      },
    })
    expect(tokens[1]).toMatchObject({
      status: { state: 'no-exp', expiresAt: null, secondsLeft: null },
    })
  })

  it('decodes a JWE protected header only', async () => {
    const jwe = `${b64({ alg: 'dir', enc: 'A256GCM' })}..aXYtaXYtaXYtaXY.Y2lwaGVy.dGFnLXRhZy10YWctdGFn`
    const run = await runJwtw(['decode', `id_token=${jwe}`])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Token 1 of 1: JWE dir/)
    expect(run.stdout).toContain('Protected header')
    expect(run.stdout).toContain('"enc": "A256GCM"')
    expect(run.stdout).toContain('The payload is encrypted')
  })

  it('exits 1 with ERR_NO_TOKEN_FOUND on stderr when there is no token; --json prints []', async () => {
    for (const args of [['decode', '-'], ['decode']]) {
      const run = await runJwtw(args, { input: 'nothing to see here\n' })
      expect(run.code, args.join(' ')).toBe(1)
      expect(run.stderr).toMatch(/^ERR_NO_TOKEN_FOUND: .+\n$/)
      expect(run.stdout).toBe('')
    }
    const json = await runJwtw(['decode', '--json'], { input: 'nothing\n' })
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual([])
  })

  it('an argument without a token is a file; one that does not exist is an error naming it', async () => {
    const run = await runJwtw(['decode', 'access.log'])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('ERR_FILE_READ: Cannot read access.log: no such file.\n')
  })

  it('has no 1 MiB limit on the CLI: stdin and files of any size stream through the finder', async () => {
    const big = `${'x'.repeat(LIMITS.text)}\nAuthorization: Bearer ${fresh()}\n${'y'.repeat(LIMITS.text)}`
    const run = await runJwtw(['decode', '--json'], { input: big })
    expect(run.code).toBe(0)
    const [token] = JSON.parse(run.stdout) as Array<{ payload: { sub: string }; offset: number }>
    expect(token!.payload.sub).toBe('alice')
    expect(token!.offset).toBe(LIMITS.text + 23)
  })

  it('exits 2 with usage on stderr for bad arguments', async () => {
    for (const args of [
      ['decode', '--frob'],
      ['decode', '--jsn'],
      ['decode', '--json=yes'],
    ]) {
      const run = await runJwtw(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(/^ERR_INVALID_ARGUMENT: /)
      expect(run.stderr).toContain('Usage: jwtw decode')
      expect(run.stdout).toBe('')
    }
  })

  it('exits quietly when the reader closes the pipe early (jwtw decode | head)', async () => {
    const many = Array.from(
      { length: 3000 },
      (_, i) => `Bearer ${b64({ alg: 'HS256' })}.${b64({ sub: `user-${i}` })}.AA`,
    ).join('\n')
    const child = spawn(process.execPath, [JWTW, 'decode', '--json'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.stdout.once('data', () => child.stdout.destroy())
    child.stdin.end(many)
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('--help prints usage and the top-level help lists decode', async () => {
    const help = await runJwtw(['decode', '--help'])
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toMatch(/^Usage: jwtw decode/)
    expect((await runJwtw(['--help'])).stdout).toMatch(/\n\s+decode\s+/)
  })

  it('colors lint severities on a TTY and not with NO_COLOR', async () => {
    const run = async (env: NodeJS.ProcessEnv) => {
      const stdout = Object.assign(new PassThrough(), { isTTY: true })
      let out = ''
      stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
      const code = await runCli(['decode', unsecured], {
        stdout,
        stderr: new PassThrough(),
        stdin: Readable.from([]),
        env,
      })
      return { code, out }
    }
    const colored = await run({ TERM: 'xterm' })
    expect(colored.code).toBe(0)
    expect(colored.out).toContain('\u001b[31merror  \u001b[39m alg_none')
    expect(colored.out).toContain('\u001b[33mwarning\u001b[39m no_exp')
    const plain = await run({ TERM: 'xterm', NO_COLOR: '1' })
    expect(plain.out).not.toContain('\u001b[')
    expect(plain.out).toContain('error   alg_none')
  })
})
