// The weak-secret audit: real worker threads over the built worker (run `npm run build` first).
import { createHmac, randomBytes } from 'node:crypto'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createAuditJobs } from '../../../src/main/core/audit/audit-jobs'
import { runAudit } from '../../../src/main/core/audit/run-audit'
import { jsEngine, loadWordlistEngine } from '../../../src/main/core/audit/wordlist-engine'
import { builtWorkerPath } from '../../../src/main/core/built-files'
import { hsToken, RS256_TOKEN, tempDir, writeWordlist } from '../../helpers/hmac'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => {
  delete process.env['JWTW_AUDIT_ENGINE']
})

it('has a built worker to run (npm run build)', () => {
  expect(existsSync(builtWorkerPath('audit'))).toBe(true)
})

describe.each(['native', 'js'])('the %s engine', (engine) => {
  it('finds the secret on the last line of a 100,000-line list', async () => {
    if (engine === 'js') process.env['JWTW_AUDIT_ENGINE'] = 'js'
    const secret = `last-line-${randomBytes(6).toString('hex')}`
    const list = writeWordlist(dir, `list-${engine}.txt`, 100_000, secret)
    const result = await runAudit({ token: hsToken(secret), builtIn: [], wordlists: [list] })
    expect(result).toMatchObject({ found: true, secret, alg: 'HS256', tried: 100_000 })
    expect(result.rate).toBeGreaterThan(0)
    if (engine === 'js') expect(result.engine).toBe('js')
  })

  it.each(['HS384', 'HS512'] as const)('finds %s secrets, long keys included', async (alg) => {
    if (engine === 'js') process.env['JWTW_AUDIT_ENGINE'] = 'js'
    const secret = 'k'.repeat(150) + alg
    const list = writeWordlist(dir, `${alg}-${engine}.txt`, 1000, secret)
    const result = await runAudit({ token: hsToken(secret, alg), builtIn: [], wordlists: [list] })
    expect(result).toMatchObject({ found: true, secret, alg })
  })
})

it('tolerates CRLF line ends and blank lines, and a last line without a newline', async () => {
  const secret = 'crlf-secret-value'
  const path = join(dir, 'crlf.txt')
  writeFileSync(path, ['one', '', 'two', '', 'three'].join('\r\n') + `\r\n\r\n\n${secret}`)
  const result = await runAudit({ token: hsToken(secret), builtIn: [], wordlists: [path] })
  expect(result).toMatchObject({ found: true, secret, tried: 4 })
})

it('reports nothing found with the count tried', async () => {
  const list = writeWordlist(dir, 'none.txt', 5000, 'not-it')
  const result = await runAudit({ token: hsToken(randomBytes(32)), builtIn: [], wordlists: [list] })
  expect(result).toMatchObject({ found: false, tried: 5000 })
  expect(result.secret).toBeUndefined()
})

it('finds a known placeholder with the built-in list, and a common password', async () => {
  expect(
    await runAudit({ token: hsToken('your-256-bit-secret'), builtIn: ['known-weak'] }),
  ).toMatchObject({
    found: true,
    secret: 'your-256-bit-secret',
  })
  expect(await runAudit({ token: hsToken('Supersecret'), builtIn: ['known-weak'] })).toMatchObject({
    found: true,
  })
  expect(
    await runAudit({ token: hsToken('trustno1'), builtIn: ['common-passwords'] }),
  ).toMatchObject({
    found: true,
    secret: 'trustno1',
  })
})

it('refuses RS256 and malformed tokens', async () => {
  await expect(runAudit({ token: RS256_TOKEN })).rejects.toMatchObject({
    code: 'ERR_NOT_HMAC_TOKEN',
  })
  await expect(runAudit({ token: 'not.a-token' })).rejects.toMatchObject({
    code: 'ERR_JWT_MALFORMED',
  })
  await expect(
    runAudit({ token: hsToken('x'), builtIn: [], wordlists: [join(dir, 'missing.txt')] }),
  ).rejects.toMatchObject({ code: 'ERR_FILE_READ' })
})

it('stops its worker threads on cancel', async () => {
  process.env['JWTW_AUDIT_ENGINE'] = 'js' // slow enough to cancel mid-run
  const list = writeWordlist(dir, 'cancel.txt', 2_000_000, 'never-reached')
  const controller = new AbortController()
  let workers: Worker[] = []
  const exited: Promise<number>[] = []
  let progressed = 0
  const running = runAudit(
    { token: hsToken(randomBytes(32)), builtIn: [], wordlists: [list] },
    {
      signal: controller.signal,
      progressEveryMs: 0,
      onWorkers: (w) => {
        workers = w
        for (const worker of w) exited.push(new Promise((r) => worker.once('exit', r)))
      },
      onProgress: (p) => {
        progressed = p.tried
        if (p.tried > 0) controller.abort()
      },
    },
  )
  await expect(running).rejects.toMatchObject({ code: 'ERR_CANCELLED' })
  expect(progressed).toBeGreaterThan(0)
  expect(progressed).toBeLessThan(2_000_000)
  expect(workers).toHaveLength(2)
  await Promise.all(exited)
  for (const worker of workers) expect(worker.threadId).toBe(-1)
})

describe('audit jobs (the contract methods)', () => {
  it('starts, reports status, and finishes', async () => {
    const jobs = createAuditJobs()
    const { jobId } = jobs.start({ token: hsToken('changeme'), builtIn: ['known-weak'] })
    expect(['running', 'done']).toContain(jobs.status(jobId).state)
    const status = await jobs.settled(jobId)
    expect(status).toMatchObject({ state: 'done', result: { found: true, secret: 'changeme' } })
  })

  it('cancels a running job', async () => {
    process.env['JWTW_AUDIT_ENGINE'] = 'js'
    const list = writeWordlist(dir, 'job-cancel.txt', 2_000_000, 'never')
    const jobs = createAuditJobs()
    const { jobId } = jobs.start({
      token: hsToken(randomBytes(32)),
      builtIn: [],
      wordlists: [list],
    })
    const status = await jobs.cancel(jobId)
    expect(status.state).toBe('cancelled')
    expect(status.error?.code).toBe('ERR_CANCELLED')
  })

  it('refuses a non-HS token at start and an unknown job id', () => {
    const jobs = createAuditJobs()
    expect(() => jobs.start({ token: RS256_TOKEN })).toThrow(
      expect.objectContaining({ code: 'ERR_NOT_HMAC_TOKEN' }),
    )
    expect(() => jobs.status('nope')).toThrow(
      expect.objectContaining({ code: 'ERR_JOB_NOT_FOUND' }),
    )
  })
})

describe('scan engines agree with node:crypto', () => {
  const native = loadWordlistEngine({})
  it.skipIf(native.name === 'js')('native addon and JS find the same line', () => {
    for (const bits of [256, 384, 512]) {
      for (const keyLen of [1, 31, 32, 63, 64, 65, 127, 128, 129, 300]) {
        for (const msgLen of [0, 55, 56, 64, 111, 112, 119, 128, 500]) {
          const key = 'k'.repeat(keyLen - 1) + 'Z'
          const msg = randomBytes(msgLen)
          const sig = new Uint8Array(createHmac(`sha${bits}`, key).update(msg).digest())
          const chunk = new TextEncoder().encode(`a\r\n\nbb\n${key}\r\nafter\n`)
          const expected = jsEngine.scan(chunk, msg, sig, bits)
          expect(native.scan(chunk, msg, sig, bits)).toEqual(expected)
          expect(expected[0]).toBe(3)
        }
      }
    }
  })
})
