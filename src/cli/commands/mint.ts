/** `jwtw mint`: signs a token from flags, a template and claims; prints only the token. */
import { WorkbenchError } from '../../shared/errors'
import { isRecord } from '../../shared/is-record'
import { jsonOrString } from '../../shared/json-or-string'
import { LIMITS } from '../../shared/limits'
import type { MintRequest } from '../../shared/token-schemas'
import { resolveTime } from '../../main/core/duration'
import { cliContext } from '../context'
import { call } from '../contract'
import { EXIT, flagOf, listOf, stringOf, type Parsed, type Runner } from '../framework/spec'
import { UsageError } from '../framework/usage-error'
import { readAll } from '../input'
import type { CliIo } from '../io'
import { keyFromEnv, keyFromFlags, nameValues } from '../key-options'
import { colorsFor } from '../output'

export const run: Runner = async (parsed, io) => {
  const request: MintRequest = {}
  const alg = stringOf(parsed, 'alg')
  if (alg !== undefined) request.alg = alg as MintRequest['alg']
  const template = stringOf(parsed, 'template')
  if (template !== undefined) request.template = template as MintRequest['template']
  for (const flag of ['sub', 'iss'] as const) {
    const value = stringOf(parsed, flag)
    if (value !== undefined) request[flag] = value
  }
  const aud = listOf(parsed, 'aud')
  if (aud.length > 0) request.aud = aud
  const expiresIn = stringOf(parsed, 'expires-in')
  if (expiresIn !== undefined) {
    request.expiresIn = expiresIn === 'none' ? null : checkTime(parsed, 'expires-in', expiresIn)
  }
  const notBefore = stringOf(parsed, 'not-before')
  if (notBefore !== undefined) request.notBefore = checkTime(parsed, 'not-before', notBefore)
  const kid = stringOf(parsed, 'kid')
  if (flagOf(parsed, 'no-kid')) {
    if (kid !== undefined)
      throw new UsageError('--kid and --no-kid exclude each other', parsed.path)
    request.kid = null
  } else if (kid !== undefined) request.kid = kid
  if (flagOf(parsed, 'jti')) request.jti = true
  if (flagOf(parsed, 'no-iat')) request.iat = false
  if (flagOf(parsed, 'strict')) request.strict = true
  if (flagOf(parsed, 'allow-expired')) request.allowExpired = true

  const claims: Record<string, unknown> = {}
  const claimsText = stringOf(parsed, 'claims')
  if (claimsText !== undefined) Object.assign(claims, await claimsObject(parsed, claimsText, io))
  for (const { name, value } of nameValues(parsed, 'claim', jsonOrString)) claims[name] = value
  if (Object.keys(claims).length > 0) request.claims = claims
  const header: Record<string, unknown> = {}
  for (const { name, value } of nameValues(parsed, 'header', jsonOrString)) header[name] = value
  if (Object.keys(header).length > 0) request.header = header

  if (flagOf(parsed, 'unsecured')) request.unsecured = true
  else {
    const key = (await keyFromFlags(parsed, io)) ?? keyFromEnv(io)
    if (!key) {
      throw new WorkbenchError(
        'ERR_NO_KEY',
        'No key: give --secret, --secret-file, --key or --key-file, or set JWT_SECRET_KEY.',
      )
    }
    if ('jwksUrl' in key.source || 'issuer' in key.source) {
      throw new UsageError(
        'mint signs with a private key or secret: --jwks and --issuer are for verify',
        parsed.path,
      )
    }
    request.key = key.source
  }

  const result = await call(cliContext(io), 'mint', request)
  const c = colorsFor(io.stderr, io.env)
  for (const warning of result.warnings)
    io.stderr.write(`${c.yellow('warning')}: ${warning.message}\n`)
  io.stdout.write(`${result.token}\n`)
  return EXIT.ok
}

/** A duration from now or an absolute time, checked here so a bad one is a usage error. */
function checkTime(parsed: Parsed, flag: string, text: string): string {
  try {
    resolveTime(text, new Date(), `--${flag}`)
  } catch (error) {
    throw new UsageError((error as Error).message, parsed.path)
  }
  return text
}

/** --claims JSON, @FILE or @- (stdin). */
async function claimsObject(
  parsed: Parsed,
  text: string,
  io: CliIo,
): Promise<Record<string, unknown>> {
  const fromFile = text.startsWith('@')
  const source = fromFile ? await readAll(text.slice(1), io, LIMITS.json, 'claims file') : text
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch {
    value = undefined
  }
  if (!isRecord(value)) {
    // Inline JSON is an argument (exit 2); a file's content is configuration (exit 1).
    if (!fromFile) throw new UsageError('--claims must be a JSON object', parsed.path)
    throw new WorkbenchError('ERR_INVALID_CLAIMS', `${text.slice(1)} does not hold a JSON object.`)
  }
  return value
}
