// `jwtw decode` in-process through the CLI's entry: arguments are text (never paths), --file
// and stdin, junk glued to a token, truncated and oversized tokens, JSON, colors.
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/shared/limits'
import { jwtw } from '../helpers/cli'
import { providerToken } from '../helpers/provider-tokens'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const NOW = new Date('2026-12-03T12:00:00Z')
const t = NOW.getTime() / 1000
const at = { now: NOW }

const fresh = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'https://api.orders.example-retail.com', sub: 'astrid.lindqvist', role: 'admin', iat: t - 30, exp: t + 2 * 3600 })}.c2lnbmF0dXJlLW9mLTMyLWJ5dGVzLWV4YWN0bHktMTIzNA`
const expired = `${b64({ alg: 'RS256', kid: 'Wzq8c9vB7dTmI3xJ1k5yH0gF2eD4cB6aZ9yX8wV7uT6' })}.${b64({ sub: 'svc-reporting', exp: t - 3 * 3600 })}.c2lnbmF0dXJl`
const unsecured = `${b64({ alg: 'none' })}.${b64({ sub: 'mallory', email: 'mallory@evil.example' })}.`
const dir = mkdtempSync(join(tmpdir(), 'jwtw-decode-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('jwtw decode', () => {
  it('decodes a token given as an argument: header, payload, times, claim titles, lint', async () => {
    const run = await jwtw(['decode', fresh], at)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Token 1 of 1: JWS HS256 at line 1, column 1/)
    expect(run.stdout).toContain('"alg": "HS256"')
    expect(run.stdout).toContain('"role": "admin"')
    expect(run.stdout).toMatch(/exp\s+Expiration time\s+2026-12-03T14:00:00Z \(expires in 2h\)/)
    expect(run.stdout).toMatch(/iat\s+Issued at\s+\S+ \(issued 30s ago\)/)
    expect(run.stdout).toMatch(/role\s+Role\s+"admin"/)
    expect(run.stdout).not.toContain('\u001b[')
  })

  it('reads stdin given "-" or nothing, finds every token, counts duplicates, says line:column', async () => {
    const logs = `GET /orders Authorization: Bearer ${fresh}\ncurl -H 'Authorization: Bearer ${expired}' https://api\nGET /orders/14 Authorization: Bearer ${fresh}\n`
    for (const args of [['decode', '-'], ['decode']]) {
      const run = await jwtw(args, { ...at, input: logs })
      expect(run.code, args.join(' ')).toBe(0)
      expect(run.stdout).toMatch(/Token 1 of 2: JWS HS256 at line 1, column 35, seen 2 times/)
      expect(run.stdout).toMatch(/Token 2 of 2: JWS RS256 at line 2, column 32/)
      expect(run.stdout).toContain('(expired 3h ago)')
    }
  })

  it('reads files only when named with --file (repeatable); an argument is never a path', async () => {
    const a = file('a.log', `Authorization: Bearer ${fresh}\n`)
    const b = file('b.log', `token=${expired}\n`)
    const run = await jwtw(['decode', '--file', a, '--file', b, '--json'], at)
    expect(run.code).toBe(0)
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(2)
    // The same path as an argument is text with no token in it.
    const asArg = await jwtw(['decode', a], at)
    expect(asArg.code).toBe(1)
    expect(asArg.stderr).toMatch(
      /^ERR_JWT_MALFORMED: Not a token: it looks like a file name; .*--file PATH/,
    )
    const missing = await jwtw(['decode', 'access.log'], at)
    expect(missing.stderr).toMatch(/^ERR_JWT_MALFORMED: .*file name/)
    expect(missing.stderr).not.toMatch(/no such file/)
    const unreadable = await jwtw(['decode', '--file', join(dir, 'nope.log')], at)
    expect(unreadable.stderr).toBe(
      `ERR_FILE_READ: Cannot read ${join(dir, 'nope.log')}: no such file.\n`,
    )
  })

  it('names what a truncated token is instead of a file error', async () => {
    const run = await jwtw(['decode', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0'], at)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'ERR_JWT_MALFORMED: Not a token: 2 segments, a JWS has 3: truncated?.\n',
    )
    // A header and dots only: a truncated token, decoded and named so.
    const cut = await jwtw(['decode', '--json', 'eyJhbGciOiJIUzI1NiJ9..'], at)
    expect(cut.code).toBe(0)
    const [decoded] = JSON.parse(cut.stdout) as Array<{ defects: Array<{ code: string }> }>
    expect(decoded!.defects.map((d) => d.code)).toContain('truncated')
  })

  it('names junk glued to a token as a defect of that token', async () => {
    const appended = await jwtw(['decode', '--json', `${fresh}?`], at)
    expect(appended.code).toBe(0)
    const [one] = JSON.parse(appended.stdout) as Array<{
      defects: Array<{ code: string; part: string }>
    }>
    expect(one!.defects).toContainEqual(
      expect.objectContaining({ code: 'bad_base64url', part: 'signature' }),
    )
    const inText = await jwtw(['decode', '--json', `Authorization: Bearer ${fresh}!!! next`], at)
    const [two] = JSON.parse(inText.stdout) as Array<{ defects: Array<{ code: string }> }>
    expect(two!.defects.map((d) => d.code)).toContain('glued_text')
    const replaced = await jwtw(
      ['decode', '--json', `${fresh.slice(0, fresh.lastIndexOf('.'))}.!!!`],
      at,
    )
    const [three] = JSON.parse(replaced.stdout) as Array<{
      defects: Array<{ code: string; part: string }>
    }>
    expect(three!.defects).toContainEqual(
      expect.objectContaining({ code: 'bad_base64url', part: 'signature' }),
    )
  })

  it('a token over 256 KiB is ERR_INPUT_TOO_LARGE, as an argument and on stdin', async () => {
    const huge = `${b64({ alg: 'HS256' })}.${b64({ blob: 'x'.repeat(2 << 20) })}.c2ln`
    const arg = await jwtw(['decode', huge], at)
    expect(arg.code).toBe(1)
    expect(arg.stderr).toMatch(
      /^ERR_INPUT_TOO_LARGE: The token is 2\.\d MiB, over the 256 KiB limit/,
    )
    const stdin = await jwtw(['decode'], { ...at, input: `line 1\n${huge}\n` })
    expect(stdin.code).toBe(1)
    expect(stdin.stderr).toMatch(/^ERR_INPUT_TOO_LARGE: /)
  })

  it('prints defects and lint findings with their severity', async () => {
    const run = await jwtw(['decode', unsecured], at)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Defects\n\s+unsecured \(header\)/)
    expect(run.stdout).toMatch(/error\s+alg_none: /)
    expect(run.stdout).toMatch(/warning\s+no_exp: /)
    expect(run.stdout).toMatch(/warning\s+personal_data: /)
  })

  it('--json prints header, payload, lint, count, the token, its sha256, status and position', async () => {
    const run = await jwtw(['decode', '--json', '-'], {
      ...at,
      input: `${fresh} ${unsecured} ${fresh}`,
    })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    const tokens = JSON.parse(run.stdout) as Array<Record<string, unknown>>
    expect(tokens).toHaveLength(2)
    expect(tokens[0]).toMatchObject({
      kind: 'JWS',
      count: 2,
      line: 1,
      column: 1,
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: 'astrid.lindqvist', role: 'admin' },
      times: [
        { claim: 'iat', relative: 'issued 30s ago' },
        { claim: 'exp', relative: 'expires in 2h' },
      ],
      token: fresh,
      sha256: createHash('sha256').update(fresh).digest('hex'),
      status: { state: 'valid', expired: false, notYetValid: false, secondsLeft: 7200 },
    })
    expect(tokens[1]).toMatchObject({
      count: 1,
      header: { alg: 'none' },
      payload: { sub: 'mallory' },
      status: { state: 'no-exp', expiresAt: null, secondsLeft: null },
    })
    expect((tokens[1]!['lint'] as Array<{ code: string }>).map((f) => f.code)).toEqual([
      'alg_none',
      'no_exp',
      'personal_data',
    ])
  })

  it('decodes real providers’ tokens (a Keycloak access token with nested roles)', async () => {
    const keycloak = await providerToken('keycloak', t)
    const run = await jwtw(['decode', '--json', keycloak.token], at)
    const [decoded] = JSON.parse(run.stdout) as Array<{ payload: Record<string, unknown> }>
    expect(decoded!.payload['realm_access']).toEqual(keycloak.claims['realm_access'])
  })

  it('decodes a JWE protected header only', async () => {
    const jwe = `${b64({ alg: 'dir', enc: 'A256GCM' })}..aXYtaXYtaXYtaXY.Y2lwaGVy.dGFnLXRhZy10YWctdGFn`
    const run = await jwtw(['decode', `id_token=${jwe}`], at)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Token 1 of 1: JWE dir/)
    expect(run.stdout).toContain('Protected header')
    expect(run.stdout).toContain('"enc": "A256GCM"')
  })

  it('exits 1 with ERR_NO_TOKEN_FOUND when there is no token; --json prints []', async () => {
    for (const args of [['decode', '-'], ['decode']]) {
      const run = await jwtw(args, { ...at, input: 'nothing to see here\n' })
      expect(run.code, args.join(' ')).toBe(1)
      expect(run.stderr).toMatch(/^ERR_NO_TOKEN_FOUND: .+\n$/)
      expect(run.stdout).toBe('')
    }
    const json = await jwtw(['decode', '--json'], { ...at, input: 'nothing\n' })
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual([])
  })

  it('streams stdin and files over 1 MiB through the finder, up to its 256 MiB cap', async () => {
    const big = `${'x'.repeat(LIMITS.text)}\nAuthorization: Bearer ${fresh}\n${'y'.repeat(LIMITS.text)}`
    const run = await jwtw(['decode', '--json'], { ...at, input: big })
    expect(run.code).toBe(0)
    const [token] = JSON.parse(run.stdout) as Array<{ payload: { sub: string }; offset: number }>
    expect(token!.payload.sub).toBe('astrid.lindqvist')
    expect(token!.offset).toBe(LIMITS.text + 23)
  })

  it('stops reading an endless file at its cap and says so (/dev/zero)', async () => {
    const run = await jwtw(['decode', '--file', '/dev/zero'], at)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^ERR_INPUT_TOO_LARGE: \/dev\/zero is over 256 MiB, the limit of jwtw decode; reading stopped there/,
    )
  }, 30_000)

  it('exits 2 with usage on stderr for bad arguments', async () => {
    for (const args of [
      ['decode', '--frob'],
      ['decode', '--jsn'],
      ['decode', '--json=yes'],
      ['decode', '-', '--file', '-'],
    ]) {
      const run = await jwtw(args, at)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(/^ERR_INVALID_ARGUMENT: /)
      expect(run.stderr).toContain('Usage: jwtw decode')
      expect(run.stdout).toBe('')
    }
  })

  it('colors lint severities on a terminal and not with NO_COLOR', async () => {
    const colored = await jwtw(['decode', unsecured], {
      ...at,
      tty: true,
      env: { NO_COLOR: '', TERM: 'xterm' },
    })
    expect(colored.code).toBe(0)
    expect(colored.stdout).toContain('\u001b[31merror  \u001b[39m alg_none')
    expect(colored.stdout).toContain('\u001b[33mwarning\u001b[39m no_exp')
    const plain = await jwtw(['decode', unsecured], { ...at, tty: true, env: { TERM: 'xterm' } })
    expect(plain.stdout).not.toContain('\u001b[')
    expect(plain.stdout).toContain('error   alg_none')
  })
})
