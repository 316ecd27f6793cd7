/** `jwtw secret check|generate|audit`: HMAC secret strength, generation and weak-secret audit. */
import { checkSecret, generateSecret, isEnvName } from '../../shared/secret-strength'
import {
  DEFAULT_SECRET_BYTES,
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  SECRET_ENCODINGS,
  type AuditProgress,
  type SecretEncoding,
} from '../../shared/secret-types'
import { runAudit } from '../../main/core/audit/run-audit'
import { saveSecretAsKey } from '../../main/core/secrets/secret-service'
import { parse } from '../args'
import { cliContext } from '../context'
import { readStdin } from '../stdin'
import { EXIT, type CliIo } from '../io'
import { colorsFor, HelpRequested, UsageError } from '../output'
import { LIMITS } from '../../shared/limits'
import { HMAC_ALGS, type HmacAlg } from '../../shared/algorithms'

export const SECRET_USAGE = `Usage: jwtw secret <check|generate|audit> [options]

  jwtw secret check [SECRET|-] [--alg HS256|HS384|HS512] [--json]
      Rates an HMAC secret (stdin when SECRET is - or missing): exit 0 acceptable or strong,
      1 weak. The secret is never printed.
  jwtw secret generate [--bytes N] [--encoding base64url|base64|hex] [--env NAME]
                       [--save NAME] [--alg HS256|HS384|HS512]
      Prints a cryptographically random secret (48 bytes, base64url by default); --env prints
      NAME=secret for a .env file; --save stores it in the OS keychain as an HS key.
  jwtw secret audit [TOKEN|-] [--wordlist FILE]... [--no-builtin] [--json]
      Tries known weak secrets, common passwords and your wordlists (one per line) against an
      HS256/384/512 token: exit 0 nothing found, 1 the secret was found (it is weak).`

function algOf(value: string | undefined): HmacAlg {
  if (value === undefined) return 'HS256'
  const alg = value.toUpperCase()
  if (!(HMAC_ALGS as readonly string[]).includes(alg)) {
    throw new UsageError(`--alg must be one of ${HMAC_ALGS.join(', ')}`, SECRET_USAGE)
  }
  return alg as HmacAlg
}

async function positionalOrStdin(
  positionals: string[],
  io: CliIo,
  what: string,
  maxChars: number,
): Promise<string> {
  if (positionals.length > 1) throw new UsageError('too many arguments', SECRET_USAGE)
  const [given] = positionals
  if (given !== undefined && given !== '-') return given
  if (given === undefined && io.stdin.isTTY) {
    throw new UsageError(`give the ${what} as an argument or on stdin`, SECRET_USAGE)
  }
  const text = (await readStdin(io.stdin, maxChars + 2)).replace(/\r?\n$/, '')
  if (text.length > maxChars) {
    throw new UsageError(`the ${what} on stdin is over ${maxChars} characters`, SECRET_USAGE)
  }
  return text
}

async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { alg: { type: 'string' }, json: { type: 'boolean' } },
    SECRET_USAGE,
  )
  const alg = algOf(values.alg)
  const secret = await positionalOrStdin(positionals, io, 'secret', LIMITS.checkedSecret)
  if (secret.length === 0) throw new UsageError('the secret is empty', SECRET_USAGE)
  const result = await checkSecret(secret, alg)
  if (values.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } else {
    const c = colorsFor(io.stdout, io.env)
    const paint = { weak: c.red, acceptable: c.yellow, strong: c.green }[result.verdict]
    const readings = result.readings.map((r) => `${r.bytes} bytes as ${r.kind}`).join(', ')
    io.stdout.write(
      `${c.bold(paint(result.verdict.toUpperCase()))} for ${alg}: ${result.length} characters, ` +
        `${readings}; about ${result.entropyBits} bits\n`,
    )
    for (const rule of result.rules) {
      const mark = rule.passed ? c.green('ok  ') : c.red('FAIL')
      io.stdout.write(`  ${mark} ${rule.id.padEnd(15)} ${rule.message}\n`)
      if (rule.fix) io.stdout.write(`       ${c.dim(`fix: ${rule.fix}`)}\n`)
    }
  }
  return result.verdict === 'weak' ? EXIT.failure : EXIT.ok
}

async function generateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      bytes: { type: 'string' },
      encoding: { type: 'string' },
      env: { type: 'string' },
      save: { type: 'string' },
      alg: { type: 'string' },
    },
    SECRET_USAGE,
  )
  if (positionals.length > 0) throw new UsageError('generate takes no arguments', SECRET_USAGE)
  const bytes = values.bytes === undefined ? DEFAULT_SECRET_BYTES : Number(values.bytes)
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    throw new UsageError(
      `--bytes must be a whole number from ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES}`,
      SECRET_USAGE,
    )
  }
  const encoding = (values.encoding ?? 'base64url') as SecretEncoding
  if (!(SECRET_ENCODINGS as readonly string[]).includes(encoding)) {
    throw new UsageError(`--encoding must be one of ${SECRET_ENCODINGS.join(', ')}`, SECRET_USAGE)
  }
  if (values.env !== undefined && !isEnvName(values.env)) {
    throw new UsageError('--env must be an environment variable name', SECRET_USAGE)
  }
  const alg = algOf(values.alg)
  const generated = generateSecret({ bytes, encoding, envName: values.env ?? 'JWT_SECRET_KEY' })
  if (values.save !== undefined) {
    await saveSecretAsKey(cliContext(io), values.save, generated.secret, alg)
    io.stderr.write(`Saved in the OS keychain as ${alg} key "${values.save}".\n`)
  }
  io.stdout.write(`${values.env === undefined ? generated.secret : generated.envLine}\n`)
  return EXIT.ok
}

function progressLine(p: AuditProgress): string {
  const percent = p.bytesTotal > 0 ? ` ${((100 * p.bytesDone) / p.bytesTotal).toFixed(1)}%` : ''
  return `\r  tried ${p.tried.toLocaleString('en-US')}${percent} at ${Math.round(p.rate).toLocaleString('en-US')}/s `
}

async function auditCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      wordlist: { type: 'string', multiple: true },
      'no-builtin': { type: 'boolean' },
      workers: { type: 'string' },
      json: { type: 'boolean' },
    },
    SECRET_USAGE,
  )
  const token = await positionalOrStdin(positionals, io, 'token', LIMITS.token)
  const workers = values.workers === undefined ? undefined : Number(values.workers)
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) {
    throw new UsageError('--workers must be a whole number from 1 to 64', SECRET_USAGE)
  }
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop)
  const showProgress = io.stderr.isTTY === true && !values.json
  let shown = false
  try {
    const result = await runAudit(
      {
        token,
        builtIn: values['no-builtin'] ? [] : undefined,
        wordlists: values.wordlist ?? [],
      },
      {
        workers,
        signal: controller.signal,
        onProgress: showProgress
          ? (p) => {
              shown = true
              io.stderr.write(progressLine(p))
            }
          : undefined,
      },
    )
    if (shown) io.stderr.write('\r\u001b[K')
    if (values.json) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    } else {
      const c = colorsFor(io.stdout, io.env)
      const stats = `${result.tried.toLocaleString('en-US')} candidates in ${(result.elapsedMs / 1000).toFixed(2)} s, ${Math.round(result.rate).toLocaleString('en-US')}/s (${result.engine} engine, ${result.workers} workers)`
      io.stdout.write(
        result.found
          ? `${c.red('SECRET FOUND')}: ${result.secret}\n  ${stats}\n  The token's ${result.alg} secret is weak: rotate it (jwtw secret generate).\n`
          : `${c.green('No candidate matched')}: ${stats}\n`,
      )
    }
    return result.found ? EXIT.failure : EXIT.ok
  } finally {
    if (shown) io.stderr.write('\r\u001b[K')
    process.removeListener('SIGINT', stop)
  }
}

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  check: checkCommand,
  generate: generateCommand,
  audit: auditCommand,
}

export async function secretCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === undefined) throw new UsageError('no subcommand given', SECRET_USAGE)
  if (sub === '--help' || sub === '-h') throw new HelpRequested(SECRET_USAGE)
  const run = SUBCOMMANDS[sub]
  if (!run) throw new UsageError(`unknown subcommand "${sub.slice(0, 40)}"`, SECRET_USAGE)
  return run(rest, io)
}
