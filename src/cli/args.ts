/** Argument parsing over node:util parseArgs: unknown flags and bad values become usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { HelpRequested, UsageError } from './output'

export type Options = NonNullable<ParseArgsConfig['options']>

const HELP = { help: { type: 'boolean', short: 'h' } } as const

/**
 * Parses `argv` strictly; every failure is a UsageError carrying `usage`, and `--help`
 * (`-h`) anywhere ends the command with HelpRequested.
 */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  let parsed
  try {
    // Typed by the command's own options; help is checked here and never reaches it.
    const withHelp = { ...options, ...HELP } as O
    parsed = parseArgs({ args: argv, options: withHelp, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message, usage)
  }
  if ((parsed.values as Record<string, unknown>)['help'] === true) throw new HelpRequested(usage)
  return parsed
}
