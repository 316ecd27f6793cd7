/** `jwtw secret check|generate|audit`: HMAC secret strength, generation and weak-secret audit. */
import type { HmacAlg } from '../../shared/algorithms'
import { LIMITS } from '../../shared/limits'
import { checkSecret } from '../../shared/secret-strength'
import {
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  type AuditProgress,
  type SecretEncoding,
} from '../../shared/secret-types'
import { runAudit } from '../../main/core/audit/run-audit'
import { cliContext } from '../context'
import { call } from '../contract'
import { EXIT, flagOf, listOf, stringOf, type Parsed, type Runner } from '../framework/spec'
import { UsageError } from '../framework/usage-error'
import { holdsToken, onlyToken, readAll } from '../input'
import { colorsFor, printJson } from '../output'

export const check: Runner = async (parsed, io) => {
  const alg = (stringOf(parsed, 'alg') ?? 'HS256') as HmacAlg
  const given = parsed.positionals[0]
  let secret: string
  if (given !== undefined && given !== '-') secret = given
  else {
    if (given === undefined && io.stdin.isTTY)
      throw new UsageError('give the secret as an argument or on stdin', parsed.path)
    secret = (await readAll('-', io, LIMITS.checkedSecret + 2, 'secret')).replace(/\r?\n$/, '')
  }
  if (secret.length === 0) throw new UsageError('the secret is empty', parsed.path)
  if (secret.length > LIMITS.checkedSecret) {
    throw new UsageError(
      `the secret is ${secret.length} characters; at most ${LIMITS.checkedSecret} are checked`,
      parsed.path,
    )
  }
  const result = await checkSecret(secret, alg)
  if (flagOf(parsed, 'json')) printJson(io, result)
  else {
    const c = colorsFor(io.stdout, io.env)
    const paint = { weak: c.red, acceptable: c.yellow, strong: c.green }[result.verdict]
    const readings = result.readings.map((r) => `${r.bytes} bytes as ${r.kind}`).join(', ')
    io.stdout.write(
      `${c.bold(paint(result.verdict.toUpperCase()))} for ${alg}: ${result.length} characters, ${readings}; about ${result.entropyBits} bits\n`,
    )
    for (const rule of result.rules) {
      io.stdout.write(
        `  ${rule.passed ? c.green('ok  ') : c.red('FAIL')} ${rule.id.padEnd(15)} ${rule.message}\n`,
      )
    }
    if (result.fix) {
      io.stdout.write(
        `fix: ${result.fix.message} (jwtw secret generate --bytes ${result.fix.bytes})\n`,
      )
    }
  }
  return result.verdict === 'weak' ? EXIT.failure : EXIT.ok
}

export const generate: Runner = async (parsed, io) => {
  const bytesText = stringOf(parsed, 'bytes')
  const bytes = bytesText === undefined ? undefined : Number(bytesText)
  if (
    bytes !== undefined &&
    (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES)
  ) {
    throw new UsageError(
      `--bytes must be a whole number from ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES}`,
      parsed.path,
    )
  }
  const env = stringOf(parsed, 'env')
  const save = stringOf(parsed, 'save')
  const alg = stringOf(parsed, 'alg') as HmacAlg | undefined
  const ctx = cliContext(io)
  const generated = await call(ctx, 'secret.generate', {
    ...(bytes === undefined ? {} : { bytes }),
    encoding: (stringOf(parsed, 'encoding') ?? 'base64url') as SecretEncoding,
    envName: env ?? 'JWT_SECRET_KEY',
    ...(save === undefined ? {} : { saveAs: save }),
    ...(alg === undefined ? {} : { alg }),
  })
  if (save !== undefined)
    io.stderr.write(`Saved in the OS keychain as ${alg ?? 'HS256'} key "${save}".\n`)
  io.stdout.write(`${env === undefined ? generated.secret : generated.envLine}\n`)
  return EXIT.ok
}

export const audit: Runner = async (parsed, io) => {
  const arg = parsed.positionals[0] ?? '-'
  const text =
    arg !== '-' && holdsToken(arg) ? arg : await readAll(arg, io, LIMITS.text, 'token text')
  const token = onlyToken(text, (t) => t.token.slice(0, 24))
  const workers = workerCount(parsed)
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop)
  const showProgress = io.stderr.isTTY === true && !flagOf(parsed, 'json')
  let shown = false
  try {
    const result = await runAudit(
      {
        token,
        builtIn: flagOf(parsed, 'no-builtin') ? [] : undefined,
        wordlists: listOf(parsed, 'wordlist'),
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
    if (flagOf(parsed, 'json')) printJson(io, result)
    else {
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

function workerCount(parsed: Parsed): number | undefined {
  const text = stringOf(parsed, 'workers')
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError('--workers must be a whole number from 1 to 64', parsed.path)
  return n
}

function progressLine(p: AuditProgress): string {
  const percent = p.bytesTotal > 0 ? ` ${((100 * p.bytesDone) / p.bytesTotal).toFixed(1)}%` : ''
  return `\r  tried ${p.tried.toLocaleString('en-US')}${percent} at ${Math.round(p.rate).toLocaleString('en-US')}/s `
}
