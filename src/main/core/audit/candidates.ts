/**
 * Candidate secrets as newline-separated byte chunks: the built-in lists (known weak secrets
 * with case variants, zxcvbn-ts's dictionaries) and wordlist files streamed in 1 MiB pieces
 * cut at line boundaries, so any file size works in constant memory.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { WorkbenchError } from '../../../shared/errors'
import type { BuiltInList } from '../../../shared/secret-types'
import { WEAK_SECRETS } from '../../../shared/weak-secrets'

export interface CandidateSource {
  label: string
  /** Size in bytes, for progress. */
  bytes: number
  chunks(): AsyncIterable<Uint8Array>
}

const CHUNK_BYTES = 1 << 20
const NEWLINE = 0x0a

function variants(secret: string): string[] {
  const capital = secret.charAt(0).toUpperCase() + secret.slice(1)
  return [secret, secret.toLowerCase(), secret.toUpperCase(), capital]
}

async function builtInLines(list: BuiltInList): Promise<string[]> {
  if (list === 'known-weak') return [...new Set(WEAK_SECRETS.flatMap(variants))]
  const [common, en] = await Promise.all([
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ])
  const all = [...Object.values(common.dictionary), ...Object.values(en.dictionary)].flat()
  return [...new Set(all)]
}

/** One source per built-in list, each a single in-memory chunk split for the workers. */
export async function builtInSource(list: BuiltInList): Promise<CandidateSource> {
  const lines = (await builtInLines(list)).filter((l) => l.length > 0 && !l.includes('\n'))
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n')
  return {
    label: list,
    bytes: bytes.length,
    async *chunks() {
      let start = 0
      while (start < bytes.length) {
        let end = Math.min(start + CHUNK_BYTES, bytes.length)
        if (end < bytes.length) end = bytes.lastIndexOf(NEWLINE, end - 1) + 1 || end
        yield bytes.slice(start, end)
        start = end
      }
    },
  }
}

/** A wordlist file: one candidate per line; throws ERR_FILE_READ when it cannot be read. */
export async function wordlistSource(path: string): Promise<CandidateSource> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new Error('not a file')
    size = info.size
  } catch (error) {
    throw new WorkbenchError('ERR_FILE_READ', `Cannot read the wordlist ${path}: check the path.`, {
      cause: error,
    })
  }
  return {
    label: path,
    bytes: size,
    async *chunks() {
      let carry: Uint8Array = new Uint8Array(0)
      const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES })
      try {
        for await (const piece of stream as AsyncIterable<Buffer>) {
          const joined = new Uint8Array(carry.length + piece.length)
          joined.set(carry)
          joined.set(piece, carry.length)
          const cut = joined.lastIndexOf(NEWLINE) + 1
          // A line longer than a chunk is cut rather than buffered without bound.
          if (cut === 0 && joined.length < CHUNK_BYTES * 4) {
            carry = joined
            continue
          }
          const end = cut === 0 ? joined.length : cut
          yield joined.slice(0, end)
          carry = joined.slice(end)
        }
      } catch (error) {
        throw new WorkbenchError('ERR_FILE_READ', `Reading the wordlist ${path} failed.`, {
          cause: error,
        })
      } finally {
        stream.destroy()
      }
      if (carry.length > 0) yield carry
    },
  }
}
