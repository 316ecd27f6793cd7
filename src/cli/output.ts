/** Printing for the CLI: one-line errors that begin with the code; colors only on a TTY. */
import { toErrorPayload, type ErrorCode } from '../shared/errors'
import { EXIT } from './framework/spec'
import type { CliIo } from './io'

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

/** Codes that mean the arguments were wrong: exit 2, as usage errors. */
const ARGUMENT_CODES = new Set<ErrorCode>([
  'ERR_INVALID_ARGUMENT',
  'ERR_INVALID_DURATION',
  'ERR_MULTIPLE_TOKENS',
  'ERR_NOT_HMAC_TOKEN',
  'ERR_INVALID_KEY_NAME',
  'ERR_INVALID_CREDENTIAL_NAME',
])

/** Prints an error as `CODE: message` (the message on one line) and returns its exit code. */
export function reportError(io: CliIo, error: unknown): number {
  const { code, message } = toErrorPayload(error)
  const c = colorsFor(io.stderr, io.env)
  // A message may list things on lines of their own (several tokens); keep those.
  const text = message.includes('\n  ') ? message : message.replace(/\s*\n\s*/g, ' ')
  io.stderr.write(`${c.red(code)}: ${text}\n`)
  return ARGUMENT_CODES.has(code) ? EXIT.usage : EXIT.failure
}

/** Writes JSON (2-space indented) and a newline. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** A table with aligned columns; color codes do not count toward widths. */
export function table(head: string[], rows: string[][], c: Colors): string {
  // eslint-disable-next-line no-control-regex
  const visible = (t: string) => t.replace(/\u001b\[\d+m/g, '').length
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i] ?? ''))))
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell + ' '.repeat(widths[i]! - visible(cell)))
      .join('  ')
      .trimEnd()
  return [c.bold(line(head)), ...rows.map(line)].join('\n')
}
