/**
 * The weak-secret audit: feeds candidate chunks to worker threads (two by default, at most two
 * chunks in flight each), stops at the first match, and ends every worker on a match, on
 * cancel and on failure.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { WorkbenchError } from '../../../shared/errors'
import type { AuditProgress, AuditRequest, AuditResult } from '../../../shared/secret-types'
import { builtInSource, wordlistSource, type CandidateSource } from './candidates'
import { parseHmacToken } from './hmac-token'
import { builtWorkerPath } from '../built-files'
import type { WorkerInit, WorkerReply } from './worker-protocol'

export interface AuditOptions {
  workers?: number
  signal?: AbortSignal
  onProgress?: (progress: AuditProgress) => void
  /** Called with the worker threads once started (tests check they end). */
  onWorkers?: (workers: Worker[]) => void
  /** Milliseconds between progress calls. */
  progressEveryMs?: number
}

const IN_FLIGHT_PER_WORKER = 2

interface Slot {
  worker: Worker
  inFlight: Map<number, number>
}

function cancelled(): WorkbenchError {
  return new WorkbenchError('ERR_CANCELLED', 'The audit was cancelled.')
}

function startWorker(path: string, init: WorkerInit): Promise<{ worker: Worker; engine: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path, { workerData: init })
    worker.once('message', (m: WorkerReply) => {
      if (m.type === 'ready') resolve({ worker, engine: m.engine })
    })
    worker.once('error', reject)
  })
}

/** Tries every candidate against the token; resolves with what was found, or ERR_CANCELLED. */
export async function runAudit(
  request: AuditRequest,
  options: AuditOptions = {},
): Promise<AuditResult> {
  const token = parseHmacToken(request.token)
  const { signal } = options
  if (signal?.aborted) throw cancelled()
  const sources: CandidateSource[] = []
  for (const list of request.builtIn ?? ['known-weak', 'common-passwords']) {
    sources.push(await builtInSource(list))
  }
  for (const path of request.wordlists ?? []) sources.push(await wordlistSource(path))

  const started = performance.now()
  const count = Math.max(1, options.workers ?? Math.min(2, availableParallelism()))
  const path = builtWorkerPath('audit')
  const init: WorkerInit = {
    signingInput: token.signingInput,
    signature: token.signature,
    bits: token.bits,
  }
  const progress: AuditProgress = {
    tried: 0,
    bytesDone: 0,
    bytesTotal: sources.reduce((n, s) => n + s.bytes, 0),
    elapsedMs: 0,
    rate: 0,
  }
  let found: Uint8Array | undefined
  let failure: unknown
  let wake: (() => void) | undefined
  const nudge = () => {
    const w = wake
    wake = undefined
    w?.()
  }
  const onAbort = () => {
    failure ??= cancelled()
    nudge()
  }
  signal?.addEventListener('abort', onAbort)
  if (signal?.aborted) onAbort()

  let lastReport = 0
  const report = (force: boolean) => {
    const now = performance.now()
    if (!options.onProgress || (!force && now - lastReport < (options.progressEveryMs ?? 100)))
      return
    lastReport = now
    progress.elapsedMs = now - started
    progress.rate = progress.elapsedMs > 0 ? (progress.tried * 1000) / progress.elapsedMs : 0
    options.onProgress({ ...progress })
  }

  const slots: Slot[] = []
  let engine = 'js'
  try {
    const starting = await Promise.allSettled(
      Array.from({ length: count }, () => startWorker(path, init)),
    )
    const started = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
    const refused = starting.find((s) => s.status === 'rejected')
    if (refused) {
      await Promise.all(started.map((s) => s.worker.terminate()))
      throw refused.reason
    }
    engine = started[0]?.engine ?? engine
    for (const { worker } of started) {
      const slot: Slot = { worker, inFlight: new Map() }
      worker.on('message', (m: WorkerReply) => {
        if (m.type !== 'done') return
        progress.tried += m.tried
        progress.bytesDone += slot.inFlight.get(m.id) ?? 0
        slot.inFlight.delete(m.id)
        if (m.found && !found) found = m.found
        report(false)
        nudge()
      })
      worker.on('error', (error) => {
        failure ??= error
        nudge()
      })
      worker.on('exit', () => {
        if (slot.inFlight.size > 0) failure ??= new Error('audit worker exited early')
        nudge()
      })
      slots.push(slot)
    }
    options.onWorkers?.(slots.map((s) => s.worker))

    const waitFor = async (ready: () => boolean, untilFound = true) => {
      while (!ready() && failure === undefined && !(untilFound && found)) {
        await new Promise<void>((resolve) => (wake = resolve))
      }
    }
    let id = 0
    outer: for (const source of sources) {
      for await (const chunk of source.chunks()) {
        await waitFor(() => slots.some((s) => s.inFlight.size < IN_FLIGHT_PER_WORKER))
        if (failure !== undefined || found) break outer
        const slot = slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a))
        id++
        slot.inFlight.set(id, chunk.length)
        slot.worker.postMessage({ id, chunk: chunk.buffer }, [chunk.buffer as ArrayBuffer])
      }
    }
    // Chunks already sent finish (at most two per worker), so the count tried is exact.
    await waitFor(() => slots.every((s) => s.inFlight.size === 0), false)
    if (failure !== undefined && !found) throw failure
  } finally {
    signal?.removeEventListener('abort', onAbort)
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }
  report(true)
  const elapsedMs = performance.now() - started
  const result: AuditResult = {
    alg: token.alg,
    found: found !== undefined,
    tried: progress.tried,
    elapsedMs,
    rate: elapsedMs > 0 ? (progress.tried * 1000) / elapsedMs : 0,
    engine,
    workers: count,
  }
  if (found) result.secret = new TextDecoder().decode(found)
  return result
}
