/** Messages between the audit runner and its worker threads. */

export interface WorkerInit {
  signingInput: Uint8Array
  signature: Uint8Array
  bits: 256 | 384 | 512
}

export interface WorkerRequest {
  id: number
  /** Newline-separated candidates, transferred (not copied) to the worker. */
  chunk: ArrayBuffer
}

export type WorkerReply =
  | { type: 'ready'; engine: string }
  | { type: 'done'; id: number; tried: number; found?: Uint8Array }
