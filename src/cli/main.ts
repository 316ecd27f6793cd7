/** `jwtw`: the command-line face of the same services the app uses. */
import { parse } from './args'
import { decodeCommand } from './commands/decode'
import { mintCommand } from './commands/mint'
import { uiCommand } from './commands/ui'
import { verifyCommand } from './commands/verify'
import { credsCommand } from './commands/creds'
import { keysCommand } from './commands/keys'
import { serveCommand } from './commands/serve'
import { secretCommand } from './commands/secret'
import { EXIT, type CliIo } from './io'
import { reportError, UsageError } from './output'
import { VERSION } from './version'

type Command = (argv: string[], io: CliIo) => Promise<number>

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  secret: {
    run: secretCommand,
    summary: 'check, generate or audit HMAC secrets (secret check|generate|audit)',
  },
  ui: { run: uiCommand, summary: 'serve the UI in your browser on 127.0.0.1 (browser mode)' },
  decode: {
    run: decodeCommand,
    summary: 'find and decode every JWT in a text, with lint findings',
  },
  mint: { run: mintCommand, summary: 'sign a JWT (HS*, RS*, PS*, ES*, EdDSA) and print it' },
  verify: { run: verifyCommand, summary: 'verify a JWT and explain every check' },
  keys: {
    run: keysCommand,
    summary: 'stored keys: list, generate, import, export, rotate, delete',
  },
  creds: { run: credsCommand, summary: 'saved tokens and secrets per environment: set, get, list' },
  serve: { run: serveCommand, summary: 'local OIDC issuer serving the JWKS of stored keys' },
}

/** Top-level usage, listing every command. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length))
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return `Usage: jwtw <command> [options]

JWT Workbench: inspect, mint and verify JSON Web Tokens; keys in the OS keychain.

Commands:
${lines.join('\n')}

Options:
  -h, --help     show help (also: jwtw <command> --help)
  -v, --version  print the version`
}

/** Runs the CLI and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv
    if (first === undefined || first.startsWith('-')) {
      const { values } = parse(argv, { version: { type: 'boolean', short: 'v' } }, usage())
      if (values.version) {
        io.stdout.write(`${VERSION}\n`)
        return EXIT.ok
      }
      throw new UsageError('no command given', usage())
    }
    const command = COMMANDS[first]
    if (!command) throw new UsageError(`unknown command "${first}"`, usage())
    return await command.run(rest, io)
  } catch (error) {
    return reportError(io, error)
  }
}
