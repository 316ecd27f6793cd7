/**
 * The key options shared by mint and verify (--secret, --secret-file, --key, --key-file, and for
 * verify --jwks, --issuer), as a contract key source with a label saying where the key came
 * from; and the remote options (--insecure-http, --ca, --timeout, --max-stale).
 */
import { LIMITS } from '../shared/limits'
import type { KeySourceInput, RemoteOptionsInput } from '../shared/token-schemas'
import { flagOf, listOf, stringOf, type Parsed } from './framework/spec'
import { UsageError } from './framework/usage-error'
import { readAll } from './input'
import type { CliIo } from './io'

/** A key source and how to name it in output: 'from --secret', 'from JWT_SECRET_KEY'. */
export interface LabelledKey {
  source: KeySourceInput
  label: string
}

const KEY_FLAGS = ['secret', 'secret-file', 'key', 'key-file', 'jwks', 'issuer'] as const

/** The one key option given, if any; two are a usage error (checked before any file is read). */
export function keyFlag(parsed: Parsed): (typeof KEY_FLAGS)[number] | undefined {
  const given = KEY_FLAGS.filter((flag) => stringOf(parsed, flag) !== undefined)
  if (given.length > 1) {
    throw new UsageError(
      `give one key option, not ${given.map((f) => `--${f}`).join(' and ')}`,
      parsed.path,
    )
  }
  return given[0]
}

/** The key the flags give, or undefined when none does. */
export async function keyFromFlags(parsed: Parsed, io: CliIo): Promise<LabelledKey | undefined> {
  const flag = keyFlag(parsed)
  if (flag === undefined) return undefined
  const value = stringOf(parsed, flag)!
  const remote = remoteOptionsOf(parsed)
  switch (flag) {
    case 'secret':
      return { source: { secret: value }, label: 'from --secret' }
    case 'secret-file': {
      // Editors and `echo` end files with a newline that is not part of the secret.
      const text = await readAll(value, io, LIMITS.secret, 'secret file')
      return {
        source: { secret: text.replace(/\r?\n$/, '') },
        label: `from --secret-file ${value}`,
      }
    }
    case 'key':
      return { source: { storedKey: value }, label: `stored key "${value}"` }
    case 'key-file':
      return {
        source: { keyText: await readAll(value, io, LIMITS.keyText, 'key file') },
        label: `from --key-file ${value}`,
      }
    case 'jwks':
      return { source: { jwksUrl: value, ...(remote ? { remote } : {}) }, label: `from --jwks` }
    case 'issuer':
      return {
        source: { issuer: value, ...(remote ? { remote } : {}) },
        label: `from --issuer ${value}`,
      }
  }
}

/** JWT_SECRET_KEY as a key source, when set. */
export function keyFromEnv(io: CliIo): LabelledKey | undefined {
  const secret = io.env['JWT_SECRET_KEY']
  return secret ? { source: { secret }, label: 'from JWT_SECRET_KEY' } : undefined
}

/** The remote options given, or undefined. Durations are checked by the contract's schema. */
export function remoteOptionsOf(parsed: Parsed): RemoteOptionsInput | undefined {
  const options: RemoteOptionsInput = {}
  if (flagOf(parsed, 'insecure-http')) options.insecureHttp = true
  if (flagOf(parsed, 'allow-redirects')) options.allowRedirects = true
  const ca = stringOf(parsed, 'ca')
  if (ca !== undefined) options.caFile = ca
  const timeout = stringOf(parsed, 'timeout')
  if (timeout !== undefined) options.timeout = timeout
  const maxStale = stringOf(parsed, 'max-stale')
  if (maxStale !== undefined) options.maxStale = maxStale
  return Object.keys(options).length > 0 ? options : undefined
}

/** NAME=VALUE pairs of a repeatable option; VALUE is JSON when it parses, else a string. */
export function nameValues(
  parsed: Parsed,
  flag: string,
  jsonOrString: (text: string) => unknown,
  valueRequired = true,
): Array<{ name: string; value?: unknown }> {
  return listOf(parsed, flag).map((text) => {
    const at = text.indexOf('=')
    if (at === -1) {
      if (valueRequired || text === '') {
        throw new UsageError(
          `--${flag} expects NAME=VALUE, got "${text.slice(0, 40)}"`,
          parsed.path,
        )
      }
      return { name: text }
    }
    const name = text.slice(0, at)
    if (name === '') throw new UsageError(`--${flag} expects NAME=VALUE with a name`, parsed.path)
    return { name, value: jsonOrString(text.slice(at + 1)) }
  })
}
