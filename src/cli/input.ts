/**
 * Reading what a command is given. An argument is always text (a token, a secret), never a
 * path: a file is named with an option (--file PATH, --secret-file PATH) and "-" is stdin.
 * Reads stop at their cap and say so; text that must be one token is checked for its shape.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { WorkbenchError } from '../shared/errors'
import { formatSize } from '../shared/limits'
import { notATokenReason, unwrapToken } from '../shared/token-text'
import { fileError } from '../main/core/file-error'
import { UsageError } from './framework/usage-error'
import type { CliIo } from './io'

/** A file, or stdin for "-", as a readable stream (or an error naming the path). */
export async function openInput(path: string, io: CliIo): Promise<NodeJS.ReadableStream> {
  if (path === '-') return io.stdin
  try {
    if (statSync(path).isDirectory()) throw isADirectory()
  } catch (error) {
    throw fileError(path, error)
  }
  return createReadStream(path)
}

const isADirectory = () => Object.assign(new Error('is a directory'), { code: 'EISDIR' })

/** A file or stdin's bytes, refusing more than `cap`: reading stops at the cap (/dev/zero ends). */
export async function readBytes(
  path: string,
  io: CliIo,
  cap: number,
  what: string,
): Promise<Buffer> {
  const { chunks, size } = path === '-' ? await readStdin(io, cap) : readFile(path, cap)
  if (size > cap) {
    const label = path === '-' ? `The ${what} on stdin` : `The ${what} ${path}`
    throw new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      `${label} is over ${formatSize(cap)}, the limit; nothing past it was read.`,
    )
  }
  return Buffer.concat(chunks)
}

interface Read {
  chunks: Buffer[]
  /** Bytes read; over the cap when there was more (the rest is left unread). */
  size: number
}

async function readStdin(io: CliIo, cap: number): Promise<Read> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of io.stdin) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
      size += buffer.length
      if (size > cap) break
      chunks.push(buffer)
    }
  } catch (error) {
    throw fileError('-', error)
  }
  return { chunks, size }
}

/**
 * A file, read with the synchronous calls: node:fs/promises would load a millisecond of Node's
 * own modules at every start, and these files are small (a key, a secret, claims).
 */
function readFile(path: string, cap: number): Read {
  const chunks: Buffer[] = []
  let size = 0
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    if (fstatSync(fd).isDirectory()) throw isADirectory()
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(cap + 1 - size, 64 * 1024))
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      size += bytesRead
      if (size > cap) break
      chunks.push(buffer.subarray(0, bytesRead))
    }
  } catch (error) {
    throw fileError(path, error)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  return { chunks, size }
}

/** All of a file or stdin as UTF-8 text, refusing more than `cap` bytes. */
export async function readAll(path: string, io: CliIo, cap: number, what: string): Promise<string> {
  return (await readBytes(path, io, cap, what)).toString('utf8')
}

/**
 * The text a command is given: its argument, --file PATH, or stdin ("-" or neither). An
 * argument and --file together are a usage error.
 */
export async function givenText(
  arg: string | undefined,
  file: string | undefined,
  io: CliIo,
  options: { path: string[]; cap: number; what: string },
): Promise<string> {
  if (arg !== undefined && arg !== '-' && file !== undefined) {
    throw new UsageError('give the token as an argument or with --file, not both', options.path)
  }
  if (arg !== undefined && arg !== '-') return arg
  const source = file ?? '-'
  if (source === '-' && io.stdin.isTTY) {
    io.stderr.write('Paste the token, then press Enter and Ctrl+D.\n')
  }
  return readAll(source, io, options.cap, options.what)
}

/**
 * The one token `text` must be (whitespace and one `Bearer ` removed); ERR_JWT_MALFORMED saying
 * what it is instead. Junk inside a token's shape is left for verify's checks to refuse.
 */
export function exactToken(text: string): string {
  const token = unwrapToken(text)
  if (token === '') {
    throw new WorkbenchError('ERR_NO_TOKEN_FOUND', 'No token given (argument, --file or stdin).')
  }
  const reason = notATokenReason(token)
  if (reason !== null) {
    throw new WorkbenchError('ERR_JWT_MALFORMED', `Not a token: ${reason}.`)
  }
  return token
}
