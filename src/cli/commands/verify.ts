/** `jwtw verify`: checks a token's signature and claims and lists every check. */
import { WorkbenchError } from '../../shared/errors'
import { jsonOrString } from '../../shared/json-or-string'
import { isRecord } from '../../shared/is-record'
import { LIMITS } from '../../shared/limits'
import { describeInstant, formatDuration } from '../../shared/relative-time'
import { decodeToken } from '../../shared/token-decode'
import { findTokens, type FoundToken } from '../../shared/token-finder'
import type { VerifyOptions } from '../../shared/token-schemas'
import type { VerifyResult } from '../../shared/verify-types'
import type { AppContext } from '../../main/core/context'
import { durationSeconds, parseInstant } from '../../main/core/duration'
import { cliContext } from '../context'
import { call } from '../contract'
import { EXIT, flagOf, listOf, stringOf, type Parsed, type Runner } from '../framework/spec'
import { UsageError } from '../framework/usage-error'
import { holdsToken, onlyToken, readAll } from '../input'
import type { CliIo } from '../io'
import { keyFlag, keyFromEnv, keyFromFlags, nameValues, type LabelledKey } from '../key-options'
import { colorsFor, printJson } from '../output'

export const run: Runner = async (parsed, io) => {
  const options = verifyOptions(parsed)
  keyFlag(parsed)
  const arg = parsed.positionals[0] ?? '-'
  if (
    arg === '-' &&
    [stringOf(parsed, 'key-file'), stringOf(parsed, 'secret-file')].includes('-')
  ) {
    throw new UsageError(
      'stdin can be read once: give the token or the key as a file or argument',
      parsed.path,
    )
  }
  const flagged = await keyFromFlags(parsed, io)
  const text =
    arg !== '-' && holdsToken(arg) ? arg : await readAll(arg, io, LIMITS.text, 'token text')
  const tokens = flagOf(parsed, 'all')
    ? findTokens(text).map((f) => f.token)
    : [onlyToken(text, describeFound)]
  if (tokens.length === 0) {
    throw new WorkbenchError(
      'ERR_NO_TOKEN_FOUND',
      'No token found in the text given (argument, file or stdin).',
    )
  }
  const ctx = cliContext(io)
  const results: VerifyResult[] = []
  let exit: number = EXIT.ok
  for (const token of tokens) {
    const key = flagged ?? fallbackKey(ctx, io, token)
    const result = await call(ctx, 'verify', { token, key: key.source, options })
    results.push(result)
    if (!flagOf(parsed, 'json')) printResult(result, key, io, tokens.length > 1 ? token : undefined)
    if (!result.valid) {
      exit = EXIT.failure
      const first =
        result.checks.find((c) => !c.ok && !c.skipped) ?? result.checks.find((c) => !c.ok)
      const c = colorsFor(io.stderr, io.env)
      io.stderr.write(
        `${c.red(first?.code ?? 'ERR_JWS_INVALID')}: token invalid: ${first?.message ?? ''}\n`,
      )
    }
  }
  if (flagOf(parsed, 'json')) printJson(io, flagOf(parsed, 'all') ? results : results[0])
  return exit
}

/**
 * With no key option: the trusted issuer the token names, else JWT_SECRET_KEY, else the
 * error that says how to give a key (and names `jwtw issuers add`).
 */
function fallbackKey(ctx: AppContext, io: CliIo, token: string): LabelledKey {
  const decoded = decodeToken(token, new Date(0), { display: false })
  const iss = isRecord(decoded.payload) ? decoded.payload['iss'] : undefined
  if (typeof iss === 'string' && ctx.trustedIssuers.find(iss)) {
    return { source: { trusted: true }, label: `trusted issuer ${iss}` }
  }
  const fromEnv = keyFromEnv(io)
  if (fromEnv) return fromEnv
  throw new WorkbenchError(
    'ERR_NO_KEY',
    `No key: give --secret, --secret-file, --key, --key-file, --jwks URL or --issuer URL, or set JWT_SECRET_KEY${typeof iss === 'string' ? `; or trust the token's issuer: jwtw issuers add ${iss}` : ''}.`,
  )
}

function verifyOptions(parsed: Parsed): VerifyOptions {
  const options: VerifyOptions = {}
  const algs = listOf(parsed, 'alg')
  if (algs.length > 0) options.algorithms = algs as VerifyOptions['algorithms']
  const iss = stringOf(parsed, 'iss')
  if (iss !== undefined) options.issuer = iss
  const aud = listOf(parsed, 'aud')
  if (aud.length > 0) options.audience = aud.length === 1 ? aud[0]! : aud
  const sub = stringOf(parsed, 'sub')
  if (sub !== undefined) options.subject = sub
  const require = nameValues(parsed, 'require', jsonOrString, false)
  if (require.length > 0) options.require = require
  const tolerance = stringOf(parsed, 'clock-tolerance')
  if (tolerance !== undefined)
    options.clockTolerance = checkDuration(parsed, 'clock-tolerance', tolerance)
  const at = stringOf(parsed, 'at')
  if (at !== undefined) {
    if (parseInstant(at) === undefined) {
      throw new UsageError(
        `--at "${at.slice(0, 40)}" is not a time: use ISO 8601 (2026-11-22T10:00:00Z) or epoch seconds`,
        parsed.path,
      )
    }
    options.at = at
  }
  const maxAge = stringOf(parsed, 'max-age')
  if (maxAge !== undefined) options.maxAge = checkDuration(parsed, 'max-age', maxAge)
  const typ = stringOf(parsed, 'typ')
  if (typ !== undefined) options.typ = typ
  const kid = stringOf(parsed, 'kid')
  if (kid !== undefined) options.kid = kid
  if (flagOf(parsed, 'jws')) options.kind = 'jws'
  return options
}

/** A duration option, checked here so a malformed one is a usage error (exit 2). */
export function checkDuration(parsed: Parsed, flag: string, text: string): string {
  try {
    durationSeconds(text, `--${flag}`)
  } catch (error) {
    throw new UsageError((error as Error).message, parsed.path)
  }
  return text
}

/** A token of several, named by what tells them apart. */
function describeFound(found: FoundToken): string {
  const decoded = decodeToken(found.token, new Date(0), { display: false })
  const claims = isRecord(decoded.payload) ? decoded.payload : {}
  const exp =
    typeof claims['exp'] === 'number' ? describeInstant(claims['exp'], new Date()) : 'no exp'
  return `iss ${String(claims['iss'] ?? '-')}, sub ${String(claims['sub'] ?? '-')}, exp ${exp}`
}

function printResult(result: VerifyResult, key: LabelledKey, io: CliIo, token?: string): void {
  const c = colorsFor(io.stdout, io.env)
  const lines = [result.valid ? c.green(c.bold('valid')) : c.red(c.bold('invalid'))]
  if (token !== undefined) lines[0] += c.dim(`  ${token.slice(0, 24)}…`)
  for (const check of result.checks) {
    const mark = check.ok ? c.green('ok  ') : check.skipped ? c.dim('skip') : c.red('FAIL')
    const code = check.ok || !check.code ? '' : `${c.red(check.code)} `
    lines.push(`  ${mark} ${check.id.padEnd(12)} ${code}${check.message}`)
  }
  for (const finding of result.lint ?? []) {
    const paint =
      finding.severity === 'error' ? c.red : finding.severity === 'warning' ? c.yellow : c.dim
    lines.push(`  ${paint(`lint ${finding.severity}`)} ${finding.code}: ${finding.message}`)
  }
  if (result.key) lines.push(c.dim(keyLine(result, key)))
  io.stdout.write(`${lines.join('\n')}\n`)
}

/** `key: HMAC secret, 33 bytes (from --secret)`; a fetched key says its URL and age. */
function keyLine(result: VerifyResult, key: LabelledKey): string {
  const k = result.key!
  const what = k.kind === 'secret' ? k.detail : `${k.detail} ${k.kind} key`
  const ids = [k.kid ? `kid ${k.kid}` : '', k.thumbprint ? `thumbprint ${k.thumbprint}` : '']
    .filter(Boolean)
    .join(', ')
  const remote = k.remote
  const from = remote
    ? `from ${remote.jwksUri}, fetched ${formatDuration(remote.ageSeconds)} ago${remote.stale ? ` (STALE: ${remote.staleBecause?.code ?? 'server unreachable'})` : ''}`
    : key.label
  return `key: ${what}${ids ? `, ${ids}` : ''} (${from})`
}
