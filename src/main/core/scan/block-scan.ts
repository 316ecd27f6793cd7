/**
 * A file on disk scanned in 16 MiB blocks by whoever is free: worker threads and (for the CLI)
 * the calling thread itself, which starts at once while the workers boot (about 70 ms each on a
 * small machine). Blocks are handed out through a shared counter, so a slow starter takes fewer;
 * results are merged in file order, each block's lines shifted by the newlines before it. With
 * no worker, the calling thread reads the file as one range.
 */
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { builtWorkerPath } from '../built-files'
import { READ_AHEAD, scanRange, type RangeResult } from './range-scan'
import type { TokenTally } from './token-tally'

export const BLOCK_BYTES = 16 << 20

/** What a scan worker is given: the file, and the counter that hands out blocks. */
export interface BlockJob {
  path: string
  size: number
  next: Int32Array
}

export interface BlockReply {
  index: number
  result: RangeResult
}

export interface BlockOptions {
  /** Worker threads to start (0: none). */
  workers: number
  /** The calling thread scans blocks too (it yields to the event loop at every read). */
  inProcess: boolean
  signal?: AbortSignal
  /**
   * After each block (the calling thread alone: each chunk), its bytes and the tokens new to it
   * (progress, and early verification).
   */
  onScanned?: (bytes: number, tokens: string[]) => void
}

/**
 * Workers for a large file: one per spare core, at most 3. A calling thread that scans too (the
 * CLI) already keeps a core busy judging and READ_AHEAD more reading and searching on the thread
 * pool, so its workers start only beyond those cores (on 2 cores a worker made a 1 GiB scan
 * slower: 543 against 386 ms).
 */
export function defaultWorkers(inProcess: boolean): number {
  const spare = availableParallelism() - 1 - (inProcess ? READ_AHEAD : 0)
  return Math.max(0, Math.min(3, spare))
}

/** Takes the next block, or -1 when none is left. */
export function takeBlock(job: BlockJob): number {
  const index = Atomics.add(job.next, 0, 1)
  return index * BLOCK_BYTES < job.size ? index : -1
}

export function scanBlock(job: BlockJob, index: number): Promise<RangeResult> {
  const start = index * BLOCK_BYTES
  return scanRange({ path: job.path, start, end: Math.min(job.size, start + BLOCK_BYTES) })
}

/** Starts `count` scan workers on the job (worker_threads is loaded only when one is asked for). */
async function startWorkers(count: number, job: BlockJob): Promise<Worker[]> {
  if (count <= 0) return []
  const path = builtWorkerPath('scan')
  const { Worker } = await import('node:worker_threads')
  return Array.from({ length: count }, () => new Worker(path, { workerData: job }))
}

/**
 * The calling thread alone: the whole file as one range, so its reading ahead runs from the
 * first byte to the last without draining at each block's end.
 */
async function scanAlone(
  path: string,
  size: number,
  file: number,
  tally: TokenTally,
  options: BlockOptions,
): Promise<number> {
  let fresh: string[] = []
  const result = await scanRange({
    path,
    start: 0,
    end: size,
    onToken: (token) => fresh.push(token),
    onChunk: (bytes) => {
      options.onScanned?.(bytes, fresh)
      fresh = []
    },
    ...(options.signal ? { signal: options.signal } : {}),
  })
  // Cancelled: what was read up to then counts.
  tally.addRange(result, file, 0)
  return result.newlines
}

/** Scans the whole file; returns the newlines in it. */
export async function scanInBlocks(
  path: string,
  size: number,
  file: number,
  tally: TokenTally,
  options: BlockOptions,
): Promise<number> {
  const job: BlockJob = { path, size, next: new Int32Array(new SharedArrayBuffer(4)) }
  const blocks = Math.ceil(size / BLOCK_BYTES)
  const results: RangeResult[] = new Array<RangeResult>(blocks)
  const finished = (index: number, result: RangeResult) => {
    results[index] = result
    options.onScanned?.(
      Math.min(size, (index + 1) * BLOCK_BYTES) - index * BLOCK_BYTES,
      result.rows.map((row) => row[0]),
    )
  }
  // Without the calling thread, one worker at least.
  const workerCount = options.inProcess
    ? Math.min(options.workers, blocks - 1)
    : Math.max(1, Math.min(options.workers, blocks))
  if (workerCount === 0) return scanAlone(path, size, file, tally, options)
  const workers = await startWorkers(workerCount, job)
  const stop = () => {
    Atomics.store(job.next, 0, blocks)
    for (const worker of workers) void worker.terminate()
  }
  options.signal?.addEventListener('abort', stop, { once: true })
  try {
    let left = blocks
    let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined
    const allDone = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
    // Never unhandled: awaited below unless the calling thread's own block fails first.
    allDone.catch(() => undefined)
    const finish = (index: number, result: RangeResult) => {
      finished(index, result)
      if (--left === 0) settle!.resolve()
    }
    for (const worker of workers) {
      worker.on('message', (reply: BlockReply) => finish(reply.index, reply.result))
      worker.once('error', (error) => settle!.reject(error))
      worker.once('exit', () => {
        // Cancelled: the scan ends with the blocks it has.
        if (left > 0 && options.signal?.aborted) settle!.resolve()
      })
    }
    if (options.inProcess) {
      for (let index = takeBlock(job); index !== -1; index = takeBlock(job)) {
        finish(index, await scanBlock(job, index))
        if (options.signal?.aborted) break
      }
    }
    // Workers still booting when every block is taken are not waited for.
    if (left > 0 && !options.signal?.aborted) await allDone
    // Cancelled: the blocks read from the file's start on, with no gap, count.
    let linesBefore = 0
    for (const result of results) {
      if (result === undefined) break
      tally.addRange(result, file, linesBefore)
      linesBefore += result.newlines
    }
    return linesBefore
  } finally {
    options.signal?.removeEventListener('abort', stop)
    for (const worker of workers) void worker.terminate()
  }
}
