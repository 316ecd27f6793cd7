/**
 * `jwtw scan`: every token in logs of any size (files, .gz, stdin), counted, described and
 * optionally verified; a summary by issuer and kid, or JSON, or one JSON line per new token.
 * Tokens are shown redacted unless --show-tokens. Ctrl+C prints what was found so far.
 */
import { formatSize } from '../../../shared/limits'
import { describeInstant } from '../../../shared/relative-time'
import type { ScanProgress, ScanResult, ScanToken } from '../../../shared/scan-types'
import type { ScanInput } from '../../../main/core/scan/run-scan'
import { runScan } from '../../../main/core/scan/run-scan'
import { EXIT, type Runner } from '../../framework/spec'
import type { JweKeySourceInput } from '../../../shared/request-schemas'
import { UsageError } from '../../framework/usage-error'
import type { CliIo } from '../../io'
import { keyFlag, keyFromFlags, remoteOptionsOf } from '../../key-options'
import { colorsFor, printJson, table, type Colors } from '../../output'
import { FAIL_ON, FAIL_ON_NAMES, type FailOn } from './fail-on'
import type { scanOptions } from './spec'

/** Progress is shown on a terminal for inputs over this size. */
const PROGRESS_FROM = 100 * 1000 * 1000
const TOP_TOKENS = 10

export const run: Runner<typeof scanOptions> = async ({ values, positionals, path }, io) => {
  const { json, ndjson, trusted, follow } = values
  if (json && ndjson) throw new UsageError('give --json or --ndjson, not both', path)
  const failOn = failOnOf(values['fail-on'], path)
  const given = keyFlag(values, path)
  if (trusted && given !== undefined) {
    throw new UsageError(`give --trusted or --${given}, not both`, path)
  }
  const paths = positionals.length > 0 ? positionals : ['-']
  if (paths.filter((p) => p === '-').length > 1) {
    throw new UsageError('stdin (-) can be read once', path)
  }
  const flagged = await keyFromFlags(values, io, path)
  const remote = remoteOptionsOf(values)
  const key = trusted ? { trusted: true as const, ...(remote ? { remote } : {}) } : flagged?.source
  if ((failOn.includes('invalid') || failOn.includes('unverifiable')) && key === undefined) {
    throw new UsageError(
      '--fail-on invalid and unverifiable need a key source (--trusted, --jwks, --issuer, --secret-file, --key ...)',
      path,
    )
  }

  if (values.decrypt && values['decrypt-key'] !== undefined) {
    throw new UsageError('give --decrypt or --decrypt-key, not both', path)
  }
  const decrypt: JweKeySourceInput | undefined = values.decrypt
    ? { anyStored: true }
    : values['decrypt-key'] !== undefined
      ? { storedKey: values['decrypt-key'] }
      : undefined

  const inputs: ScanInput[] = paths.map((path) =>
    path === '-' ? { name: 'stdin', stream: io.stdin } : { path },
  )
  if (paths.includes('-') && io.stdin.isTTY) {
    io.stderr.write('Paste log lines, then press Ctrl+D (Ctrl+C ends with the summary).\n')
  }
  // The services (settings, keychain, remote keys) load only when a token is verified or
  // decrypted: a plain scan starts without them.
  const verifyWith =
    key || decrypt
      ? {
          ...(key ? { key } : {}),
          ...(decrypt ? { decrypt } : {}),
          ctx: (await import('../../context')).cliContext(io),
        }
      : undefined
  const controller = new AbortController()
  const stopListening = io.onInterrupt(() => controller.abort())
  const progress = progressLine(io)
  let result: ScanResult
  try {
    result = await runScan(inputs, {
      ...(verifyWith ? { verifyWith } : {}),
      ...workersOf(io),
      now: io.now(),
      showTokens: values['show-tokens'],
      follow,
      signal: controller.signal,
      ...(progress ? { onProgress: progress.update } : {}),
      ...(ndjson ? { onToken: (t: ScanToken) => writeLine(io, { type: 'token', ...t }) } : {}),
    })
  } finally {
    stopListening()
    progress?.clear()
  }

  if (json) printJson(io, result)
  else if (ndjson) {
    writeLine(io, { type: 'summary', ...result, tokens: undefined })
  } else {
    const text = render(result, colorsFor(io.stdout, io.env))
    io.stdout.write(fitWidth(text, io.stdout.isTTY ? io.stdout.columns : undefined))
  }

  const c = colorsFor(io.stderr, io.env)
  for (const file of result.files) {
    if (file.error) io.stderr.write(`${c.red(file.error.code)}: ${file.error.message}\n`)
  }
  const held = failOn.map((name) => [name, FAIL_ON[name](result)] as const).filter(([, n]) => n > 0)
  for (const [name, n] of held) {
    const what =
      name === 'oversized'
        ? `run${n === 1 ? '' : 's'} too long for a token`
        : `unique token${n === 1 ? '' : 's'} ${name === 'none' ? 'with alg none' : name}`
    io.stderr.write(`${c.red('fail-on')}: ${n} ${what}\n`)
  }
  if (held.length > 0 || result.files.some((f) => f.error)) return EXIT.failure
  // Interrupted without --follow: the scan did not complete.
  return result.partial && !follow ? 130 : EXIT.ok
}

function failOnOf(given: string[], path: string[]): FailOn[] {
  const names = given.flatMap((v) => v.split(',')).map((v) => v.trim())
  const unknown = names.filter((n) => !(n in FAIL_ON))
  if (unknown.length > 0) {
    throw new UsageError(
      `--fail-on takes ${FAIL_ON_NAMES.join(', ')} (comma-separated), not ${unknown.join(', ')}`,
      path,
    )
  }
  return [...new Set(names)] as FailOn[]
}

/** JWTW_SCAN_WORKERS=N: worker threads for every file (0: the calling thread alone). */
function workersOf(io: CliIo): { workers?: number } {
  const value = io.env['JWTW_SCAN_WORKERS']
  if (value === undefined || value === '') return {}
  const workers = Number(value)
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
    throw new UsageError(
      `JWTW_SCAN_WORKERS must be a whole number from 0 to 64, not ${value.slice(0, 20)}`,
      ['scan'],
    )
  }
  return { workers }
}

function writeLine(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`)
}

/** A progress line on stderr, for a terminal and inputs over 100 MB. */
function progressLine(io: CliIo) {
  if (!io.stderr.isTTY) return undefined
  let shown = false
  return {
    update(p: ScanProgress) {
      if (Math.max(p.bytesTotal, p.bytesDone) < PROGRESS_FROM) return
      shown = true
      const rate = p.elapsedMs > 0 ? (p.bytesDone / p.elapsedMs) * 1000 : 0
      const share =
        p.bytesTotal > 0
          ? ` of ${formatSize(p.bytesTotal)} (${Math.floor((p.bytesDone / p.bytesTotal) * 100)} %)`
          : ''
      io.stderr.write(
        `\r\u001b[2K${formatSize(p.bytesDone)}${share}, ${formatSize(rate)}/s, ${p.occurrences.toLocaleString('en')} tokens (${p.unique.toLocaleString('en')} unique)`,
      )
    },
    clear() {
      if (shown) io.stderr.write('\r\u001b[2K')
    },
  }
}

function render(r: ScanResult, c: Colors): string {
  const now = new Date(r.scannedAt)
  const count = (n: number) => n.toLocaleString('en')
  const bytes = r.files.reduce((n, f) => n + f.bytes, 0)
  const lines = r.files.reduce((n, f) => n + f.lines, 0)
  const where = r.files.length === 1 ? r.files[0]!.path : `${r.files.length} inputs`
  const out: string[] = [
    `${c.bold(`${count(r.occurrences)} token occurrence${r.occurrences === 1 ? '' : 's'}, ${count(r.unique)} unique`)} in ${where} (${formatSize(bytes)}, ${count(lines)} lines, ${(r.elapsedMs / 1000).toFixed(2)} s)${r.partial ? c.yellow(' — interrupted: what was found so far') : ''}`,
  ]
  if (r.oversizedCount > 0) {
    const where = r.oversized
      .slice(0, 5)
      .map((o) => `${o.file ? `${o.file}:` : 'line '}${o.line} (${formatSize(o.bytes)})`)
      .join(', ')
    out.push(
      c.yellow(
        `${count(r.oversizedCount)} run${r.oversizedCount === 1 ? '' : 's'} too long for one token (not decoded): ${where}${r.oversizedCount > 5 ? ', ...' : ''}`,
      ),
    )
  }
  if (r.truncated > 0) {
    out.push(
      c.dim(
        `${count(r.truncated)} truncated token${r.truncated === 1 ? '' : 's'} (a header and dots only), not counted as tokens.`,
      ),
    )
  }
  if (r.unlisted > 0) {
    out.push(
      c.yellow(
        `${count(r.unlisted)} more occurrences of tokens past the first ${count(r.unique)} unique ones are counted, not listed.`,
      ),
    )
  }
  if (r.tokens.length === 0) return `${out.join('\n')}\n`
  const verified = r.tokens.some((t) => t.verification !== undefined)
  const dash = (n: number | undefined) => (n ? String(n) : c.dim('-'))
  out.push('', c.cyan('By issuer and kid'))
  out.push(
    table(
      [
        'ISSUER',
        'KID',
        'UNIQUE',
        'SEEN',
        'EXPIRED',
        'LONG-LIVED',
        'ALG NONE',
        ...(verified ? ['FAILING', 'UNVERIFIABLE'] : []),
      ],
      r.groups.map((g) => [
        g.iss ?? c.dim('(no iss)'),
        g.kid ?? c.dim('(no kid)'),
        count(g.unique),
        count(g.occurrences),
        dash(g.expired),
        dash(g.longLived),
        g.algNone ? c.red(String(g.algNone)) : c.dim('-'),
        ...(verified
          ? [g.failing ? c.red(String(g.failing)) : c.dim('-'), dash(g.unverifiable)]
          : []),
      ]),
      c,
    ),
  )
  if (r.encrypted.length > 0) {
    out.push(
      '',
      c.cyan('Encrypted tokens (JWE, read by header only; decrypt one with jwtw decrypt)'),
      table(
        ['ALG', 'ENC', 'UNIQUE', 'SEEN'],
        r.encrypted.map((e) => [e.alg, e.enc, count(e.unique), count(e.occurrences)]),
        c,
      ),
    )
  }
  out.push(
    '',
    c.cyan(
      r.tokens.length > TOP_TOKENS
        ? `Top ${TOP_TOKENS} of ${count(r.tokens.length)} tokens`
        : 'Tokens',
    ),
  )
  r.tokens.slice(0, TOP_TOKENS).forEach((t, i) => {
    const where = t.firstFile ? `${t.firstFile}:${t.firstLine}` : `line ${t.firstLine}`
    const last =
      t.count > 1
        ? ` .. ${t.lastFile && t.lastFile !== t.firstFile ? `${t.lastFile}:` : ''}${t.lastLine}`
        : ''
    out.push(
      `${String(i + 1).padStart(3)}. ${t.token ?? t.preview}  ${c.dim(`sha256 ${t.sha256.slice(0, 16)}`)}`,
    )
    const facts = [
      `seen ${count(t.count)}×, ${where}${last}`,
      [t.kind, t.claims.alg ?? 'no alg', t.claims.kid ? `kid ${t.claims.kid}` : '']
        .filter(Boolean)
        .join(' '),
      t.claims.sub === undefined ? '' : `sub ${t.claims.sub}`,
      t.claims.clientId === undefined ? '' : `client ${t.claims.clientId}`,
    ].filter(Boolean)
    out.push(`     ${facts.join('; ')}`)
    const aud = t.claims.aud === undefined ? undefined : [t.claims.aud].flat().join(', ')
    const who = [
      t.claims.provider ?? '',
      aud === undefined ? '' : `aud ${aud}`,
      t.claims.scope === undefined ? '' : `scope ${t.claims.scope}`,
    ].filter(Boolean)
    if (who.length > 0) out.push(`     ${who.join('; ')}`)
    const lint = t.lint.filter((f) => f.severity !== 'info').map((f) => f.code)
    if (lint.length > 0) out.push(`     ${c.dim(`lint ${lint.join(', ')}`)}`)
    const state = [
      timeState(t, now, c),
      t.longLived ? c.yellow('long-lived') : '',
      t.verification ? verification(t, c) : '',
    ]
    out.push(`     ${state.filter(Boolean).join('; ')}`)
  })
  return `${out.join('\n')}\n`
}

/**
 * Each line cut to the terminal's width with an ellipsis (colour codes do not count); output
 * that is not a terminal is left whole.
 */
export function fitWidth(text: string, columns: number | undefined): string {
  if (columns === undefined || columns < 20) return text
  // eslint-disable-next-line no-control-regex
  const ansi = /\u001b\[\d+m/g
  return text
    .split('\n')
    .map((line) => {
      const plain = line.replace(ansi, '')
      return plain.length <= columns ? line : `${plain.slice(0, columns - 1)}…`
    })
    .join('\n')
}

function timeState(t: ScanToken, now: Date, c: Colors): string {
  const exp = t.status.expiresAt === null ? undefined : Date.parse(t.status.expiresAt) / 1000
  switch (t.status.state) {
    case 'expired':
      return c.red(`expired ${describeInstant(exp!, now)}`)
    case 'not-yet-valid':
      return c.yellow('not yet valid')
    case 'no-exp':
      return c.yellow('no exp')
    case 'valid':
      return `expires ${describeInstant(exp!, now)}`
  }
}

function verification(t: ScanToken, c: Colors): string {
  const v = t.verification!
  if (v.state === 'valid') return c.green('verified')
  const text = `${v.state === 'invalid' ? 'INVALID' : 'unverifiable'} (${v.code})`
  return v.state === 'invalid' ? c.red(text) : c.yellow(text)
}
