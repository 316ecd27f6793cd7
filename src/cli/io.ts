/**
 * The CLI's view of the outside world: standard streams, the environment, the clock and
 * Ctrl+C. Injected, so every command runs in-process in the tests exactly as in a terminal.
 */
import type { Readable, Writable } from 'node:stream'

type Terminal = { isTTY?: boolean; columns?: number }

export interface CliIo {
  stdout: Writable & Terminal
  stderr: Writable & Terminal
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }
  env: NodeJS.ProcessEnv
  /** The current time (a test freezes it). */
  now: () => Date
  /** Calls `stop` on Ctrl+C or SIGTERM; returns the function that stops listening. */
  onInterrupt: (stop: () => void) => () => void
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Node builds process.stdin on first read of the property (about 1 ms): only for "-".
    get stdin() {
      return process.stdin
    },
    env: process.env,
    now: () => new Date(),
    onInterrupt: (stop) => {
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      return () => {
        process.removeListener('SIGINT', stop)
        process.removeListener('SIGTERM', stop)
      }
    },
  }
}

/** Resolves on Ctrl+C or SIGTERM (a server command's lifetime). */
export function untilInterrupted(io: CliIo): Promise<void> {
  return new Promise((resolve) => {
    const stop = io.onInterrupt(() => {
      stop()
      resolve()
    })
  })
}
