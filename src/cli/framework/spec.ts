/**
 * How a command is declared, once, beside its code: its options (a table from name to kind,
 * placeholder, description, allowed values), positionals, subcommands, exit codes and examples.
 * Parsing, --help, `jwtw help`, did-you-mean and the shell completions are generated from the
 * declarations, and a command's implementation receives its option values typed by them.
 * Declarations import no service: the implementation is loaded only when the command runs.
 */
import type { CliIo } from '../io'

interface OptionCommon {
  description: string
  /** Other long names for the same option (--algorithm for --alg). */
  aliases?: readonly string[]
  short?: string
  /** Placeholder for the value in help: FILE, DUR, URL. */
  value?: string
  /** What the shell completes the value with. */
  complete?: 'file'
}

/** --flag: true when given. */
export interface FlagOption extends OptionCommon {
  kind: 'flag'
}

/** --name VALUE: the last value given, or undefined. */
export interface TextOption<T extends string = string> extends OptionCommon {
  kind: 'text'
  choices?: readonly T[]
}

/** --name VALUE, repeatable: every value given, in order. */
export interface ListOption<T extends string = string> extends OptionCommon {
  kind: 'list'
  choices?: readonly T[]
}

export type OptionSpec = FlagOption | TextOption | ListOption
export type OptionTable = Readonly<Record<string, OptionSpec>>

type ValueOf<O> = O extends FlagOption
  ? boolean
  : O extends ListOption<infer T>
    ? T[]
    : O extends TextOption<infer T>
      ? T | undefined
      : never

/** The parsed values of an option table, typed by its declarations. */
export type OptionValues<O extends OptionTable> = { readonly [K in keyof O]: ValueOf<O[K]> }

type More<T extends string> = Omit<OptionCommon, 'description' | 'value'> & {
  choices?: readonly T[]
}

/** Declares a flag. */
export function flag(description: string, more: Omit<OptionCommon, 'description'> = {}) {
  return { kind: 'flag', description, ...more } as const satisfies FlagOption
}

/** Declares an option with one value; VALUE is its placeholder in help. */
export function text<T extends string = string>(
  value: string,
  description: string,
  more: More<T> = {},
): TextOption<T> {
  return { kind: 'text', value, description, ...more }
}

/** Declares a repeatable option. */
export function list<T extends string = string>(
  value: string,
  description: string,
  more: More<T> = {},
): ListOption<T> {
  return { kind: 'list', value, description, ...more }
}

export interface PositionalSpec {
  name: string
  optional?: boolean
  variadic?: boolean
  choices?: readonly string[]
  complete?: 'file'
}

export interface Parsed<O extends OptionTable = OptionTable> {
  /** The command path, e.g. ['keys', 'import']. */
  path: string[]
  values: OptionValues<O>
  positionals: string[]
}

/** A command's implementation; `root` is the whole declaration tree (for completion). */
export type Runner<O extends OptionTable = OptionTable> = (
  parsed: Parsed<O>,
  io: CliIo,
  root: AnyCommand,
) => Promise<number>

export interface CommandSpec<O extends OptionTable = OptionTable> {
  name: string
  summary: string
  details?: string
  options?: O
  positionals?: readonly PositionalSpec[]
  subcommands?: readonly AnyCommand[]
  /** Exit code -> what it means for this command. */
  exitCodes?: Readonly<Record<number, string>>
  examples?: readonly string[]
  /** The implementation, imported on first use. */
  load?: () => Promise<Runner<O>>
}

/** A command of any option table, as the command tree holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- runners differ in their values' types
export type AnyCommand = CommandSpec<any>

/**
 * Declares a command; its runner gets values typed by `options`. The option table is its own
 * exported const, so the runner's type (`Runner<typeof verifyOptions>`) does not depend on the
 * declaration that loads it.
 */
export function command<const O extends OptionTable = NoOptions>(
  spec: CommandSpec<O>,
): CommandSpec<O> {
  return spec
}

/** The option table of a command that takes no options. */
export type NoOptions = Record<never, never>

/** The options of a declared command, as name/declaration pairs (help, completion, parsing). */
export function optionsOf(spec: AnyCommand): Array<[string, OptionSpec]> {
  return Object.entries((spec.options ?? {}) as OptionTable)
}

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
