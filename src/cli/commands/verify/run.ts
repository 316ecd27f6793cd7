/** `jwtw verify`: checks a token's signature and claims and lists every check. */
import { WorkbenchError } from '../../../shared/errors'
import { jsonOrString } from '../../../shared/json-or-string'
import { isRecord } from '../../../shared/is-record'
import { placeRequirement } from '../../../shared/providers'
import { LIMITS } from '../../../shared/limits'
import { describeInstant, formatDuration } from '../../../shared/relative-time'
import { decodeToken } from '../../../shared/token-decode'
import { findTokens } from '../../../shared/token-finder'
import { unwrapToken } from '../../../shared/token-text'
import type { VerifyOptions } from '../../../shared/request-schemas'
import type { VerifyResult } from '../../../shared/verify-types'
import { durationSeconds, parseInstant } from '../../../main/core/duration'
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type OptionValues, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { exactToken, givenText, readAll } from '../../input'
import type { CliIo } from '../../io'
import { keyFlag, keyFromEnv, keyFromFlags, nameValues, type LabelledKey } from '../../key-options'
import { colorsFor, printJson } from '../../output'
import { checkLines } from '../../token-render'
import type { verifyOptions } from './spec'

type Values = OptionValues<typeof verifyOptions>

export const run: Runner<typeof verifyOptions> = async ({ values, positionals, path }, io) => {
  const options = requestOptions(values, path)
  keyFlag(values, path)
  const arg = positionals[0]
  const tokenFromStdin = (arg === undefined || arg === '-') && (values.file ?? '-') === '-'
  if (tokenFromStdin && [values['key-file'], values['secret-file']].includes('-')) {
    throw new UsageError(
      'stdin can be read once: give the token or the key as a file or argument',
      path,
    )
  }
  const text = await givenText(arg, values.file, io, {
    path,
    cap: LIMITS.text,
    what: 'token text',
  })
  const tokens = values.all ? findTokens(text).map((f) => f.token) : [oneToken(text, io.now())]
  if (tokens.length === 0) {
    throw new WorkbenchError('ERR_NO_TOKEN_FOUND', 'No token found in the text given.')
  }
  // The caller decides the key: a key option, else JWT_SECRET_KEY, else the token's trusted
  // issuer (resolved, and refused when not trusted, by the verify service).
  const accessToken = values['access-token-file']
  if (accessToken !== undefined) {
    options.accessToken = exactToken(
      await readAll(accessToken, io, LIMITS.token, 'access token file'),
    )
  }
  const given =
    (await keyFromFlags(values, io, path)) ??
    (values.profile === 'dpop' ? proofKey(tokens[0]!) : keyFromEnv(io))
  const key: LabelledKey = given ?? {
    source: { trusted: true },
    label: "the token's trusted issuer",
  }
  const ctx = cliContext(io)
  const results: VerifyResult[] = []
  let exit: number = EXIT.ok
  for (const token of tokens) {
    const result = await call(ctx, 'verify', { token, key: key.source, options }).catch(
      (error: unknown) => {
        throw given === undefined ? noKey(error) : error
      },
    )
    results.push(result)
    if (!values.json) printResult(result, key, io, values.all ? token : undefined)
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
  if (values.json) printJson(io, values.all ? results : results[0])
  return exit
}

/** A DPoP proof is verified with the public key it carries (RFC 9449 §4.3 step 7). */
function proofKey(token: string): LabelledKey | undefined {
  const jwk = decodeToken(token, new Date(), { display: false }).header?.['jwk']
  return isRecord(jwk)
    ? { source: { keyText: JSON.stringify(jwk) }, label: "the proof's own jwk (DPoP)" }
    : undefined
}

/**
 * The one token verify was given. Text holding several tokens is named token by token (iss,
 * sub, exp), so the user can pick one or ask for --all.
 */
function oneToken(text: string, now: Date): string {
  if (/\s/.test(unwrapToken(text))) {
    const found = findTokens(text)
    if (found.length > 1) {
      const list = found
        .slice(0, 10)
        .map(
          (f, i) =>
            `  ${i + 1}. ${describeClaims(decodeToken(f.token, now, { display: false }).payload, now)}`,
        )
        .join('\n')
      throw new WorkbenchError(
        'ERR_MULTIPLE_TOKENS',
        `The text holds ${found.length} tokens; give one, or --all to verify each:\n${list}${found.length > 10 ? '\n  ...' : ''}`,
      )
    }
  }
  return exactToken(text)
}

/** With no key given and the token's issuer not trusted: say how to give a key. */
function noKey(error: unknown): unknown {
  if ((error as { code?: unknown }).code !== 'ERR_ISSUER_NOT_TRUSTED') return error
  return new WorkbenchError(
    'ERR_NO_KEY',
    `No key: give --secret-file, --key, --key-file, --jwks URL or --issuer URL, or set JWT_SECRET_KEY. ${(error as Error).message.replace(/^No key given, and /, 'Also, ')}`,
  )
}

function requestOptions(values: Values, path: string[]): VerifyOptions {
  const options: VerifyOptions = {}
  if (values.alg.length > 0) options.algorithms = values.alg
  if (values.iss !== undefined) options.issuer = values.iss
  const aud = values.aud
  if (aud.length > 0) options.audience = aud.length === 1 ? aud[0]! : aud
  if (values.sub !== undefined) options.subject = values.sub
  const require: NonNullable<VerifyOptions['require']> = [
    ...nameValues(values.require, 'require', path, jsonOrString, false),
    ...values.scope.map((value) => placeRequirement('scope', value)),
    ...values.role.map((value) => placeRequirement('role', value)),
  ]
  if (require.length > 0) options.require = require
  const tolerance = values['clock-tolerance']
  if (tolerance !== undefined)
    options.clockTolerance = checkDuration(path, 'clock-tolerance', tolerance)
  const at = values.at
  if (at !== undefined) {
    if (parseInstant(at) === undefined) {
      throw new UsageError(
        `--at "${at.slice(0, 40)}" is not a time: use ISO 8601 (2026-11-22T10:00:00Z) or epoch seconds`,
        path,
      )
    }
    options.at = at
  }
  const maxAge = values['max-age']
  if (maxAge !== undefined) options.maxAge = checkDuration(path, 'max-age', maxAge)
  if (values.typ !== undefined) options.typ = values.typ
  if (values.kid !== undefined) options.kid = values.kid
  if (values.jws) options.kind = 'jws'
  if (values['allow-null-exp']) options.allowNullExp = true
  if (values.profile !== undefined) options.profile = values.profile
  if (values.nonce !== undefined) options.nonce = values.nonce
  if (values.code !== undefined) options.code = values.code
  if (values.htm !== undefined) options.htm = values.htm
  if (values.htu !== undefined) options.htu = values.htu
  return options
}

/** A duration option, checked here so a malformed one is a usage error (exit 2). */
function checkDuration(path: string[], flag: string, text: string): string {
  try {
    durationSeconds(text, `--${flag}`)
  } catch (error) {
    throw new UsageError((error as Error).message, path)
  }
  return text
}

/** A token of several, named by what tells them apart: iss, sub and exp. */
function describeClaims(payload: unknown, now: Date): string {
  const claims = isRecord(payload) ? payload : {}
  const exp = typeof claims['exp'] === 'number' ? describeInstant(claims['exp'], now) : 'no exp'
  return `iss ${String(claims['iss'] ?? '-')}, sub ${String(claims['sub'] ?? '-')}, exp ${exp}`
}

function printResult(result: VerifyResult, key: LabelledKey, io: CliIo, token?: string): void {
  const c = colorsFor(io.stdout, io.env)
  const lines = [result.valid ? c.green(c.bold('valid')) : c.red(c.bold('invalid'))]
  if (token !== undefined) lines[0] += c.dim(`  ${describeClaims(result.payload, io.now())}`)
  lines.push(...checkLines(result.checks, c))
  for (const finding of result.lint ?? []) {
    const paint =
      finding.severity === 'error' ? c.red : finding.severity === 'warning' ? c.yellow : c.dim
    lines.push(`  ${paint(`lint ${finding.severity}`)} ${finding.code}: ${finding.message}`)
  }
  lines.push(c.dim(keyLine(result, key)))
  io.stdout.write(`${lines.join('\n')}\n`)
}

/**
 * `key: HMAC secret, 33 bytes (from --secret-file s.txt)`; a fetched key says its URL and age.
 * A key is named only when it was used; otherwise the keys that were tried.
 */
function keyLine(result: VerifyResult, key: LabelledKey): string {
  const k = result.key
  if (!k) {
    const tried = result.keysTried ?? 0
    return `key: none used; ${tried === 0 ? 'no key fit the token' : `${tried} key${tried === 1 ? '' : 's'} tried`} (${key.label})`
  }
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
