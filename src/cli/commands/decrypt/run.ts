/** `jwtw decrypt`: decrypts a JWE with a key the user names and explains the plaintext. */
import type { DecryptResult } from '../../../shared/decrypt-types'
import { LIMITS } from '../../../shared/limits'
import type { JweKeySourceInput, KeySourceInput } from '../../../shared/request-schemas'
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type OptionValues, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { givenText, readAll } from '../../input'
import type { CliIo } from '../../io'
import { oneFlag, remoteOptionsOf } from '../../key-options'
import { colorsFor, printJson, type Colors } from '../../output'
import { readSecret } from '../../secret-input'
import { algOf, checkLines, renderToken } from '../../token-render'
import type { decryptOptions } from './spec'

type Values = OptionValues<typeof decryptOptions>

const KEY_FLAGS = [
  'key',
  'key-file',
  'secret-file',
  'password-file',
  'password-credential',
] as const
const VERIFY_FLAGS = [
  'verify-key',
  'verify-key-file',
  'verify-secret-file',
  'verify-jwks',
  'verify-issuer',
] as const

export const run: Runner<typeof decryptOptions> = async ({ values, positionals, path }, io) => {
  const keyFlag = oneFlag(values, KEY_FLAGS, path)
  const verifyFlag = oneFlag(values, VERIFY_FLAGS, path)
  const arg = positionals[0]
  const fromStdin = (arg === undefined || arg === '-') && (values.file ?? '-') === '-'
  const stdinFlags = [...KEY_FLAGS, ...VERIFY_FLAGS].filter((f) => values[f] === '-')
  if (fromStdin && stdinFlags.length > 0) {
    throw new UsageError('stdin can be read once: give the token or the key as a file', path)
  }
  const token = await givenText(arg, values.file, io, { path, cap: LIMITS.token, what: 'JWE' })
  const key = await decryptKey(values, keyFlag, io)
  const verify = verifyFlag === undefined ? undefined : await verifyKey(values, verifyFlag, io)
  const result = await call(cliContext(io), 'decrypt', {
    token,
    key,
    ...(verify === undefined ? {} : { verify }),
  })
  if (values.json) printJson(io, result)
  else io.stdout.write(render(result, colorsFor(io.stdout, io.env)))
  if (result.verifyError) {
    const c = colorsFor(io.stderr, io.env)
    io.stderr.write(
      `${c.red(result.verifyError.code)}: the nested token was not verified: ${result.verifyError.message}\n`,
    )
    return EXIT.failure
  }
  if (result.verification && !result.verification.valid) {
    const first = result.verification.checks.find((c) => !c.ok && !c.skipped)
    const c = colorsFor(io.stderr, io.env)
    io.stderr.write(
      `${c.red(first?.code ?? 'ERR_JWS_INVALID')}: the nested token is invalid: ${first?.message ?? ''}\n`,
    )
    return EXIT.failure
  }
  return EXIT.ok
}

async function decryptKey(
  values: Values,
  flag: (typeof KEY_FLAGS)[number] | undefined,
  io: CliIo,
): Promise<JweKeySourceInput> {
  switch (flag) {
    case undefined:
      return { anyStored: true }
    case 'key':
      return { storedKey: values.key! }
    case 'key-file':
      return { keyText: await readAll(values['key-file']!, io, LIMITS.keyText, 'key file') }
    case 'secret-file':
      return {
        secret: await readSecret(values['secret-file']!, io, {
          cap: LIMITS.secret,
          what: 'key file',
          prompt: 'Symmetric key (not shown): ',
        }),
      }
    case 'password-file':
      return {
        password: await readSecret(values['password-file']!, io, {
          cap: LIMITS.password,
          what: 'password file',
          prompt: 'Password (not shown): ',
        }),
      }
    case 'password-credential':
      return { passwordCredential: values['password-credential']! }
  }
}

async function verifyKey(
  values: Values,
  flag: (typeof VERIFY_FLAGS)[number],
  io: CliIo,
): Promise<KeySourceInput> {
  const remote = remoteOptionsOf(values)
  switch (flag) {
    case 'verify-key':
      return { storedKey: values['verify-key']! }
    case 'verify-key-file':
      return {
        keyText: await readAll(values['verify-key-file']!, io, LIMITS.keyText, 'key file'),
      }
    case 'verify-secret-file':
      return {
        secret: await readSecret(values['verify-secret-file']!, io, {
          cap: LIMITS.secret,
          what: 'secret file',
        }),
      }
    case 'verify-jwks':
      return { jwksUrl: values['verify-jwks']!, ...(remote ? { remote } : {}) }
    case 'verify-issuer':
      return { issuer: values['verify-issuer']!, ...(remote ? { remote } : {}) }
  }
}

const CONTENT: Record<DecryptResult['content'], string> = {
  claims: 'a JWT claims set',
  jws: 'a nested signed token',
  text: 'text',
  binary: 'binary data',
}

function render(result: DecryptResult, c: Colors): string {
  const k = result.key
  const keyName = k.name ? `stored key "${k.name}" (${k.detail})` : k.detail
  const lines = [
    c.green(c.bold('decrypted')) +
      c.dim(
        `  ${result.alg} + ${result.enc}, ${result.serialization}, ${result.bytes} bytes of ${CONTENT[result.content]}`,
      ),
    c.dim(
      `key: ${keyName}${k.kid ? `, kid ${k.kid}` : ''}${result.tried > 1 ? ` (after ${result.tried - 1} other key${result.tried > 2 ? 's' : ''})` : ''}`,
    ),
    '',
  ]
  if (result.decoded) {
    const heading =
      result.content === 'jws'
        ? c.bold(`Nested token: JWS ${algOf(result.decoded)}`)
        : c.bold(`Claims (JWE header: alg ${result.alg}, enc ${result.enc})`)
    lines.push(renderToken(result.decoded, heading, c))
  } else if (result.text !== undefined) {
    lines.push(c.cyan('Plaintext'), result.text, '')
  } else {
    lines.push(
      c.cyan(`Plaintext (hex${result.bytes > 4096 ? ', first 4 KiB' : ''})`),
      result.hex ?? '',
      '',
    )
  }
  const v = result.verification
  if (v) {
    lines.push(c.cyan('Nested token verified'), v.valid ? c.green('  valid') : c.red('  invalid'))
    lines.push(...checkLines(v.checks, c))
    lines.push('')
  } else if (result.content === 'jws') {
    lines.push(c.dim('The nested token is not verified: give a --verify-* key to verify it.'), '')
  }
  return lines.join('\n')
}
