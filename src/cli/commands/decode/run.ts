/**
 * `jwtw decode`: every token in the TEXT arguments, the --file files or stdin, decoded. An
 * argument is text, never a path. Inputs up to 1 MiB go through the paste rules (a token
 * wrapped over lines is one token); larger ones stream through the same finder in constant
 * memory.
 */
import { WorkbenchError } from '../../../shared/errors'
import { formatSize, LIMITS, tooLarge } from '../../../shared/limits'
import { decodeToken } from '../../../shared/token-decode'
import { findTokens } from '../../../shared/token-finder'
import { tokenStatus } from '../../../shared/token-status'
import { notATokenReason, unwrapToken } from '../../../shared/token-text'
import type { DecodedToken } from '../../../shared/token-types'
import { TokenStream } from '../../../main/core/scan/token-stream'
import { EXIT, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import type { CliIo } from '../../io'
import { colorsFor, printJson } from '../../output'
import { foundHeading, renderToken } from '../../token-render'
import type { decodeOptions } from './spec'

interface Seen {
  token: string
  count: number
  offset: number
  whitespace: boolean
  junk?: string
}

export const run: Runner<typeof decodeOptions> = async ({ values, positionals, path }, io) => {
  const texts = positionals.filter((p) => p !== '-')
  const files = [...values.file, ...(positionals.includes('-') ? ['-'] : [])]
  if (files.filter((f) => f === '-').length > 1) {
    throw new UsageError('stdin (-) can be read once', path)
  }
  if (texts.length === 0 && files.length === 0) files.push('-')
  const seen = new Map<string, Seen>()
  const add = (found: Omit<Seen, 'count'>) => {
    const known = seen.get(found.token)
    if (known) known.count++
    else seen.set(found.token, { ...found, count: 1 })
  }
  for (const text of texts) {
    const found = findTokens(text)
    if (found.length === 0) throw notFound(text)
    for (const f of found) for (let i = 0; i < f.count; i++) add(f)
  }
  for (const file of files) {
    if (file === '-' && io.stdin.isTTY)
      io.stderr.write('Paste a token or text, then press Ctrl+D.\n')
    await readTokens(file, io, add)
  }
  const now = io.now()
  const entries = [...seen.values()]
  const tokens = entries.map((s) => decodeToken(s.token, now, s))
  if (values.json) {
    const { createHash } = await import('node:crypto')
    const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')
    // Decode is a local inspection the user asked for: the token itself is part of the answer.
    printJson(
      io,
      tokens.map((t, i) => ({
        ...t,
        token: entries[i]!.token,
        sha256: sha256(entries[i]!.token),
        status: tokenStatus(t, now),
      })),
    )
  } else {
    const c = colorsFor(io.stdout, io.env)
    io.stdout.write(
      tokens.map((t, i) => renderToken(t, foundHeading(t, i, tokens.length, c), c)).join('\n'),
    )
  }
  if (tokens.length === 0) {
    throw new WorkbenchError(
      'ERR_NO_TOKEN_FOUND',
      'No JWT found: a token is three (JWS) or five (JWE) base64url segments separated by dots.',
    )
  }
  const tooLargeDefect = (t: DecodedToken) => t.defects.find((d) => d.code === 'too_large')
  if (tokens.every(tooLargeDefect)) {
    throw new WorkbenchError('ERR_INPUT_TOO_LARGE', tooLargeDefect(tokens[0]!)!.message)
  }
  return EXIT.ok
}

/**
 * An argument with no token in it, named: one word is judged as a token (ERR_JWT_MALFORMED
 * saying what it is), more words are text with no token in them.
 */
function notFound(text: string): WorkbenchError {
  const word = unwrapToken(text)
  if (word.length > LIMITS.token) {
    return new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      tooLarge('The token', word.length, LIMITS.token),
    )
  }
  const reason = notATokenReason(word)
  if (reason !== null && !/\s/.test(word)) {
    return new WorkbenchError('ERR_JWT_MALFORMED', `Not a token: ${reason}.`)
  }
  return new WorkbenchError(
    'ERR_NO_TOKEN_FOUND',
    'No JWT found in the text given: a token is three (JWS) or five (JWE) base64url segments separated by dots. To read a file, use --file PATH.',
  )
}

/** Finds the tokens of a file or stdin: whole up to 1 MiB (the paste rules), streamed beyond. */
async function readTokens(
  source: string,
  io: CliIo,
  add: (found: Omit<Seen, 'count'>) => void,
): Promise<void> {
  // Loaded here: a token given as an argument needs no file system.
  const { openInput } = await import('../../input')
  const stream = await openInput(source, io)
  const held: Buffer[] = []
  let size = 0
  let read = 0
  let streaming: TokenStream | undefined
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    read += bytes.length
    if (read > LIMITS.decodeInput) {
      const label = source === '-' ? 'stdin' : source
      throw new WorkbenchError(
        'ERR_INPUT_TOO_LARGE',
        `${label} is over ${formatSize(LIMITS.decodeInput)}, the limit of jwtw decode; reading stopped there. For logs of any size, use jwtw scan.`,
      )
    }
    if (streaming) {
      streaming.push(bytes)
      continue
    }
    held.push(bytes)
    size += bytes.length
    if (size > LIMITS.text) {
      streaming = new TokenStream((hit) => {
        if (hit.oversized) throw oversized(hit.bytes ?? 0)
        if (!hit.truncated) add({ token: hit.token, offset: hit.offset, whitespace: false })
      })
      for (const part of held.splice(0)) streaming.push(part)
    }
  }
  if (streaming) {
    streaming.end()
    return
  }
  // Whole: decoded as UTF-8 so the offsets match what a person sees.
  const text = Buffer.concat(held).toString('utf8')
  for (const f of findTokens(text)) for (let i = 0; i < f.count; i++) add(f)
}

function oversized(bytes: number): WorkbenchError {
  return new WorkbenchError(
    'ERR_INPUT_TOO_LARGE',
    `A token-like run of over ${bytes.toLocaleString('en')} characters is over the ${LIMITS.token.toLocaleString('en')}-character limit for one token; it was not decoded.`,
  )
}
