/** The log scanner's worker thread: takes blocks of a file until none is left (see block-scan). */
import { parentPort, workerData } from 'node:worker_threads'
import { scanBlock, takeBlock, type BlockJob, type BlockReply } from './block-scan'

const port = parentPort!
const job = workerData as BlockJob
for (let index = takeBlock(job); index !== -1; index = takeBlock(job)) {
  port.postMessage({ index, result: await scanBlock(job, index) } satisfies BlockReply)
}
