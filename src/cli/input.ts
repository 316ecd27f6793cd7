/**
 * Reading what a command is given: an argument that holds a token is that text; otherwise it
 * is a file ("-" is stdin). Sizes over a cap are refused with their real size. Text given to
 * verify or audit must hold exactly one token.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { WorkbenchError } from '../shared/errors'
import { tooLarge } from '../shared/limits'
import { findTokens, type FoundToken } from '../shared/token-finder'
import { fileError } from '../main/core/file-error'
import type { CliIo } from './io'

/** A file, or stdin for "-", as a readable stream (or an error naming the path). */
export async function openInput(path: string, io: CliIo): Promise<NodeJS.ReadableStream> {
  if (path === '-') return io.stdin
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
  } catch (error) {
    throw fileError(path, error)
  }
  return createReadStream(path)
}

/** All of a file or stdin as text, refusing more than `cap` bytes (with the real size). */
export async function readAll(path: string, io: CliIo, cap: number, what: string): Promise<string> {
  const stream = await openInput(path, io)
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
      size += buffer.length
      // Past the cap, keep counting (to say the real size) but stop keeping.
      if (size <= cap) chunks.push(buffer)
    }
  } catch (error) {
    throw fileError(path, error)
  }
  const label = path === '-' ? `The ${what} on stdin` : `The ${what} ${path}`
  if (size > cap) throw new WorkbenchError('ERR_INPUT_TOO_LARGE', tooLarge(label, size, cap))
  return Buffer.concat(chunks).toString('utf8')
}

/** An argument that holds a token is text; anything else is a file to read ("-": stdin). */
export function holdsToken(arg: string): boolean {
  return findTokens(arg).length > 0
}

/**
 * The one token in `text`. None: ERR_NO_TOKEN_FOUND; several: ERR_MULTIPLE_TOKENS listing
 * them by iss, sub and exp (with --all, each is verified).
 */
export function onlyToken(text: string, describe: (t: FoundToken) => string): string {
  const found = findTokens(text)
  if (found.length === 0) {
    throw new WorkbenchError(
      'ERR_NO_TOKEN_FOUND',
      'No token found in the text given (argument, file or stdin).',
    )
  }
  if (found.length > 1) {
    const list = found
      .slice(0, 10)
      .map((t, i) => `  ${i + 1}. ${describe(t)}`)
      .join('\n')
    throw new WorkbenchError(
      'ERR_MULTIPLE_TOKENS',
      `The text holds ${found.length} tokens; give one, or --all to verify each:\n${list}${found.length > 10 ? '\n  ...' : ''}`,
    )
  }
  return found[0]!.token
}
