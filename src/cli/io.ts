/** The CLI's view of the outside world, injectable so commands are testable in-process. */
import type { Readable, Writable } from 'node:stream'

export interface CliIo {
  stdout: Writable & { isTTY?: boolean }
  stderr: Writable & { isTTY?: boolean }
  stdin: Readable & { isTTY?: boolean }
  env: NodeJS.ProcessEnv
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }
}
