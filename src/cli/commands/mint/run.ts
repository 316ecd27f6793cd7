/** `jwtw mint`: signs a token from flags, a template and claims; prints only the token. */
import { WorkbenchError } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import { jsonOrString } from '../../../shared/json-or-string'
import { LIMITS } from '../../../shared/limits'
import type { EncryptOptions, MintRequest } from '../../../shared/request-schemas'
import { resolveTime } from '../../../main/core/duration'
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type OptionValues, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { readAll } from '../../input'
import type { CliIo } from '../../io'
import { keyFromEnv, keyFromFlags, nameValues, remoteOptionsOf } from '../../key-options'
import { colorsFor } from '../../output'
import { readSecret } from '../../secret-input'
import type { mintOptions } from './spec'

export const run: Runner<typeof mintOptions> = async ({ values, path }, io) => {
  const request: MintRequest = {}
  if (values.alg !== undefined) request.alg = values.alg
  if (values.template !== undefined) request.template = values.template
  if (values.sub !== undefined) request.sub = values.sub
  if (values.iss !== undefined) request.iss = values.iss
  if (values.aud.length > 0) request.aud = values.aud
  const now = io.now()
  const expiresIn = values['expires-in']
  if (expiresIn !== undefined) {
    request.expiresIn = expiresIn === 'none' ? null : checkTime(path, now, 'expires-in', expiresIn)
  }
  const notBefore = values['not-before']
  if (notBefore !== undefined) request.notBefore = checkTime(path, now, 'not-before', notBefore)
  const kid = values.kid
  if (values['no-kid']) {
    if (kid !== undefined) throw new UsageError('--kid and --no-kid exclude each other', path)
    request.kid = null
  } else if (kid !== undefined) request.kid = kid
  if (values.jti) request.jti = true
  if (values['no-iat']) request.iat = false
  if (values.strict) request.strict = true
  if (values['allow-expired']) request.allowExpired = true
  if (values.profile) request.profile = values.profile

  const claims: Record<string, unknown> = {}
  const claimsText = values.claims
  if (claimsText !== undefined) Object.assign(claims, await claimsObject(path, claimsText, io))
  for (const { name, value } of nameValues(values.claim, 'claim', path, jsonOrString)) {
    claims[name] = value
  }
  if (Object.keys(claims).length > 0) request.claims = claims
  const header: Record<string, unknown> = {}
  for (const { name, value } of nameValues(values.header, 'header', path, jsonOrString)) {
    header[name] = value
  }
  if (Object.keys(header).length > 0) request.header = header

  const encrypt = await encryptOptions(values, io, path)
  if (encrypt) request.encrypt = encrypt
  if (values.unsecured) request.unsecured = true
  else {
    const key = (await keyFromFlags(values, io, path)) ?? keyFromEnv(io)
    if (key) request.key = key.source
    else if (!encrypt) {
      throw new WorkbenchError(
        'ERR_NO_KEY',
        'No key: give --secret-file, --key or --key-file, or set JWT_SECRET_KEY.',
      )
    }
  }

  const result = await call(cliContext(io), 'mint', request)
  const c = colorsFor(io.stderr, io.env)
  for (const warning of result.warnings)
    io.stderr.write(`${c.yellow('warning')}: ${warning.message}\n`)
  io.stdout.write(`${result.token}\n`)
  return EXIT.ok
}

const RECIPIENT_FLAGS = [
  'encrypt-to',
  'encrypt-jwks',
  'encrypt-issuer',
  'encrypt-password-file',
  'encrypt-password-credential',
  'encrypt-secret-file',
] as const

/** The recipient of an encrypted token, when one is given. */
async function encryptOptions(
  values: OptionValues<typeof mintOptions>,
  io: CliIo,
  path: string[],
): Promise<EncryptOptions | undefined> {
  const given = RECIPIENT_FLAGS.filter((f) => values[f] !== undefined)
  if (given.length > 1) {
    throw new UsageError(
      `give one recipient, not ${given.map((f) => `--${f}`).join(' and ')}`,
      path,
    )
  }
  const flag = given[0]
  if (flag === undefined) {
    if (values['key-alg'] !== undefined || values.enc !== undefined) {
      throw new UsageError('--key-alg and --enc need a recipient (--encrypt-to)', path)
    }
    if (values['encrypt-kid'] !== undefined) {
      throw new UsageError('--encrypt-kid needs --encrypt-jwks or --encrypt-issuer', path)
    }
    return undefined
  }
  const value = values[flag]!
  let to: EncryptOptions['to']
  if (flag === 'encrypt-to') {
    to = value.startsWith('@')
      ? { keyText: await readAll(value.slice(1), io, LIMITS.keyText, 'recipient key file') }
      : { storedKey: value }
  } else if (flag === 'encrypt-jwks' || flag === 'encrypt-issuer') {
    const remote = remoteOptionsOf(values)
    const kid = values['encrypt-kid']
    to = {
      ...(flag === 'encrypt-jwks' ? { jwksUrl: value } : { issuer: value }),
      ...(kid === undefined ? {} : { kid }),
      ...(remote ? { remote } : {}),
    } as EncryptOptions['to']
  } else if (flag === 'encrypt-password-file') {
    to = {
      password: await readSecret(value, io, {
        cap: LIMITS.password,
        what: 'password file',
        prompt: 'Password (not shown): ',
      }),
    }
  } else if (flag === 'encrypt-password-credential') {
    to = { passwordCredential: value }
  } else {
    to = { secret: await readSecret(value, io, { cap: LIMITS.secret, what: 'key file' }) }
  }
  return {
    to,
    ...(values['key-alg'] === undefined ? {} : { alg: values['key-alg'] }),
    ...(values.enc === undefined ? {} : { enc: values.enc }),
  }
}

/** A duration from now or an absolute time, checked here so a bad one is a usage error. */
function checkTime(path: string[], now: Date, flag: string, text: string): string {
  try {
    resolveTime(text, now, `--${flag}`)
  } catch (error) {
    throw new UsageError((error as Error).message, path)
  }
  return text
}

/** --claims JSON, @FILE or @- (stdin). */
async function claimsObject(
  path: string[],
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
    if (!fromFile) throw new UsageError('--claims must be a JSON object', path)
    throw new WorkbenchError('ERR_INVALID_CLAIMS', `${text.slice(1)} does not hold a JSON object.`)
  }
  return value
}
