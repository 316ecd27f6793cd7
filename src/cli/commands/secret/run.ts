/** `jwtw secret check|generate|audit`: HMAC secret strength, generation and weak-secret audit. */
import { toErrorPayload } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'
import { checkSecret } from '../../../shared/secret-strength'
import {
  MAX_SECRET_BYTES,
  MIN_SECRET_BYTES,
  type AuditProgress,
} from '../../../shared/secret-types'
import { runAudit } from '../../../main/core/audit/run-audit'
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { exactToken, givenText } from '../../input'
import { colorsFor, printJson, reportError } from '../../output'
import { readSecret, warnArgvSecret } from '../../secret-input'
import type { secretAuditOptions, secretCheckOptions, secretGenerateOptions } from './spec'

export const check: Runner<typeof secretCheckOptions> = async (
  { values, positionals, path },
  io,
) => {
  const alg = values.alg ?? 'HS256'
  const given = positionals[0]
  let secret: string
  if (given !== undefined && given !== '-') {
    warnArgvSecret(io, 'a SECRET argument')
    secret = given
  } else {
    secret = await readSecret('-', io, {
      cap: LIMITS.checkedSecret + 2,
      what: 'secret',
      prompt: 'Secret to check (not shown): ',
    })
  }
  if (secret.length === 0) throw new UsageError('the secret is empty', path)
  if (secret.length > LIMITS.checkedSecret) {
    throw new UsageError(
      `the secret is ${secret.length} characters; at most ${LIMITS.checkedSecret} are checked`,
      path,
    )
  }
  const result = await checkSecret(secret, alg)
  if (values.json) printJson(io, result)
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
  const failed = result.verdict === 'weak' || result.rules.some((r) => !r.passed)
  return failed && !values['warn-only'] ? EXIT.failure : EXIT.ok
}

export const generate: Runner<typeof secretGenerateOptions> = async ({ values, path }, io) => {
  const bytesText = values.bytes
  const bytes = bytesText === undefined ? undefined : Number(bytesText)
  if (
    bytes !== undefined &&
    (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES)
  ) {
    throw new UsageError(
      `--bytes must be a whole number from ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES}`,
      path,
    )
  }
  const { env, save, alg } = values
  const ctx = cliContext(io)
  const generated = await call(ctx, 'secret.generate', {
    ...(bytes === undefined ? {} : { bytes }),
    encoding: values.encoding ?? 'base64url',
    envName: env ?? 'JWT_SECRET_KEY',
    ...(save === undefined ? {} : { saveAs: save }),
    ...(alg === undefined ? {} : { alg }),
  })
  if (save !== undefined)
    io.stderr.write(`Saved in the OS keychain as ${alg ?? 'HS256'} key "${save}".\n`)
  io.stdout.write(`${env === undefined ? generated.secret : generated.envLine}\n`)
  return EXIT.ok
}

/** The audit could not run (beyond 0 no match, 1 found, 2 usage). */
const COULD_NOT_RUN = 3
/** What was given cannot be audited: exit 2, like a usage error. */
const NOT_AUDITABLE = new Set(['ERR_JWT_MALFORMED', 'ERR_NOT_HMAC_TOKEN', 'ERR_INPUT_TOO_LARGE'])

export const audit: Runner<typeof secretAuditOptions> = async (
  { values, positionals, path },
  io,
) => {
  const workers = workerCount(values.workers, path)
  let token: string
  try {
    const text = await givenText(positionals[0], values.file, io, {
      path,
      cap: LIMITS.text,
      what: 'token text',
    })
    token = exactToken(text)
  } catch (error) {
    return auditError(io, error)
  }
  const controller = new AbortController()
  const stopListening = io.onInterrupt(() => controller.abort())
  const showProgress = io.stderr.isTTY === true && !values.json
  let shown = false
  try {
    const result = await runAudit(
      {
        token,
        builtIn: values['no-builtin'] ? [] : undefined,
        wordlists: values.wordlist,
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
    if (values.json) printJson(io, result)
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
  } catch (error) {
    return auditError(io, error)
  } finally {
    if (shown) io.stderr.write('\r\u001b[K')
    stopListening()
  }
}

/** An audit that could not run never exits 1, which means "secret found". */
function auditError(io: Parameters<typeof reportError>[0], error: unknown): number {
  const exit = reportError(io, error)
  if (exit === EXIT.usage || NOT_AUDITABLE.has(toErrorPayload(error).code)) return EXIT.usage
  return COULD_NOT_RUN
}

function workerCount(text: string | undefined, path: string[]): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError('--workers must be a whole number from 1 to 64', path)
  return n
}

function progressLine(p: AuditProgress): string {
  const percent = p.bytesTotal > 0 ? ` ${((100 * p.bytesDone) / p.bytesTotal).toFixed(1)}%` : ''
  return `\r  tried ${p.tried.toLocaleString('en-US')}${percent} at ${Math.round(p.rate).toLocaleString('en-US')}/s `
}
