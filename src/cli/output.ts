/** Printing for the CLI: one-line errors that begin with the code; colors only on a TTY. */
import { toErrorPayload } from '../shared/errors'
import { EXIT, type CliIo } from './io'

/** Thrown for bad arguments: exit 2 with the usage on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** `--help` was asked for: the runner prints `usage` on stdout and exits 0. */
export class HelpRequested extends Error {
  constructor(readonly usage: string) {
    super('help requested')
    this.name = new.target.name
  }
}

export type Paint = (text: string) => string

export interface Colors {
  red: Paint
  green: Paint
  yellow: Paint
  dim: Paint
  bold: Paint
  cyan: Paint
}

/** ANSI colors when `stream` is a TTY and NO_COLOR is unset; identity functions otherwise. */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Colors {
  const on = stream.isTTY === true && !env['NO_COLOR'] && env['TERM'] !== 'dumb'
  const paint = (open: number, close: number): Paint =>
    on ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text
  return {
    red: paint(31, 39),
    green: paint(32, 39),
    yellow: paint(33, 39),
    cyan: paint(36, 39),
    dim: paint(2, 22),
    bold: paint(1, 22),
  }
}

/** Prints an error as `CODE: message` on one line and returns the exit code for it. */
export function reportError(io: CliIo, error: unknown): number {
  if (error instanceof HelpRequested) {
    io.stdout.write(`${error.usage}\n`)
    return EXIT.ok
  }
  if (error instanceof UsageError) {
    io.stderr.write(`ERR_INVALID_ARGUMENT: ${error.message}\n\n${error.usage}\n`)
    return EXIT.usage
  }
  const { code, message } = toErrorPayload(error)
  const c = colorsFor(io.stderr, io.env)
  io.stderr.write(`${c.red(code)}: ${message.replace(/\s*\n\s*/g, ' ')}\n`)
  return code === 'ERR_INVALID_ARGUMENT' ? EXIT.usage : EXIT.failure
}
