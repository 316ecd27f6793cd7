// Smoke tests of the built jwtw, spawned: what only a real process has. Start-up and exit
// codes, a stdin pipe and a reader that closes it early, the worker threads, the native addon,
// a keychain that is not reachable, and browser mode's login link kept out of process lists.
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadAddon } from '../../src/main/core/built-files'
import { JWTW, ROOT, spawnJwtw } from '../helpers/cli'
import { hsToken } from '../helpers/hmac'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const dir = mkdtempSync(join(tmpdir(), 'jwtw-smoke-'))

describe('the built jwtw', () => {
  it('starts: --help, --version, a command help; exit 2 with the usage on a bad command', async () => {
    const help = await spawnJwtw(['--help'])
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toMatch(/^Usage: jwtw <command>/)
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string
    }
    expect(await spawnJwtw(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` })
    expect((await spawnJwtw(['verify', '--help'])).stdout).toMatch(/^Usage: jwtw verify/)
    const bad = await spawnJwtw(['frobnicate'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(
      /^ERR_INVALID_ARGUMENT: unknown command "frobnicate"[\s\S]*Usage: jwtw/,
    )
  })

  it('loads the keychain addon only for the commands that use the keychain', async () => {
    // A hook that names every package the process requires, on stderr (the CLI bundle is
    // CommonJS: it loads packages with require).
    const hook = join(dir, 'trace-require.cjs')
    writeFileSync(
      hook,
      `const Module = require('node:module')\nconst { writeSync } = require('node:fs')\nconst load = Module._load\nModule._load = function (request, ...rest) {\n  if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:')) writeSync(2, 'resolved ' + request + '\\n')\n  return load.call(this, request, ...rest)\n}\n`,
    )
    const secret = join(dir, 'lazy-secret.txt')
    writeFileSync(secret, 'a-secret-of-thirty-two-bytes-or-more!!')
    const env = { NODE_OPTIONS: `--require=${hook}`, JWTW_HOME: join(dir, 'lazy-home') }
    const mint = await spawnJwtw(['mint', '--alg', 'HS256', '--secret-file', secret], { env })
    expect(mint.code).toBe(0)
    expect(mint.stderr).not.toContain('@napi-rs/keyring')
    const keys = await spawnJwtw(['keys', 'list', '--json'], { env })
    expect(keys.stderr).toContain('resolved @napi-rs/keyring')
  })

  it("keeps V8's code cache per command; a damaged cache is replaced, a typo makes none", async () => {
    const cacheDir = join(dir, 'code-cache')
    const secret = join(dir, 'cache-secret.txt')
    writeFileSync(secret, 'another-secret-of-thirty-two-bytes!!')
    const env = { JWTW_CODE_CACHE_DIR: cacheDir, JWTW_HOME: join(dir, 'cache-home') }
    const mint = ['mint', '--alg', 'HS256', '--sub', 'maria.fernandez', '--secret-file', secret]
    const first = await spawnJwtw(mint, { env })
    expect(first.code).toBe(0)
    const [file] = readdirSync(cacheDir)
    expect(file).toMatch(/^mint-[0-9a-f]{8}\.bin$/)
    const made = statSync(join(cacheDir, file!))
    expect(made.size).toBeGreaterThan(10_000)
    // Garbage where the cache was: V8 refuses it, the command runs, and the cache is made anew.
    writeFileSync(join(cacheDir, file!), Buffer.alloc(made.size, 0x41), { mode: 0o600 })
    const again = await spawnJwtw(mint, { env })
    expect(again.code).toBe(0)
    expect(again.stdout.split('.')[0]).toBe(first.stdout.split('.')[0])
    expect(readFileSync(join(cacheDir, file!)).subarray(0, 64)).not.toEqual(Buffer.alloc(64, 0x41))
    expect((await spawnJwtw(['mnt', '--alg', 'HS256'], { env })).code).toBe(2)
    expect(readdirSync(cacheDir)).toEqual([file])
  })

  it('reads a pipe, and exits quietly when the reader closes it early (jwtw decode | head)', async () => {
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

  it('runs the audit on its worker threads and finds a weak secret (exit 1)', async () => {
    const run = await spawnJwtw(['secret', 'audit', '-', '--workers', '2', '--json'], {
      input: hsToken('supersecret'),
    })
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ found: true, secret: 'supersecret', workers: 2 })
  })

  it('scans a file on a worker thread with the native engine when it is built', async () => {
    const token = hsToken('scan-smoke-secret')
    const path = join(dir, 'smoke.log')
    writeFileSync(path, `a\nBearer ${token}\nb\n`)
    const run = await spawnJwtw(['scan', path, '--json'], { env: { JWTW_SCAN_WORKERS: '1' } })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ occurrences: 1, unique: 1 })
    // The addon is built by `npm ci` here (CI installs a compiler): a build that lost it fails.
    if (process.env['CI'] === 'true') expect(loadAddon('token-scan')).toBeDefined()
  })

  it('with no reachable keychain: ERR_KEYCHAIN_UNAVAILABLE saying it cannot read (nothing is lost)', async () => {
    const home = mkdtempSync(join(dir, 'home-'))
    const run = await spawnJwtw(['keys', 'list'], {
      env: { JWTW_HOME: home, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/jwtw-bus' },
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_KEYCHAIN_UNAVAILABLE: .*cannot be read \(they are not lost\)/)
    const generate = await spawnJwtw(['keys', 'generate', 'k', '--alg', 'ES256'], {
      env: { JWTW_HOME: home, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/jwtw-bus' },
    })
    expect(generate.code).toBe(1)
    expect(generate.stderr).toMatch(/^ERR_KEYCHAIN_UNAVAILABLE: .*nothing was stored/)
  })

  it('ui opens the browser with a page only the user can read: the login code is in no argv', async () => {
    // A stand-in browser that records the arguments it was started with.
    const opener = join(dir, 'browser.sh')
    const argsFile = join(dir, 'browser-args.txt')
    writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$@" > ${argsFile}\n`)
    chmodSync(opener, 0o755)
    const child = spawn(process.execPath, [JWTW, 'ui'], {
      cwd: ROOT,
      env: { ...process.env, BROWSER: opener, JWTW_HOME: mkdtempSync(join(dir, 'home-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
        child.on('exit', (code) => reject(new Error(`exited ${code}`)))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#login=[A-Za-z0-9_-]{43}$/)
      const code = url.slice(url.indexOf('#login=') + 7)
      let opened = ''
      for (let i = 0; i < 100 && opened === ''; i++) {
        await new Promise((r) => setTimeout(r, 50))
        try {
          opened = readFileSync(argsFile, 'utf8').trim()
        } catch {
          // Not started yet.
        }
      }
      expect(opened).toMatch(/^file:\/\/.*\/open\.html$/)
      expect(opened).not.toContain(code)
      const page = new URL(opened).pathname
      expect(statSync(page).mode & 0o777).toBe(0o600)
      expect(statSync(join(page, '..')).mode & 0o777).toBe(0o700)
      expect(readFileSync(page, 'utf8')).toContain(`#login=${code}`)
      // The server is up: an unauthenticated call is refused.
      const unauth = await fetch(new URL('/api/decode', url), { method: 'POST', body: '["x"]' })
      expect(unauth.status).toBe(401)
    } finally {
      child.kill('SIGTERM')
    }
  })
})
