// `jwtw scan` as ops use it, on generated logs whose tokens and decoys sit on known lines: exact
// counts and line numbers (CRLF, no final newline, gzip, several files, stdin, block and worker
// boundaries), redaction asserted on the bytes, --fail-on, --ndjson, --follow, and verification
// against a secret and a trusted issuer's JWKS on 127.0.0.1 (in-process through the CLI's entry;
// worker threads run the built scan worker).
import { createHmac } from 'node:crypto'
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CompactSign } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jwtw, startJwtw, type CliOptions } from '../helpers/cli'
import { conforms } from '../helpers/conforms'
import { json, rsaKey, startServer, type TestServer } from '../helpers/servers'

const dir = mkdtempSync(join(tmpdir(), 'jwtw-scan-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const home = () => ({ JWTW_HOME: mkdtempSync(join(dir, 'home-')), JWT_SECRET_KEY: '' })
const scan = (args: string[], options: CliOptions = {}) =>
  jwtw(['scan', ...args], { ...options, env: { ...home(), ...options.env } })

const SECRET = 'scan-test-secret-of-32-bytes-xxxx'
const SECRET_FILE = file('secret.txt', SECRET)
const NOW = Math.floor(Date.now() / 1000)
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
function hs256(payload: object, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const input = `${b64(header)}.${b64(payload)}`
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`
}
const LIVE = hs256(
  {
    iss: 'https://idp.example',
    sub: 'alice',
    aud: 'api',
    iat: NOW - 60,
    exp: NOW + 600,
    client_id: 'web',
    scope: 'read',
  },
  { alg: 'HS256', typ: 'JWT', kid: 'k1' },
)
const EXPIRED = hs256(
  { iss: 'https://idp.example', sub: 'bob', iat: NOW - 7200, exp: NOW - 3600 },
  { alg: 'HS256', kid: 'k1' },
)
const LONG = hs256({ iss: 'https://other.example', sub: 'svc', iat: NOW, exp: NOW + 90 * 86400 })
const NONE = `${b64({ alg: 'none' })}.${b64({ sub: 'mallory', exp: NOW + 600 })}.`
const FORGED = `${LIVE.slice(0, LIVE.lastIndexOf('.'))}.${Buffer.alloc(32, 7).toString('base64url')}`
const ALL = [LIVE, EXPIRED, LONG, NONE, FORGED]

/** A log with tokens in known places (1-based line -> token) and decoys on the other lines. */
function buildLog(lines: number, places: Record<number, string>): string[] {
  const out: string[] = []
  const decoys = [
    'GET /static/app-1.2.3.js HTTP/1.1 200 version=1.2.3 build=ey.42.release',
    `id=${Buffer.from('obj-1').toString('base64url')}.${Buffer.from('v2').toString('base64url')}.x`,
    `token=${LIVE.slice(0, 40)} (truncated)`,
    `blob=eyJ${Buffer.from('{"n":1}').toString('base64url')}.eyJabc`,
    'plain text, nothing to see',
  ]
  const shapes = [
    (t: string) => `10.0.0.1 - - "GET /api HTTP/1.1" 200 authorization="Bearer ${t}"`,
    (t: string) => `10.0.0.2 "GET /callback?access_token=${t}&state=xyz HTTP/1.1" 302`,
    (t: string) => `10.0.0.3 "GET /" 200 cookie="session=${t}; theme=dark"`,
    (t: string) => `{"level":"info","msg":"request","token":"${t}"}`,
    (t: string) => `{"msg":"{\\u0022token\\u0022:\\u0022${t}\\u0022}"}`,
    (t: string) => `redirect=/login%3Ftoken%3D${t}.`,
  ]
  for (let n = 1; n <= lines; n++) {
    const token = places[n]
    out.push(token ? shapes[n % shapes.length]!(token) : decoys[n % decoys.length]!)
  }
  return out
}

interface Expected {
  count: number
  firstLine: number
  lastLine: number
}
function expectedOf(places: Record<number, string>): Map<string, Expected> {
  const map = new Map<string, Expected>()
  for (const [line, token] of Object.entries(places).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const known = map.get(token)
    if (known) {
      known.count++
      known.lastLine = Number(line)
    } else map.set(token, { count: 1, firstLine: Number(line), lastLine: Number(line) })
  }
  return map
}

interface ScanJson {
  occurrences: number
  unique: number
  files: Array<{
    path: string
    lines: number
    bytes: number
    gzip: boolean
    occurrences: number
    error?: { code: string }
  }>
  groups: Array<{
    iss: string | null
    kid: string | null
    unique: number
    occurrences: number
    failing?: number
  }>
  tokens: Array<{
    token?: string
    sha256: string
    preview: string
    count: number
    firstLine: number
    lastLine: number
    firstFile?: string
    lastFile?: string
    claims: Record<string, unknown>
    status: { state: string }
    longLived: boolean
    verification?: { state: string; code?: string }
  }>
}
function byToken(result: ScanJson): Map<string, Expected> {
  return new Map(
    result.tokens.map((t) => [
      t.token!,
      { count: t.count, firstLine: t.firstLine, lastLine: t.lastLine },
    ]),
  )
}

const PLACES: Record<number, string> = {
  3: LIVE,
  10: EXPIRED,
  11: LIVE,
  17: LONG,
  18: NONE,
  40: LIVE,
  41: FORGED,
  59: EXPIRED,
}

describe('jwtw scan: exact on generated logs', () => {
  it('counts, first and last lines, claims and status per unique token; decoys are not tokens', async () => {
    const path = file('access.log', `${buildLog(60, PLACES).join('\n')}\n`)
    const run = await scan([path, '--json', '--show-tokens'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as ScanJson
    conforms('scan', result)
    expect(byToken(result)).toEqual(expectedOf(PLACES))
    expect(result.occurrences).toBe(8)
    expect(result.unique).toBe(5)
    expect(result.files).toMatchObject([{ path, lines: 60, gzip: false, occurrences: 8 }])
    const live = result.tokens.find((t) => t.token === LIVE)!
    expect(live.claims).toEqual({
      alg: 'HS256',
      kid: 'k1',
      typ: 'JWT',
      iss: 'https://idp.example',
      sub: 'alice',
      aud: 'api',
      clientId: 'web',
      scope: 'read',
    })
    expect(live.status.state).toBe('valid')
    expect(result.tokens.find((t) => t.token === EXPIRED)!.status.state).toBe('expired')
    expect(result.tokens.find((t) => t.token === LONG)!.longLived).toBe(true)
    expect(live.longLived).toBe(false)
    // Most frequent first; groups by issuer and kid.
    expect(result.tokens[0]!.token).toBe(LIVE)
    expect(result.groups[0]).toMatchObject({
      iss: 'https://idp.example',
      kid: 'k1',
      unique: 3,
      occurrences: 6,
    })
  })

  it('CRLF lines and a file without a final newline give the same lines', async () => {
    const crlf = file('crlf.log', buildLog(60, PLACES).join('\r\n'))
    const result = JSON.parse((await scan([crlf, '--json', '--show-tokens'])).stdout) as ScanJson
    expect(byToken(result)).toEqual(expectedOf(PLACES))
    expect(result.files[0]!.lines).toBe(60)
  })

  it('gzip (by its magic bytes, whatever the name), stdin and gzip on stdin', async () => {
    const text = `${buildLog(60, PLACES).join('\n')}\n`
    const gz = file('rotated.1', gzipSync(text))
    const fromGzip = JSON.parse((await scan([gz, '--json', '--show-tokens'])).stdout) as ScanJson
    expect(byToken(fromGzip)).toEqual(expectedOf(PLACES))
    expect(fromGzip.files[0]).toMatchObject({ gzip: true, lines: 60 })
    const fromStdin = JSON.parse(
      (await scan(['--json', '--show-tokens'], { input: text })).stdout,
    ) as ScanJson
    expect(byToken(fromStdin)).toEqual(expectedOf(PLACES))
    expect(fromStdin.files[0]).toMatchObject({ path: 'stdin', lines: 60, gzip: false })
    const gzStdin = JSON.parse(
      (await scan(['-', '--json', '--show-tokens'], { input: gzipSync(text) })).stdout,
    ) as ScanJson
    expect(byToken(gzStdin)).toEqual(expectedOf(PLACES))
    expect(gzStdin.files[0]).toMatchObject({ path: 'stdin', lines: 60, gzip: true })
    const damaged = await scan([file('bad.gz', gzipSync(text).subarray(0, 200))])
    expect(damaged.code).toBe(1)
    expect(damaged.stderr).toMatch(
      /^ERR_FILE_READ: Cannot read \S+bad\.gz: it starts like gzip but is damaged \(Z_BUF_ERROR\)\.\n$/,
    )
  })

  it('several files: counts add up, first and last sightings name their file; a missing file is named and the others still scan', async () => {
    const a = file('a.log', `${buildLog(20, { 2: LIVE, 5: EXPIRED }).join('\n')}\n`)
    const b = file('b.log', `${buildLog(20, { 7: LIVE }).join('\n')}\n`)
    const missing = join(dir, 'no-such.log')
    const run = await scan([a, missing, b, '--json', '--show-tokens'])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`ERR_FILE_READ: Cannot read ${missing}: no such file.\n`)
    const result = JSON.parse(run.stdout) as ScanJson
    const live = result.tokens.find((t) => t.token === LIVE)!
    expect(live).toMatchObject({ count: 2, firstLine: 2, firstFile: a, lastLine: 7, lastFile: b })
    expect(result.files.map((f) => [f.path, f.occurrences, f.error?.code])).toEqual([
      [a, 2, undefined],
      [missing, 0, 'ERR_FILE_READ'],
      [b, 1, undefined],
    ])
  })

  it('a large file in 16 MiB blocks on worker threads: tokens across block boundaries, exact lines', async () => {
    const BLOCK = 16 << 20
    const filler = 'x'.repeat(99) + '\n'
    const parts: string[] = []
    const places: Record<number, string> = {}
    let size = 0
    let line = 1
    const put = (text: string) => {
      parts.push(text)
      size += text.length
      line += text.split('\n').length - 1
    }
    // A token that starts 20 bytes before the first boundary and ends after it, and one that
    // starts on the second boundary's first byte.
    for (const [boundary, before, token] of [
      [BLOCK, 20, LIVE],
      [2 * BLOCK, 0, EXPIRED],
    ] as const) {
      while (size + filler.length < boundary - before - 1) put(filler)
      put(`${'y'.repeat(boundary - before - size - 1)} `)
      places[line] = token
      put(`${token}\n`)
    }
    put(`${filler}Bearer ${LONG}`)
    places[line] = LONG
    const path = file('big.log', parts.join(''))
    const run = await scan([path, '--json', '--show-tokens'], {
      env: { JWTW_SCAN_WORKERS: '1' },
    })
    expect(run.stderr).toBe('')
    const result = JSON.parse(run.stdout) as ScanJson
    expect(byToken(result)).toEqual(expectedOf(places))
    expect(result.files[0]!.lines).toBe(line)
    const js = await scan([path, '--json', '--show-tokens'], {
      env: { JWTW_SCAN_ENGINE: 'js', JWTW_SCAN_WORKERS: '0' },
    })
    expect(byToken(JSON.parse(js.stdout) as ScanJson)).toEqual(expectedOf(places))
  }, 120_000)
})

describe('jwtw scan: tokens are credentials', () => {
  it('no full token, and no signature, in the default output or --json; --show-tokens shows them', async () => {
    const path = file('secret.log', `${buildLog(60, PLACES).join('\n')}\n`)
    for (const args of [[path], [path, '--json'], [path, '--ndjson']]) {
      const run = await scan(args)
      const bytes = Buffer.from(run.stdout + run.stderr)
      for (const token of ALL) {
        expect(bytes.includes(token), `${args.join(' ')} shows a token`).toBe(false)
        const signature = token.slice(token.lastIndexOf('.') + 1)
        if (signature)
          expect(bytes.includes(signature), `${args.join(' ')} shows a signature`).toBe(false)
      }
      expect(run.stdout).toContain('eyJhbGciOi…(')
    }
    expect((await scan([path, '--show-tokens'])).stdout).toContain(LIVE)
  })
})

describe('jwtw scan: exit codes for pipelines', () => {
  const path = () => file('ci.log', `${buildLog(60, PLACES).join('\n')}\n`)

  it('0 whatever it found; 1 when a --fail-on condition holds, saying which', async () => {
    expect((await scan([path()])).code).toBe(0)
    const run = await scan([path(), '--fail-on', 'expired,none', '--fail-on', 'long-lived'])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'fail-on: 1 unique token expired\nfail-on: 1 unique token with alg none\nfail-on: 1 unique token long-lived\n',
    )
    const clean = file('clean.log', `${buildLog(10, { 4: LIVE }).join('\n')}\n`)
    expect((await scan([clean, '--fail-on', 'expired,none,long-lived'])).code).toBe(0)
  })

  it('2 for bad arguments: an unknown condition, invalid without a key, --json with --ndjson, two key sources', async () => {
    for (const args of [
      ['--fail-on', 'stale'],
      ['--fail-on', 'invalid'],
      ['--json', '--ndjson'],
      ['--trusted', '--secret-file', SECRET_FILE],
    ]) {
      const run = await scan([path(), ...args])
      expect(run.code, args.join(' ')).toBe(2)
    }
  })

  it('with a secret: forged tokens fail, alg none fails, the rest verify; --fail-on invalid', async () => {
    const run = await scan([
      path(),
      '--secret-file',
      SECRET_FILE,
      '--json',
      '--show-tokens',
      '--fail-on',
      'invalid',
    ])
    expect(run.code).toBe(1)
    const result = JSON.parse(run.stdout) as ScanJson
    const state = (token: string) => result.tokens.find((t) => t.token === token)!.verification
    expect(state(LIVE)).toMatchObject({ state: 'valid' })
    expect(state(FORGED)).toMatchObject({
      state: 'invalid',
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    })
    expect(state(NONE)!.state).toBe('invalid')
    expect(state(EXPIRED)).toMatchObject({ state: 'invalid', code: 'ERR_JWT_EXPIRED' })
    expect(result.groups.find((g) => g.kid === 'k1')!.failing).toBe(2)
    expect(run.stderr).toBe('fail-on: 3 unique tokens invalid\n')
  })
})

describe('jwtw scan: streaming', () => {
  it('--ndjson: a line per new unique token in file order, then the summary', async () => {
    const text = `${buildLog(60, PLACES).join('\n')}\n`
    const run = await scan(['-', '--ndjson'], { input: text })
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; firstLine?: number; occurrences?: number })
    for (const line of lines) conforms('scan-line', line)
    expect(lines.map((l) => l.type)).toEqual([
      'token',
      'token',
      'token',
      'token',
      'token',
      'summary',
    ])
    expect(lines.slice(0, 5).map((l) => l.firstLine)).toEqual([3, 10, 17, 18, 41])
    expect(lines[5]!.occurrences).toBe(8)
  })

  it('--follow picks up appended lines (and a rotation); Ctrl+C prints the summary, exit 0', async () => {
    const path = file('growing.log', `${buildLog(5, { 2: LIVE }).join('\n')}\n`)
    const running = startJwtw(['scan', path, '--follow', '--json', '--show-tokens'], {
      env: home(),
    })
    await new Promise((resolve) => setTimeout(resolve, 800))
    appendFileSync(path, `${buildLog(3, { 1: EXPIRED, 3: LIVE }).join('\n')}\n`)
    await new Promise((resolve) => setTimeout(resolve, 800))
    // Rotated: a new, shorter file under the same name is read from its start.
    rmSync(path)
    writeFileSync(path, `Bearer ${LONG}\n`)
    await new Promise((resolve) => setTimeout(resolve, 800))
    running.interrupt()
    const { code, stdout } = await running.done
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as ScanJson & { partial?: boolean }
    expect(result.partial).toBe(true)
    expect(byToken(result)).toEqual(
      new Map([
        [LIVE, { count: 2, firstLine: 2, lastLine: 8 }],
        [EXPIRED, { count: 1, firstLine: 6, lastLine: 6 }],
        [LONG, { count: 1, firstLine: 9, lastLine: 9 }],
      ]),
    )
  }, 20_000)
})

describe('jwtw scan --trusted', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  it("verifies each token with its trusted issuer's keys, once per unique token; others are unverifiable", async () => {
    const env = home()
    const key = rsaKey('r1')
    const issuer = `${server.url}/realms/ops`
    server.route(
      '/realms/ops/.well-known/openid-configuration',
      json({ issuer, jwks_uri: `${server.url}/jwks` }),
    )
    server.route('/jwks', json({ keys: [key.jwk] }, { 'cache-control': 'max-age=300' }))
    const sign = (claims: object) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'RS256', kid: 'r1' })
        .sign(key.privateKey)
    const good = await sign({ iss: issuer, sub: 'a', exp: NOW + 600 })
    const stranger = hs256({ iss: 'https://unknown.example', sub: 'x', exp: NOW + 600 })
    const places: Record<number, string> = { 1: good, 2: good, 3: stranger, 4: good }
    const path = file('trusted.log', `${buildLog(5, places).join('\n')}\n`)
    expect((await jwtw(['issuers', 'add', issuer, '--any-audience'], { env })).code).toBe(0)
    const run = await jwtw(['scan', path, '--trusted', '--json', '--show-tokens'], { env })
    expect(run.stderr).toBe('')
    const result = JSON.parse(run.stdout) as ScanJson
    expect(result.tokens.find((t) => t.token === good)!.verification).toMatchObject({
      state: 'valid',
    })
    expect(result.tokens.find((t) => t.token === stranger)!.verification).toMatchObject({
      state: 'unverifiable',
      code: 'ERR_ISSUER_NOT_TRUSTED',
    })
    expect(server.hits('/jwks')).toBe(1)
    const human = await jwtw(['scan', path, '--trusted'], { env })
    expect(human.stdout).toMatch(/FAILING +UNVERIFIABLE/)
    expect(human.stdout).toContain('verified')
  })
})

describe('jwtw scan: one bad line never aborts a scan', () => {
  const huge = (n: number) => `${b64({ alg: 'HS256' })}.${'A'.repeat(n)}.c2ln`

  it('a run over the 256 KiB cap is a finding (line, size); the alg-none token on the next line is still reported', async () => {
    const text = `line 1\nBearer ${huge(300 << 10)}\nBearer ${NONE}\nBearer ${huge(3 << 20)}\n${LIVE}\n`
    const path = file('oversized.log', text)
    for (const [args, options] of [
      [[path], {}],
      [['-'], { input: text }],
    ] as const) {
      const run = await scan([...args, '--json', '--show-tokens'], options)
      expect(run.code).toBe(0)
      const result = JSON.parse(run.stdout) as ScanJson & {
        oversizedCount: number
        oversized: Array<{ line: number; bytes: number; code: string }>
      }
      conforms('scan', result)
      expect(result.tokens.map((t) => t.token).sort()).toEqual([LIVE, NONE].sort())
      expect(result.oversizedCount).toBe(2)
      expect(result.oversized[0]).toMatchObject({ line: 2, code: 'ERR_INPUT_TOO_LARGE' })
      expect(result.oversized[0]!.bytes).toBeGreaterThan(300 << 10)
      expect(result.oversized[1]!.line).toBe(4)
    }
    const failing = await scan([file('oversized2.log', text), '--fail-on', 'oversized,none'])
    expect(failing.code).toBe(1)
    expect(failing.stderr).toBe(
      'fail-on: 2 runs too long for a token\nfail-on: 1 unique token with alg none\n',
    )
    expect(failing.stdout).toMatch(/2 runs too long for one token \(not decoded\): line 2 \(/)
  })

  it('a truncated token (a header and dots) is counted apart, never among tokens or occurrences', async () => {
    const path = file('truncated.log', `a eyJhbGciOiJIUzI1NiJ9.. b\nc ${LIVE} d\n`)
    const result = JSON.parse((await scan([path, '--json'])).stdout) as ScanJson & {
      truncated: number
    }
    expect(result.occurrences).toBe(1)
    expect(result.unique).toBe(1)
    expect(result.truncated).toBe(1)
    // A detached-payload JWS (header..signature) is still a token.
    const detached = `${b64({ alg: 'HS256', b64: false, crit: ['b64'] })}..${Buffer.alloc(32, 1).toString('base64url')}`
    const again = JSON.parse(
      (await scan(['--json'], { input: `x ${detached} y\n` })).stdout,
    ) as ScanJson & { truncated: number }
    expect([again.unique, again.truncated]).toEqual([1, 0])
  })

  it('--follow survives an injected oversized line', async () => {
    const path = file('follow-huge.log', `${LIVE}\n`)
    const running = startJwtw(['scan', path, '--follow', '--json', '--show-tokens'], {
      env: home(),
    })
    await new Promise((resolve) => setTimeout(resolve, 600))
    appendFileSync(path, `${huge(2 << 20)}\n${EXPIRED}\n`)
    await new Promise((resolve) => setTimeout(resolve, 900))
    running.interrupt()
    const { code, stdout } = await running.done
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as ScanJson & { oversizedCount: number }
    expect(result.oversizedCount).toBe(1)
    expect(result.tokens.map((t) => t.token).sort()).toEqual([LIVE, EXPIRED].sort())
  }, 20_000)

  it('with a JWK Set: tokens the keys cannot speak for (another issuer, key type or kid) are unverifiable, not invalid', async () => {
    const key = rsaKey('r9')
    const set = file('set.json', JSON.stringify({ keys: [key.jwk] }))
    const own = await new CompactSign(
      new TextEncoder().encode(JSON.stringify({ iss: 'https://idp', exp: NOW + 60 })),
    )
      .setProtectedHeader({ alg: 'RS256', kid: 'r9' })
      .sign(key.privateKey)
    const path = file('mixed.log', `${own}\n${LIVE}\n${NONE}\n`)
    const run = await scan([
      path,
      '--key-file',
      set,
      '--json',
      '--show-tokens',
      '--fail-on',
      'invalid',
    ])
    const result = JSON.parse(run.stdout) as ScanJson
    const state = (token: string) =>
      result.tokens.find((t) => t.token === token)!.verification!.state
    expect(state(own)).toBe('valid')
    expect(state(LIVE)).toBe('unverifiable')
    expect(state(NONE)).toBe('invalid')
    expect(run.stderr).toBe('fail-on: 1 unique token invalid\n')
  })
})
