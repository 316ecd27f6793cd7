import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { JWTW, ROOT, runJwtw } from '../helpers/cli'

describe('jwtw entry point', () => {
  it('prints usage for --help and exits 0', async () => {
    const run = await runJwtw(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: jwtw <command>/)
    expect(run.stdout).toMatch(/\bui\b/)
    expect(run.stderr).toBe('')
  })

  it.each([
    [['decode', '--help'], 'jwtw decode'],
    [['mint', '-h'], 'jwtw mint'],
    [['verify', 'eyJ.e.x', '--help'], 'jwtw verify'],
    [['keys', 'list', '--help'], 'jwtw keys'],
    [['creds', '--help'], 'jwtw creds'],
    [['serve', '--help'], 'jwtw serve'],
    [['secret', '--help'], 'jwtw secret'],
    [['secret', 'audit', '--help'], 'jwtw secret'],
    [['ui', '--help'], 'jwtw ui'],
  ])('jwtw %j prints that command usage on stdout and exits 0', async (args, usage) => {
    const run = await runJwtw(args)
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout.startsWith(`Usage: ${usage}`)).toBe(true)
  })

  it('prints the package version for --version', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default
    const run = await runJwtw(['--version'])
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` })
  })

  it('exits 2 with the code and usage on stderr for an unknown command or flag', async () => {
    for (const args of [
      ['frobnicate'],
      ['--frobnicate'],
      [],
      ['ui', '--port', 'abc'],
      ['ui', '--port', '70000'],
      ['ui', 'extra'],
    ]) {
      const run = await runJwtw(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(/^ERR_INVALID_ARGUMENT: /)
      expect(run.stderr).toMatch(/Usage: jwtw/)
      expect(run.stdout).toBe('')
    }
  })

  it('ui --no-open serves on 127.0.0.1 and prints the one-time URL first', async () => {
    const child = spawn(process.execPath, [JWTW, 'ui', '--no-open'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
        child.on('exit', (code) => reject(new Error(`exited ${code}`)))
      })
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#login=[A-Za-z0-9_-]{43}$/)
      const url = new URL(firstLine)
      const unauth = await fetch(new URL('/api/decode', url), { method: 'POST', body: '["x"]' })
      expect(unauth.status).toBe(401)
      const code = url.hash.slice('#login='.length)
      const login = await fetch(new URL('/session', url), {
        method: 'POST',
        body: JSON.stringify({ code }),
      })
      const token = ((await login.json()) as { value: { credential: string } }).value.credential
      const authed = await fetch(new URL('/api/decode', url), {
        method: 'POST',
        body: JSON.stringify(['eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']),
        headers: { authorization: `Bearer ${token}` },
      })
      expect(authed.status).toBe(200)
      const result = (await authed.json()) as { ok: boolean; value: Array<{ payload: unknown }> }
      expect(result.value[0]!.payload).toEqual({ sub: 'x' })
    } finally {
      child.kill('SIGTERM')
    }
  })
})
