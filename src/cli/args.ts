/** Argument parsing over node:util parseArgs: unknown flags and bad values become usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './output'

export type Options = NonNullable<ParseArgsConfig['options']>

/** Parses `argv` strictly; every failure is a UsageError carrying `usage`. */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message, usage)
  }
}

/** Reads all of stdin as text, refusing more than `maxChars`. */
export async function readStdin(stdin: NodeJS.ReadableStream, maxChars: number): Promise<string> {
  let text = ''
  stdin.setEncoding('utf8')
  for await (const chunk of stdin) {
    text += chunk as string
    if (text.length > maxChars) break
  }
  return text
}
