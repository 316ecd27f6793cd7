/** The key flags shared by `jwtw mint` and `jwtw verify`, and the small value parsers they use. */
import { readFile } from 'node:fs/promises'
import { WorkbenchError } from '../shared/errors'
import { LIMITS, tooLarge } from '../shared/limits'
import { UsageError } from './output'
import { jsonOrString } from '../shared/json-or-string'
import { type KeySourceInput } from '../shared/token-schemas'

export const KEY_FLAGS = {
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
  key: { type: 'string' },
  'key-file': { type: 'string' },
} as const

export interface KeyFlagValues {
  secret?: string
  'secret-file'?: string
  key?: string
  'key-file'?: string
}

/** The key source from the flags, else JWT_SECRET_KEY; ERR_NO_KEY when there is none. */
export async function keySourceFromFlags(
  values: KeyFlagValues,
  env: NodeJS.ProcessEnv,
  usage: string,
): Promise<KeySourceInput> {
  const given = (['secret', 'secret-file', 'key', 'key-file'] as const).filter(
    (flag) => values[flag] !== undefined,
  )
  if (given.length > 1) {
    throw new UsageError(
      `give one key option, not ${given.map((f) => `--${f}`).join(' and ')}`,
      usage,
    )
  }
  if (values.secret !== undefined) return { secret: values.secret }
  if (values['secret-file'] !== undefined) {
    // Editors and `echo` end files with a newline that is not part of the secret.
    const text = await readTextFile(values['secret-file'], 'secret file')
    return { secret: text.replace(/\r?\n$/, '') }
  }
  if (values.key !== undefined) return { storedKey: values.key }
  if (values['key-file'] !== undefined) {
    return { keyText: await readTextFile(values['key-file'], 'key file') }
  }
  const fromEnv = env['JWT_SECRET_KEY']
  if (fromEnv !== undefined && fromEnv !== '') return { secret: fromEnv }
  throw new WorkbenchError(
    'ERR_NO_KEY',
    'No key: give --secret, --secret-file, --key or --key-file, or set JWT_SECRET_KEY.',
  )
}

/** Reads a small text file; ERR_FILE_READ when it cannot be read or is too large. */
export async function readTextFile(path: string, what: string): Promise<string> {
  let data: Buffer
  try {
    data = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new WorkbenchError('ERR_FILE_READ', `Cannot read the ${what} ${path} (${code}).`, {
      cause: error,
    })
  }
  if (data.length > LIMITS.keyText) {
    throw new WorkbenchError(
      'ERR_FILE_READ',
      tooLarge(`The ${what} ${path}`, data.length, LIMITS.keyText),
    )
  }
  return data.toString('utf8')
}

/** Splits NAME=VALUE; the value is parsed as JSON when it is valid JSON. */
export function nameValue(
  text: string,
  flag: string,
  usage: string,
  valueRequired = true,
): { name: string; value?: unknown } {
  const at = text.indexOf('=')
  if (at === -1) {
    if (valueRequired || text === '')
      throw new UsageError(`${flag} expects NAME=VALUE, got "${text.slice(0, 40)}"`, usage)
    return { name: text }
  }
  const name = text.slice(0, at)
  if (name === '') throw new UsageError(`${flag} expects NAME=VALUE with a name`, usage)
  return { name, value: jsonOrString(text.slice(at + 1)) }
}
