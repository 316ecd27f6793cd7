/** Reading stdin for the commands: as text up to a cap, or as bytes (a raw secret need not be UTF-8). */
import { WorkbenchError } from '../shared/errors'
import { LIMITS } from '../shared/limits'
import type { CliIo } from './io'

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

/** All of stdin as bytes (a raw HMAC secret need not be UTF-8). */
export async function readAllStdin(io: CliIo): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of io.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string)
    chunks.push(buf)
    size += buf.length
    if (size > LIMITS.keyText) {
      throw new WorkbenchError('ERR_INPUT_TOO_LARGE', 'The input on stdin is over 256 KiB.')
    }
  }
  return new Uint8Array(Buffer.concat(chunks))
}
