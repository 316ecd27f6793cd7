/**
 * Audit worker thread (built to out/cli/audit-worker.mjs): receives the token's signing input
 * and signature once, then chunks of candidates, and answers with how many it tried and the
 * matching line's offsets.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { loadWordlistEngine } from './wordlist-engine'
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol'

const port = parentPort
if (!port) throw new Error('audit worker must run in a worker thread')
const init = workerData as WorkerInit
const engine = loadWordlistEngine()
const signingInput = new Uint8Array(init.signingInput)
const signature = new Uint8Array(init.signature)

port.postMessage({ type: 'ready', engine: engine.name } satisfies WorkerReply)
port.on('message', (request: WorkerRequest) => {
  const chunk = new Uint8Array(request.chunk)
  const [tried, start, end] = engine.scan(chunk, signingInput, signature, init.bits)
  const reply: WorkerReply =
    start < 0
      ? { type: 'done', id: request.id, tried }
      : { type: 'done', id: request.id, tried, found: chunk.slice(start, end) }
  port.postMessage(reply)
})
