/** Decoded tokens as text for a person (decode, decrypt). */
import { describeTokenClaim, providerLabel } from '../shared/providers'
import { isRecord } from '../shared/is-record'
import type { DecodedToken, LintSeverity } from '../shared/token-types'
import type { VerifyCheck } from '../shared/verify-types'
import type { Colors } from './output'

/** 'Token 2 of 3: JWS RS256 at line 4, column 17, seen 2 times' (decode's heading). */
export function foundHeading(token: DecodedToken, index: number, total: number, c: Colors): string {
  const seen = token.count > 1 ? `, seen ${token.count} times` : ''
  return (
    c.bold(`Token ${index + 1} of ${total}: ${token.kind} ${algOf(token)}`) +
    c.dim(
      ` at ${token.line === undefined ? `offset ${token.offset}` : `line ${token.line}, column ${token.column}`}${seen}`,
    )
  )
}

export function algOf(token: DecodedToken): string {
  return typeof token.header?.['alg'] === 'string' ? token.header['alg'] : 'no alg'
}

/** One decoded token for a person, under `heading`: header, payload, claims with times, defects and lint. */
export function renderToken(token: DecodedToken, heading: string, c: Colors): string {
  const lines: string[] = [heading]
  lines.push(c.dim(`  ${token.preview}`))
  if (token.provider) lines.push(`  provider: ${providerLabel(token.provider)}`)
  if (token.roles) lines.push(`  roles: ${token.roles.join(', ')}`)
  if (token.scopes) lines.push(`  scopes: ${token.scopes.join(' ')}`)
  if (token.segmentLengths.length > 0) lines.push(c.dim(`  segments: ${segmentSizes(token)}`))
  const readable = token.kind === 'JWS' || token.payload !== null
  lines.push('', c.cyan(token.kind === 'JWE' ? 'Protected header' : 'Header'))
  lines.push(JSON.stringify(token.header, null, 2))
  if (readable) {
    lines.push('', c.cyan('Payload'), JSON.stringify(token.payload, null, 2) ?? 'null')
    const payload = isRecord(token.payload) ? token.payload : {}
    const names = Object.keys(payload)
    if (names.length > 0) {
      // Every claim, described when the registry knows it (the provider's own first).
      lines.push('', c.cyan('Claims'))
      const width = Math.min(Math.max(...names.map((n) => n.length)), 32)
      for (const name of names) {
        const info = describeTokenClaim(name, token.provider?.id)
        const time = token.times.find((t) => t.claim === name)
        const extra = time
          ? `  ${time.iso ?? 'not a valid date'} (${time.relative})`
          : `  ${c.dim(shorten(JSON.stringify(payload[name]) ?? ''))}`
        lines.push(
          `  ${name.padEnd(width)}  ${info ? info.title : c.dim('(unknown claim)')}${extra}`,
        )
      }
    }
  } else {
    lines.push(
      '',
      c.dim(
        'The payload is encrypted; only the protected header is readable. Decrypt it with `jwtw decrypt` and the recipient key (--key NAME, --key-file FILE, --password-file FILE).',
      ),
    )
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

function segmentSizes(token: DecodedToken): string {
  const l = token.segmentLengths
  return token.kind === 'JWS'
    ? `header ${l[0]}, payload ${l[1]}, signature ${l.slice(2).join('+')} chars; signature ${token.signatureBytes} bytes`
    : `protected header ${l[0]}, encrypted key ${l[1]}, iv ${l[2]}, ciphertext ${l[3]}, tag ${l[4]} chars`
}

/** Verify's checks, one line each: `ok   signature  Signature verified with ...`. */
export function checkLines(checks: VerifyCheck[], c: Colors): string[] {
  return checks.map((check) => {
    const mark = check.ok ? c.green('ok  ') : check.skipped ? c.dim('skip') : c.red('FAIL')
    const code = check.ok || !check.code ? '' : `${c.red(check.code)} `
    return `  ${mark} ${check.id.padEnd(12)} ${code}${check.message}`
  })
}
