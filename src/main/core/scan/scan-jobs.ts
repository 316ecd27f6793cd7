/**
 * Scan jobs for the Scan view (see jobs.ts). Files are read by main on worker threads (the main
 * process never scans a block itself, so the window stays responsive); pasted text and uploads
 * (a dropped file, sent in chunks with backpressure) go through the same scanner. Rows are
 * redacted; one token is given in full on request, to open it in Inspect.
 */
import { once } from 'node:events'
import { PassThrough } from 'node:stream'
import { WorkbenchError } from '../../../shared/errors'
import { formatSize, LIMITS } from '../../../shared/limits'
import type { ScanRequest } from '../../../shared/scan-schemas'
import type { ScanRow, ScanStatus, ScanToken } from '../../../shared/scan-types'
import type { AppContext } from '../context'
import { createJobRegistry } from '../jobs'
import { runScan, type ScanInput } from './run-scan'

interface ScanExtra {
  upload?: { stream: PassThrough; expected: number; received: number }
  tokens: Map<string, ScanToken & { token: string }>
}

export interface ScanJobs {
  start(request: ScanRequest): { jobId: string }
  push(jobId: string, chunk: { data: string; last?: boolean }): Promise<{ received: number }>
  status(jobId: string): ScanStatus
  cancel(jobId: string): Promise<ScanStatus>
  token(jobId: string, sha256: string): ScanToken & { token: string }
  settled(jobId: string): Promise<ScanStatus>
}

export function createScanJobs(ctx: AppContext): ScanJobs {
  const jobs = createJobRegistry<ScanStatus, ScanExtra>('scan')
  return {
    start({ source, key, decrypt }) {
      const extra: ScanExtra = { tokens: new Map() }
      let inputs: ScanInput[]
      if ('paths' in source) inputs = source.paths.map((path) => ({ path }))
      else if ('text' in source)
        inputs = [{ name: 'pasted text', stream: [Buffer.from(source.text)] }]
      else {
        const stream = new PassThrough()
        extra.upload = { stream, expected: source.upload.bytes, received: 0 }
        inputs = [{ name: source.upload.name, stream, bytes: source.upload.bytes }]
      }
      return jobs.start(
        { progress: { bytesDone: 0, bytesTotal: 0, occurrences: 0, unique: 0, elapsedMs: 0 } },
        extra,
        (signal, status) =>
          runScan(inputs, {
            ...(key || decrypt
              ? { verifyWith: { ...(key ? { key } : {}), ...(decrypt ? { decrypt } : {}), ctx } }
              : {}),
            now: ctx.now(),
            showTokens: true,
            inProcess: false,
            signal,
            onProgress: (progress) => (status.progress = progress),
          }),
        (status, result, kept) => {
          const { tokens, ...summary } = result
          for (const t of tokens) kept.tokens.set(t.sha256, t as ScanToken & { token: string })
          status.summary = summary
          status.rows = tokens.map(rowOf)
          if (result.partial) status.state = 'cancelled'
        },
      )
    },
    async push(jobId, { data, last }) {
      const job = jobs.find(jobId)
      const upload = job.extra.upload
      if (!upload) throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'This scan takes no upload.')
      if (job.status.state !== 'running' || upload.stream.writableEnded) {
        throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'This upload has ended.')
      }
      const bytes = Buffer.from(data, 'base64')
      upload.received += bytes.length
      if (upload.received > upload.expected || upload.received > LIMITS.scanUploadBytes) {
        job.controller.abort()
        throw new WorkbenchError(
          'ERR_INPUT_TOO_LARGE',
          `The upload sent more than the ${formatSize(upload.expected)} it announced.`,
        )
      }
      if (!upload.stream.write(bytes)) await once(upload.stream, 'drain')
      if (last) upload.stream.end()
      return { received: upload.received }
    },
    status: (jobId) => jobs.status(jobId),
    async cancel(jobId) {
      jobs.find(jobId).extra.upload?.stream.end()
      return jobs.cancel(jobId)
    },
    token(jobId, sha256) {
      const token = jobs.find(jobId).extra.tokens.get(sha256)
      if (!token) {
        throw new WorkbenchError('ERR_NO_TOKEN_FOUND', 'No token with that sha256 in this scan.')
      }
      return token
    },
    settled: (jobId) => jobs.settled(jobId),
  }
}

function rowOf(t: ScanToken): ScanRow {
  const c = t.claims
  const aud = Array.isArray(c.aud) ? c.aud.join(' ') : c.aud
  const optional = {
    ...(t.firstFile === undefined ? {} : { firstFile: t.firstFile }),
    ...(c.alg === undefined ? {} : { alg: c.alg }),
    ...(c.kid === undefined ? {} : { kid: c.kid }),
    ...(c.iss === undefined ? {} : { iss: c.iss }),
    ...(c.sub === undefined ? {} : { sub: c.sub }),
    ...(aud === undefined ? {} : { aud }),
    ...(c.clientId === undefined ? {} : { clientId: c.clientId }),
    ...(c.scope === undefined ? {} : { scope: c.scope }),
    ...(t.verification ? { verification: t.verification.state } : {}),
    ...(t.verification?.code === undefined ? {} : { verificationCode: t.verification.code }),
  }
  return {
    sha256: t.sha256,
    preview: t.preview,
    kind: t.kind,
    count: t.count,
    firstLine: t.firstLine,
    lastLine: t.lastLine,
    state: t.status.state,
    expiresAt: t.status.expiresAt,
    longLived: t.longLived,
    ...optional,
  }
}
