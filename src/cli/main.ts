/** `jwtw`: finds the declared command, parses its arguments, loads and runs it. */
import { ROOT } from './command-table'
import { fullHelp, shortUsage } from './framework/help'
import { parseCommand, suggest } from './framework/parse'
import { EXIT, type AnyCommand } from './framework/spec'
import { HelpRequested, UsageError } from './framework/usage-error'
import type { CliIo } from './io'
import { reportError } from './output'
import { VERSION } from './version'

/** The declaration at `path`, or undefined. */
export function specAt(path: string[]): AnyCommand | undefined {
  let spec: AnyCommand | undefined = ROOT
  for (const name of path) spec = spec?.subcommands?.find((s) => s.name === name)
  return spec
}

/** Runs the CLI and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.stdout.write(`${fullHelp(specAt(error.path) ?? ROOT, error.path)}\n`)
      return EXIT.ok
    }
    if (error instanceof UsageError) {
      const spec = specAt(error.path) ?? ROOT
      io.stderr.write(`ERR_INVALID_ARGUMENT: ${error.message}\n\n${shortUsage(spec, error.path)}\n`)
      return EXIT.usage
    }
    return reportError(io, error)
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const path: string[] = []
  let spec: AnyCommand = ROOT
  let rest = argv
  // Walk down the subcommands named by the leading words.
  while (spec.subcommands) {
    const [word, ...after] = rest
    if (word === undefined || word.startsWith('-')) {
      if (path.length === 0) return root(rest, io)
      if (word === '--help' || word === '-h') throw new HelpRequested(path)
      throw new UsageError(
        `${['jwtw', ...path].join(' ')} needs a command: ${spec.subcommands.map((s) => s.name).join(', ')}`,
        path,
      )
    }
    const next = spec.subcommands.find((s) => s.name === word)
    if (!next) {
      const names = spec.subcommands.map((s) => s.name)
      throw new UsageError(
        `unknown command "${word.slice(0, 40)}"${path.length ? ` for jwtw ${path.join(' ')}` : ''}${suggest(word, names, '')}`,
        path,
      )
    }
    path.push(word)
    spec = next
    rest = after
  }
  const parsed = parseCommand(rest, spec, path)
  if (spec.name === 'help' && path.length === 1) {
    const target = parsed.positionals
    if (target.length > 0 && !specAt(target))
      throw new UsageError(`no command "${target.join(' ')}"`, path)
    throw new HelpRequested(target)
  }
  const run = await spec.load!()
  return run(parsed, io, ROOT)
}

function root(argv: string[], io: CliIo): number {
  const parsed = parseCommand(argv, ROOT, [])
  if ((parsed.values as { version?: boolean }).version === true) {
    io.stdout.write(`${VERSION}\n`)
    return EXIT.ok
  }
  throw new UsageError('no command given', [])
}
