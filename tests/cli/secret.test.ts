// `jwtw secret ...` in-process through the CLI's entry.
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { jwtw } from '../helpers/cli'
import { hsToken, RS256_TOKEN, tempDir, writeWordlist } from '../helpers/hmac'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('jwtw secret check', () => {
  it('exits 1 for a weak secret, explains each failed rule, never prints the secret', async () => {
    const run = await jwtw(['secret', 'check'], { input: 'your-256-bit-secret\n' })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
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
    const run = await jwtw(['secret', 'check', '-', '--json'], { input: `${secret}\n` })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({ verdict: 'strong', length: 64, alg: 'HS256' })
    expect(result.readings).toContainEqual({ kind: 'base64url', bytes: 48 })
  })

  it('applies the alg minimum (--alg HS512); a secret starting with "-" goes after --', async () => {
    // Random base64url starts with "-" one time in 64; this one always does, so every run
    // covers the "--" form and the usage error without it.
    const secret = `-${randomBytes(48).toString('base64url').slice(1)}`
    const run = await jwtw(['secret', 'check', '--alg', 'HS512', '--json', '--', secret])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).minBytes).toBe(64)
    const unguarded = await jwtw(['secret', 'check', secret])
    expect(unguarded.code).toBe(2)
    expect(unguarded.stderr).toMatch(/^ERR_INVALID_ARGUMENT: .*after '--'/)
    expect(unguarded.stderr).not.toContain(secret.slice(0, 8))
  })

  it('any failing rule exits 1 (an ACCEPTABLE secret too) unless --warn-only', async () => {
    const input = 'my-test-secret-key-32-characters!'
    const run = await jwtw(['secret', 'check'], { input })
    expect(run.stdout).toMatch(/^ACCEPTABLE for HS256/)
    expect(run.stdout).toMatch(/FAIL /)
    expect(run.code).toBe(1)
    expect((await jwtw(['secret', 'check', '--warn-only'], { input })).code).toBe(0)
  })

  it('a secret given as an argument still works, with a warning that it is in the process list', async () => {
    const run = await jwtw(['secret', 'check', 'your-256-bit-secret'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^warning: a SECRET argument puts the secret in the process list/)
    expect(run.stdout).not.toContain('your-256-bit-secret')
  })

  it('on a terminal asks for the secret without echo', async () => {
    const run = await jwtw(['secret', 'check', '--json'], { terminal: true, input: 'hunter2\r' })
    expect(run.stderr).toBe('Secret to check (not shown): \n')
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'weak', length: 7 })
  })

  it('exits 2 on a bad --alg', async () => {
    const run = await jwtw(['secret', 'check', '--alg', 'RS256', 'x'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^ERR_INVALID_ARGUMENT/)
  })
})

describe('jwtw secret generate', () => {
  it('prints 48 random bytes as base64url by default, and an env line with --env', async () => {
    const plain = await jwtw(['secret', 'generate'])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/^[A-Za-z0-9_-]{64}\n$/)
    const env = await jwtw([
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
    const check = await jwtw(['secret', 'check', '-'], { input: plain.stdout })
    expect(check.code).toBe(0)
  })

  it('exits 2 on bad options', async () => {
    for (const args of [
      ['--bytes', '8'],
      ['--encoding', 'base32'],
      ['--env', '1BAD'],
    ]) {
      expect((await jwtw(['secret', 'generate', ...args])).code).toBe(2)
    }
  })
})

describe('jwtw secret audit', () => {
  it('exits 1 and prints the secret when a wordlist holds it', async () => {
    const secret = `cli-audit-${randomBytes(4).toString('hex')}`
    const list = writeWordlist(dir, 'list.txt', 20_000, secret)
    const run = await jwtw(['secret', 'audit', hsToken(secret), '--wordlist', list, '--json'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ found: true, secret, alg: 'HS256' })
    expect(JSON.parse(run.stdout).tried).toBeGreaterThan(20_000)
  })

  it('finds a placeholder with the built-in lists, reading the token from stdin', async () => {
    const run = await jwtw(['secret', 'audit', '-'], {
      input: `${hsToken('supersecret', 'HS512')}\n`,
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^SECRET FOUND: supersecret\n/)
  })

  it('exits 0 when nothing matches', async () => {
    const list = writeWordlist(dir, 'miss.txt', 1000, 'nope')
    const run = await jwtw(['secret', 'audit', hsToken(randomBytes(48)), '--wordlist', list])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^No candidate matched/)
  })

  it('refuses an RS256 token with ERR_NOT_HMAC_TOKEN, an argument error (exit 2), not "found" (exit 1)', async () => {
    const run = await jwtw(['secret', 'audit', RS256_TOKEN])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^ERR_NOT_HMAC_TOKEN: /)
    expect(run.stdout).toBe('')
  })

  it('an audit that cannot run never exits 1 ("found"): 2 for what was given, 3 for a file', async () => {
    const token = hsToken('whatever-secret-of-the-token')
    const noWordlist = await jwtw(['secret', 'audit', token, '--wordlist', `${dir}/nope.txt`])
    expect(noWordlist.code).toBe(3)
    expect(noWordlist.stderr).toMatch(/^ERR_FILE_READ: /)
    const noFile = await jwtw(['secret', 'audit', '--file', `${dir}/nope.txt`])
    expect(noFile.code).toBe(3)
    // An argument is never a path: nope.txt is a string that is not a token.
    const asArg = await jwtw(['secret', 'audit', 'nope.txt'])
    expect(asArg.code).toBe(2)
    expect(asArg.stderr).toMatch(/^ERR_JWT_MALFORMED: /)
  })

  it('exits 2 without a subcommand', async () => {
    expect((await jwtw(['secret'])).code).toBe(2)
    expect((await jwtw(['secret', 'crack'])).code).toBe(2)
  })
})
