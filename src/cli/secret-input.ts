/**
 * Secrets reach the CLI from a file, stdin or a prompt that does not echo, so they stay out of
 * the process list. A secret given as an argument still works, with one warning line (as the
 * MySQL client does).
 */
import { WorkbenchError } from '../shared/errors'
import { readAll } from './input'
import type { CliIo } from './io'

/** The warning for a secret on the command line, once per command. */
export function warnArgvSecret(io: CliIo, option: string): void {
  io.stderr.write(
    `warning: ${option} puts the secret in the process list, where other users of this machine can read it; prefer --secret-file FILE, stdin or JWT_SECRET_KEY.\n`,
  )
}

/**
 * A secret from FILE, or from stdin for "-": typed at a prompt without echo on a terminal,
 * read to the end otherwise. One trailing newline (an editor's, echo's) is not part of it.
 */
export async function readSecret(
  path: string,
  io: CliIo,
  options: { cap: number; what: string; prompt?: string },
): Promise<string> {
  if (path === '-' && io.stdin.isTTY && io.stdin.setRawMode) {
    return promptHidden(io, options.prompt ?? `${options.what}: `, options.cap)
  }
  const text = await readAll(path, io, options.cap, options.what)
  return text.replace(/\r?\n$/, '')
}

/** Reads a line from the terminal with echo off; Ctrl+C cancels, Backspace deletes. */
export function promptHidden(io: CliIo, prompt: string, cap: number): Promise<string> {
  const stdin = io.stdin
  io.stderr.write(prompt)
  stdin.setRawMode!(true)
  stdin.setEncoding('utf8')
  let value = ''
  return new Promise((resolve, reject) => {
    const finish = (error?: WorkbenchError) => {
      stdin.removeListener('data', onData)
      stdin.setRawMode!(false)
      stdin.pause()
      io.stderr.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish()
        if (char === '\u0003') {
          return finish(new WorkbenchError('ERR_CANCELLED', 'Cancelled at the prompt.'))
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else value += char
        if (value.length > cap) {
          return finish(
            new WorkbenchError('ERR_INPUT_TOO_LARGE', `What was typed is over ${cap} characters.`),
          )
        }
      }
    }
    stdin.on('data', onData)
    stdin.resume()
  })
}
