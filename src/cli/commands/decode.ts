/** `jwtw decode`: finds every token in a text (argument or stdin) and prints each decoded. */
import { describeClaim } from '../../shared/claims'
import type { DecodedToken, LintSeverity } from '../../shared/token-types'
import { decodeText } from '../../shared/token-decode'
import { parse } from '../args'
import { readStdin } from '../stdin'
import { EXIT, type CliIo } from '../io'
import { colorsFor, UsageError, type Colors } from '../output'
import { isRecord } from '../../shared/is-record'
import { LIMITS } from '../../shared/limits'

export const DECODE_USAGE = `Usage: jwtw decode [TOKEN|-] [--json]

Finds every JWT (JWS or JWE) in the text given, or in stdin when TOKEN is "-" or missing
(a bare token, an Authorization header, a cookie, a URL, a curl command, a page of logs),
and prints each one decoded, with its times and lint findings. Nothing is verified.
  --json   print an array of decoded tokens (header, payload, times, lint, count, defects)`

export async function decodeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, DECODE_USAGE)
  if (positionals.length > 1) {
    throw new UsageError(
      `expected one TOKEN argument, got ${positionals.length} (quote text with spaces)`,
      DECODE_USAGE,
    )
  }
  const [arg] = positionals
  let text: string
  if (arg === undefined || arg === '-') {
    if (io.stdin.isTTY) io.stderr.write('Paste a token or text, then press Ctrl+D.\n')
    // One character over the cap is enough for the decoder to refuse it as too large.
    text = await readStdin(io.stdin, LIMITS.text + 1)
  } else {
    text = arg
  }
  const tokens = decodeText(text, new Date())
  if (values.json) {
    io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`)
    return EXIT.ok
  }
  const c = colorsFor(io.stdout, io.env)
  io.stdout.write(tokens.map((t, i) => render(t, i, tokens.length, c)).join('\n'))
  return EXIT.ok
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
  for (const f of token.lint) {
    lines.push(`  ${paint[f.severity](f.severity.padEnd(7))} ${f.code}: ${f.message}`)
  }
  return `${lines.join('\n')}\n`
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
