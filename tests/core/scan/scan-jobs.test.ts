// Scan jobs through the contract, as the Scan view drives them: files read by main on worker
// threads only, pasted text, an upload in chunks (its announced size held), cancel, and one
// token in full for Inspect while the rows stay redacted.
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ScanStatus } from '../../../src/shared/scan-types'
import { createDispatcher } from '../../../src/main/core/dispatch'
import { createHandlers } from '../../../src/main/core/handlers'
import { createScanJobs } from '../../../src/main/core/scan/scan-jobs'
import { tokenContext } from '../../helpers/token-context'

const SECRET = 'scan-jobs-secret-of-32-bytes-xxxx'
const NOW = '2026-11-22T12:00:00Z'
const NOW_S = Date.parse(NOW) / 1000
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const sign = (payload: object) => {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`
}
const A = sign({ iss: 'https://idp.example', sub: 'a', exp: NOW_S + 600 })
const B = sign({ iss: 'https://idp.example', sub: 'b', exp: NOW_S - 600 })
const LOG = `line 1\nAuthorization: Bearer ${A}\nx\n{"token":"${B}"}\ncookie: s=${A}\n`

const dir = mkdtempSync(join(tmpdir(), 'jwtw-scan-jobs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const dispatch = createDispatcher(createHandlers(tokenContext(NOW)))
async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const result = await dispatch(method as never, args as never)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}
async function finished(jobId: string): Promise<ScanStatus> {
  for (let i = 0; i < 200; i++) {
    const status = await call<ScanStatus>('scan.status', jobId)
    if (status.state !== 'running') return status
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('the scan did not end')
}

describe('scan jobs', () => {
  it('a file by path: rows sorted by count, redacted; scan.token gives one in full', async () => {
    const path = join(dir, 'app.log')
    writeFileSync(path, LOG)
    const { jobId } = await call<{ jobId: string }>('scan.start', {
      source: { paths: [path] },
      key: { secret: SECRET },
    })
    const status = await finished(jobId)
    expect(status.state).toBe('done')
    expect(status.summary).toMatchObject({ occurrences: 3, unique: 2 })
    expect(status.rows!.map((r) => [r.sub, r.count, r.firstLine, r.state, r.verification])).toEqual(
      [
        ['a', 2, 2, 'valid', 'valid'],
        ['b', 1, 4, 'expired', 'invalid'],
      ],
    )
    expect(JSON.stringify(status)).not.toContain(A)
    const full = await call<{ token: string; payload: unknown }>(
      'scan.token',
      jobId,
      status.rows![0]!.sha256,
    )
    expect(full.token).toBe(A)
  })

  it('pasted text, and an upload in chunks; more than announced is refused', async () => {
    const pasted = await call<{ jobId: string }>('scan.start', { source: { text: LOG } })
    expect((await finished(pasted.jobId)).summary!.files[0]).toMatchObject({
      path: 'pasted text',
      lines: 5,
    })

    const bytes = Buffer.from(LOG)
    const { jobId } = await call<{ jobId: string }>('scan.start', {
      source: { upload: { name: 'dropped.log', bytes: bytes.length } },
    })
    // Cut inside a token: the scanner carries it over.
    const cut = LOG.indexOf(A) + 30
    await call('scan.push', jobId, { data: bytes.subarray(0, cut).toString('base64') })
    await call('scan.push', jobId, { data: bytes.subarray(cut).toString('base64'), last: true })
    const status = await finished(jobId)
    expect(status.summary).toMatchObject({
      occurrences: 3,
      unique: 2,
      files: [{ path: 'dropped.log', bytes: bytes.length }],
    })

    const small = await call<{ jobId: string }>('scan.start', {
      source: { upload: { name: 'x', bytes: 4 } },
    })
    await expect(
      call('scan.push', small.jobId, { data: bytes.toString('base64') }),
    ).rejects.toThrow(/^ERR_INPUT_TOO_LARGE: /)
  })

  it('validates: no token for an unknown sha256, no upload over 64 MiB, no unknown job', async () => {
    const { jobId } = await call<{ jobId: string }>('scan.start', { source: { text: LOG } })
    await finished(jobId)
    await expect(call('scan.token', jobId, 'f'.repeat(64))).rejects.toThrow(/^ERR_NO_TOKEN_FOUND/)
    await expect(call('scan.token', jobId, 'nope')).rejects.toThrow(/^ERR_INVALID_ARGUMENT/)
    await expect(
      call('scan.start', { source: { upload: { name: 'x', bytes: (64 << 20) + 1 } } }),
    ).rejects.toThrow(/^ERR_INVALID_ARGUMENT.*64 MiB/)
    await expect(call('scan.status', 'no-such-job')).rejects.toThrow(/^ERR_JOB_NOT_FOUND/)
  })

  it('cancel ends an upload that waits for chunks and reports what was found so far', async () => {
    const jobs = createScanJobs(tokenContext(NOW))
    const { jobId } = jobs.start({ source: { upload: { name: 'slow.log', bytes: 1 << 20 } } })
    await jobs.push(jobId, { data: Buffer.from(`Bearer ${A}\n`).toString('base64') })
    const status = await jobs.cancel(jobId)
    expect(status.state).toBe('cancelled')
    expect(status.summary).toMatchObject({ occurrences: 1, partial: true })
  })

  it('a missing file is named in the summary; the others are scanned', async () => {
    const path = join(dir, 'b.log')
    writeFileSync(path, LOG)
    const { jobId } = await call<{ jobId: string }>('scan.start', {
      source: { paths: [join(dir, 'missing.log'), path] },
    })
    const status = await finished(jobId)
    expect(status.summary!.files.map((f) => f.error?.code ?? f.occurrences)).toEqual([
      'ERR_FILE_READ',
      3,
    ])
  })
})
