/**
 * `jwtw decode`: every token in the arguments, files or stdin, decoded. Inputs up to 1 MiB go
 * through the paste rules (a token wrapped over lines is one token); larger ones stream through
 * the same finder in constant memory.
 */
import { describeClaim } from '../../shared/claims'
import { WorkbenchError } from '../../shared/errors'
import { isRecord } from '../../shared/is-record'
import { LIMITS } from '../../shared/limits'
import { decodeToken } from '../../shared/token-decode'
import { findTokens } from '../../shared/token-finder'
import { tokenStatus } from '../../shared/token-status'
import type { DecodedToken, LintSeverity } from '../../shared/token-types'
import { TokenStream } from '../../main/core/scan/token-stream'
import { EXIT, flagOf, type Runner } from '../framework/spec'
import type { CliIo } from '../io'
import { colorsFor, printJson, type Colors } from '../output'

interface Seen {
  token: string
  count: number
  offset: number
  whitespace: boolean
}

export const run: Runner = async (parsed, io) => {
  const sources = parsed.positionals.length > 0 ? parsed.positionals : ['-']
  const seen = new Map<string, Seen>()
  const add = (token: string, offset: number, whitespace = false) => {
    const known = seen.get(token)
    if (known) known.count++
    else seen.set(token, { token, count: 1, offset, whitespace })
  }
  for (const source of sources) {
    if (source !== '-' && findTokens(source).length > 0) {
      for (const f of findTokens(source))
        for (let i = 0; i < f.count; i++) add(f.token, f.offset, f.whitespace)
      continue
    }
    if (source === '-' && io.stdin.isTTY)
      io.stderr.write('Paste a token or text, then press Ctrl+D.\n')
    await readTokens(source, io, add)
  }
  const now = new Date()
  const entries = [...seen.values()]
  const tokens = entries.map((s) =>
    decodeToken(s.token, now, { offset: s.offset, count: s.count, whitespace: s.whitespace }),
  )
  if (flagOf(parsed, 'json')) {
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
    io.stdout.write(tokens.map((t, i) => render(t, i, tokens.length, c)).join('\n'))
  }
  if (tokens.length === 0) {
    throw new WorkbenchError(
      'ERR_NO_TOKEN_FOUND',
      'No JWT found: a token is three (JWS) or five (JWE) base64url segments separated by dots.',
    )
  }
  return EXIT.ok
}

/** Finds the tokens of a file or stdin: whole up to 1 MiB (the paste rules), streamed beyond. */
async function readTokens(
  source: string,
  io: CliIo,
  add: (token: string, offset: number, whitespace?: boolean) => void,
): Promise<void> {
  // Loaded here: a token given as an argument needs no file system.
  const { openInput } = await import('../input')
  const stream = await openInput(source, io)
  const held: Buffer[] = []
  let size = 0
  let streaming: TokenStream | undefined
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    if (streaming) {
      streaming.push(bytes)
      continue
    }
    held.push(bytes)
    size += bytes.length
    if (size > LIMITS.text) {
      streaming = new TokenStream((hit) => add(hit.token, hit.offset))
      for (const part of held.splice(0)) streaming.push(part)
    }
  }
  if (streaming) {
    streaming.end()
    return
  }
  // Whole: decoded as UTF-8 so the offsets match what a person sees.
  const text = Buffer.concat(held).toString('utf8')
  for (const f of findTokens(text))
    for (let i = 0; i < f.count; i++) add(f.token, f.offset, f.whitespace)
}

function render(token: DecodedToken, index: number, total: number, c: Colors): string {
  const lines: string[] = []
  const alg = typeof token.header?.['alg'] === 'string' ? token.header['alg'] : 'no alg'
  const seen = token.count > 1 ? `, seen ${token.count} times` : ''
  lines.push(
    c.bold(`Token ${index + 1} of ${total}: ${token.kind} ${alg}`) +
      c.dim(` at offset ${token.offset}${seen}`),
  )
  lines.push(c.dim(`  ${token.preview}`))
  const sizes =
    token.kind === 'JWS'
      ? `header ${token.segmentLengths[0]}, payload ${token.segmentLengths[1]}, signature ${token.segmentLengths.slice(2).join('+')} chars; signature ${token.signatureBytes} bytes`
      : `protected header ${token.segmentLengths[0]}, encrypted key ${token.segmentLengths[1]}, iv ${token.segmentLengths[2]}, ciphertext ${token.segmentLengths[3]}, tag ${token.segmentLengths[4]} chars`
  lines.push(c.dim(`  segments: ${sizes}`))
  lines.push('', c.cyan(token.kind === 'JWE' ? 'Protected header' : 'Header'))
  lines.push(JSON.stringify(token.header, null, 2))
  if (token.kind === 'JWS') {
    lines.push('', c.cyan('Payload'), JSON.stringify(token.payload, null, 2) ?? 'null')
    const payload = isRecord(token.payload) ? token.payload : {}
    const known = Object.keys(payload).filter((name) => describeClaim(name) !== undefined)
    if (known.length > 0) {
      lines.push('', c.cyan('Claims'))
      const width = Math.max(...known.map((n) => n.length))
      for (const name of known) {
        const info = describeClaim(name)!
        const time = token.times.find((t) => t.claim === name)
        const extra = time
          ? `  ${time.iso ?? 'not a valid date'} (${time.relative})`
          : `  ${c.dim(shorten(JSON.stringify(payload[name]) ?? ''))}`
        lines.push(`  ${name.padEnd(width)}  ${info.title}${extra}`)
      }
    }
  } else {
    lines.push('', c.dim('The payload is encrypted; only the protected header is readable.'))
  }
  if (token.defects.length > 0) {
    lines.push('', c.cyan('Defects'))
    for (const d of token.defects) lines.push(`  ${c.red(d.code)} (${d.part}): ${d.message}`)
  }
  lines.push('', c.cyan('Lint'))
  if (token.lint.length === 0) lines.push(`  ${c.green('no findings')}`)
  const paint: Record<LintSeverity, (s: string) => string> = {
    error: c.red,
    warning: c.yellow,
    info: c.dim,
  }
  for (const f of token.lint)
    lines.push(`  ${paint[f.severity](f.severity.padEnd(7))} ${f.code}: ${f.message}`)
  return `${lines.join('\n')}\n`
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
