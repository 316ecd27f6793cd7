/**
 * How a command is declared, once: its options (name, short alias, type, allowed values,
 * placeholder, description, repeatable), positionals, subcommands, exit codes and examples.
 * Parsing, --help, `jwtw help`, did-you-mean and the shell completions are all generated from
 * these declarations; the implementation is loaded only when the command runs.
 */
import type { CliIo } from '../io'

export interface OptionSpec {
  name: string
  /** Other long names for the same option (--algorithm for --alg). */
  aliases?: readonly string[]
  short?: string
  type: 'string' | 'boolean'
  /** Placeholder for the value in help: FILE, DUR, URL. */
  value?: string
  description: string
  multiple?: boolean
  choices?: readonly string[]
  /** What the shell completes the value with. */
  complete?: 'file'
}

export interface PositionalSpec {
  name: string
  optional?: boolean
  variadic?: boolean
  choices?: readonly string[]
  complete?: 'file'
}

export interface CommandSpec {
  name: string
  summary: string
  details?: string
  options?: readonly OptionSpec[]
  positionals?: readonly PositionalSpec[]
  subcommands?: readonly CommandSpec[]
  /** Exit code -> what it means for this command. */
  exitCodes?: Readonly<Record<number, string>>
  examples?: readonly string[]
  /** The implementation, imported on first use. */
  load?: () => Promise<Runner>
}

export type OptionValue = string | boolean | string[] | undefined

export interface Parsed {
  /** The command path, e.g. ['keys', 'import']. */
  path: string[]
  values: Record<string, OptionValue>
  positionals: string[]
}

/** A command's implementation; `root` is the whole declaration tree (for completion). */
export type Runner = (parsed: Parsed, io: CliIo, root: CommandSpec) => Promise<number>

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

/** The codes every command has, extended per command. */
export function exitCodes(success: string, failure: string, extra: Record<number, string> = {}) {
  return {
    0: success,
    1: failure,
    ...extra,
    2: 'invalid arguments (the usage is printed on stderr)',
  }
}

/** A string option's value (the last one when given twice). */
export function stringOf(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name]
  return Array.isArray(value)
    ? value[value.length - 1]
    : typeof value === 'string'
      ? value
      : undefined
}

/** A repeatable option's values. */
export function listOf(parsed: Parsed, name: string): string[] {
  const value = parsed.values[name]
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
}

export function flagOf(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true
}
