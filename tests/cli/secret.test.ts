// `jwtw secret ...` through the built CLI (run `npm run build` first).
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { runJwtw } from '../helpers/cli'
import { hsToken, RS256_TOKEN, tempDir, writeWordlist } from '../helpers/hmac'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('jwtw secret check', () => {
  it('exits 1 for a weak secret, explains each failed rule, never prints the secret', async () => {
    const run = await runJwtw(['secret', 'check', 'your-256-bit-secret'])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^WEAK for HS256/)
    expect(run.stdout).toMatch(/FAIL known-weak/)
    // One fix line for the verdict, not one per failed rule.
    expect(run.stdout.match(/^fix: /gm)).toHaveLength(1)
    expect(run.stdout).toContain(
      'fix: Use a random secret of 48 bytes (base64url encoded) instead. (jwtw secret generate --bytes 48)',
    )
    expect(run.stdout).not.toContain('your-256-bit-secret')
  })

  it('exits 0 for a strong secret read from stdin, and reports JSON', async () => {
    const secret = randomBytes(48).toString('base64url')
    const run = await runJwtw(['secret', 'check', '-', '--json'], { input: `${secret}\n` })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({ verdict: 'strong', length: 64, alg: 'HS256' })
    expect(result.readings).toContainEqual({ kind: 'base64url', bytes: 48 })
  })

  it('applies the alg minimum (--alg HS512); a secret starting with "-" goes after --', async () => {
    // Random base64url starts with "-" one time in 64; this one always does, so every run
    // covers the "--" form and the usage error without it.
    const secret = `-${randomBytes(48).toString('base64url').slice(1)}`
    const run = await runJwtw(['secret', 'check', '--alg', 'HS512', '--json', '--', secret])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).minBytes).toBe(64)
    const unguarded = await runJwtw(['secret', 'check', secret])
    expect(unguarded.code).toBe(2)
    expect(unguarded.stderr).toMatch(/^ERR_INVALID_ARGUMENT: .*after '--'/)
    expect(unguarded.stderr).not.toContain(secret.slice(0, 8))
  })

  it('exits 2 on a bad --alg', async () => {
    const run = await runJwtw(['secret', 'check', '--alg', 'RS256', 'x'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^ERR_INVALID_ARGUMENT/)
  })
})

describe('jwtw secret generate', () => {
  it('prints 48 random bytes as base64url by default, and an env line with --env', async () => {
    const plain = await runJwtw(['secret', 'generate'])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/^[A-Za-z0-9_-]{64}\n$/)
    const env = await runJwtw([
      'secret',
      'generate',
      '--env',
      'JWT_SECRET',
      '--encoding',
      'hex',
      '--bytes',
      '32',
    ])
    expect(env.stdout).toMatch(/^JWT_SECRET=[0-9a-f]{64}\n$/)
    const check = await runJwtw(['secret', 'check', '-'], { input: plain.stdout })
    expect(check.code).toBe(0)
  })

  it('exits 2 on bad options', async () => {
    for (const args of [
      ['--bytes', '8'],
      ['--encoding', 'base32'],
      ['--env', '1BAD'],
    ]) {
      expect((await runJwtw(['secret', 'generate', ...args])).code).toBe(2)
    }
  })
})

describe('jwtw secret audit', () => {
  it('exits 1 and prints the secret when a wordlist holds it', async () => {
    const secret = `cli-audit-${randomBytes(4).toString('hex')}`
    const list = writeWordlist(dir, 'list.txt', 20_000, secret)
    const run = await runJwtw(['secret', 'audit', hsToken(secret), '--wordlist', list, '--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ found: true, secret, alg: 'HS256' })
    expect(JSON.parse(run.stdout).tried).toBeGreaterThan(20_000)
  })

  it('finds a placeholder with the built-in lists, reading the token from stdin', async () => {
    const run = await runJwtw(['secret', 'audit', '-'], {
      input: `${hsToken('supersecret', 'HS512')}\n`,
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^SECRET FOUND: supersecret\n/)
  })

  it('exits 0 when nothing matches', async () => {
    const list = writeWordlist(dir, 'miss.txt', 1000, 'nope')
    const run = await runJwtw(['secret', 'audit', hsToken(randomBytes(48)), '--wordlist', list])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^No candidate matched/)
  })

  it('refuses an RS256 token with ERR_NOT_HMAC_TOKEN, an argument error (exit 2), not "found" (exit 1)', async () => {
    const run = await runJwtw(['secret', 'audit', RS256_TOKEN])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^ERR_NOT_HMAC_TOKEN: /)
    expect(run.stdout).toBe('')
  })

  it('exits 2 without a subcommand', async () => {
    expect((await runJwtw(['secret'])).code).toBe(2)
    expect((await runJwtw(['secret', 'crack'])).code).toBe(2)
  })
})
