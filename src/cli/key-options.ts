/**
 * The key options shared by mint, verify and scan, as a contract key source with a label saying
 * where the key came from; and the fetch options (--insecure-http, --ca, --timeout, ...). The
 * caller decides the key: a key option, else JWT_SECRET_KEY; a trusted issuer applies only when
 * neither is given.
 */
import { resolve } from 'node:path'
import { LIMITS } from '../shared/limits'
import type { KeySourceInput, RemoteOptionsInput } from '../shared/request-schemas'
import type { OptionValues } from './framework/spec'
import { UsageError } from './framework/usage-error'
import type { CliIo } from './io'
import type { fetchOptions, keyOptions, remoteKeyOptions } from './options'
import { readSecret, warnArgvSecret } from './secret-input'

/** A key source and how to name it in output: 'from --secret-file s.txt', 'from JWT_SECRET_KEY'. */
export interface LabelledKey {
  source: KeySourceInput
  label: string
}

type KeyValues = OptionValues<typeof keyOptions> & Partial<OptionValues<typeof remoteKeyOptions>>
type FetchValues = OptionValues<typeof fetchOptions>

const KEY_FLAGS = ['secret', 'secret-file', 'key', 'key-file', 'jwks', 'issuer'] as const
type KeyFlag = (typeof KEY_FLAGS)[number]

/**
 * The one of `flags` given, if any; two are a usage error (checked before any file is read).
 *
 * @example
 * oneFlag({ key: 'dev', 'key-file': undefined }, ['key', 'key-file'], ['verify']) // 'key'
 */
export function oneFlag<F extends string>(
  values: Partial<Record<F, unknown>>,
  flags: readonly F[],
  path: string[],
): F | undefined {
  const given = flags.filter((flag) => values[flag] !== undefined)
  if (given.length > 1) {
    throw new UsageError(
      `give one key option, not ${given.map((f) => `--${f}`).join(' and ')}`,
      path,
    )
  }
  return given[0]
}

/** The one key option given, if any. */
export function keyFlag(values: KeyValues, path: string[]): KeyFlag | undefined {
  return oneFlag(values, KEY_FLAGS, path)
}

/** The key the flags give, or undefined when none does. */
export async function keyFromFlags(
  values: KeyValues & Partial<FetchValues>,
  io: CliIo,
  path: string[],
): Promise<LabelledKey | undefined> {
  const flag = keyFlag(values, path)
  if (flag === undefined) return undefined
  const value = values[flag]!
  const remote = 'ca' in values ? remoteOptionsOf(values as FetchValues) : undefined
  switch (flag) {
    case 'secret':
      warnArgvSecret(io, '--secret')
      return { source: { secret: value }, label: 'from --secret' }
    case 'secret-file': {
      const secret = await readSecret(value, io, {
        cap: LIMITS.secret,
        what: 'secret file',
        prompt: 'HMAC secret (not shown): ',
      })
      return {
        source: { secret },
        label: value === '-' ? 'from stdin' : `from --secret-file ${value}`,
      }
    }
    case 'key':
      return { source: { storedKey: value }, label: `stored key "${value}"` }
    case 'key-file': {
      const { readAll } = await import('./input')
      return {
        source: { keyText: await readAll(value, io, LIMITS.keyText, 'key file') },
        label: value === '-' ? 'from stdin' : `from --key-file ${value}`,
      }
    }
    case 'jwks':
      return { source: { jwksUrl: value, ...(remote ? { remote } : {}) }, label: 'from --jwks' }
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
export function remoteOptionsOf(values: FetchValues): RemoteOptionsInput | undefined {
  const options: RemoteOptionsInput = {}
  if (values['insecure-http']) options.insecureHttp = true
  if (values['allow-redirects']) options.allowRedirects = true
  // A file named on the command line is relative to where jwtw runs.
  if (values.ca !== undefined) options.caFile = resolve(values.ca)
  if (values.timeout !== undefined) options.timeout = values.timeout
  if (values['max-stale'] !== undefined) options.maxStale = values['max-stale']
  return Object.keys(options).length > 0 ? options : undefined
}

/** NAME=VALUE pairs of a repeatable option; VALUE is JSON when it parses, else a string. */
export function nameValues(
  given: string[],
  flag: string,
  path: string[],
  jsonOrString: (text: string) => unknown,
  valueRequired = true,
): Array<{ name: string; value?: unknown }> {
  return given.map((text) => {
    const at = text.indexOf('=')
    if (at === -1) {
      if (valueRequired || text === '') {
        throw new UsageError(`--${flag} expects NAME=VALUE, got "${text.slice(0, 40)}"`, path)
      }
      return { name: text }
    }
    const name = text.slice(0, at)
    if (name === '') throw new UsageError(`--${flag} expects NAME=VALUE with a name`, path)
    return { name, value: jsonOrString(text.slice(at + 1)) }
  })
}
