/** `jwtw jwks URL | --issuer URL`: a JWK Set with its cache state, rotation and findings. */
import type { JwksReport } from '../../../shared/jwks-types'
import { describeInstant, formatDuration } from '../../../shared/relative-time'
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { remoteOptionsOf } from '../../key-options'
import { colorsFor, printJson, table, type Colors } from '../../output'
import type { jwksOptions } from './spec'

export const run: Runner<typeof jwksOptions> = async ({ values, positionals, path }, io) => {
  const url = positionals[0]
  const issuer = values.issuer
  if ((url === undefined) === (issuer === undefined)) {
    throw new UsageError('give a JWKS URL or --issuer URL (one of them)', path)
  }
  const remote = remoteOptionsOf(values)
  const report = await call(
    cliContext(io),
    'jwks.fetch',
    url !== undefined ? { jwksUri: url } : { issuer: issuer! },
    {
      ...(values.refresh ? { refresh: true } : {}),
      ...(remote ? { remote } : {}),
    },
  )
  if (values.json) printJson(io, report)
  else io.stdout.write(render(report, colorsFor(io.stdout, io.env), io.now()))
  return EXIT.ok
}

function render(r: JwksReport, c: Colors, now: Date): string {
  const lines = [c.bold(r.jwksUri) + (r.issuer ? c.dim(`  (issuer ${r.issuer})`) : '')]
  const cache = r.cache
  const state = cache.stale
    ? c.red(
        `STALE: the server could not be reached (${cache.staleBecause?.code ?? 'error'}); this copy is ${formatDuration(cache.ageSeconds)} old`,
      )
    : cache.fresh
      ? c.green(`fresh for ${formatDuration(cache.maxAgeSeconds - cache.ageSeconds)} more`)
      : 'revalidated'
  lines.push(
    `fetched ${describeInstant(Date.parse(cache.fetchedAt) / 1000, now)}, checked ${describeInstant(Date.parse(cache.checkedAt) / 1000, now)}; ${state}${cache.etag ? c.dim(`; ETag ${cache.etag}`) : ''}`,
    '',
  )
  const rows = r.keys.map((k) => [
    k.kid ?? c.dim('(no kid)'),
    k.kty,
    k.alg ?? '-',
    k.use ?? '-',
    k.usable ? k.detail : c.red(k.detail.slice(0, 60)),
    k.thumbprint ?? '-',
    k.certificate
      ? `${k.certificate.subject.slice(0, 40)}, until ${k.certificate.notAfter.slice(0, 10)}${k.certificate.expired ? c.red(' EXPIRED') : ''}`
      : '',
  ])
  lines.push(table(['KID', 'KTY', 'ALG', 'USE', 'KEY', 'THUMBPRINT', 'CERTIFICATE'], rows, c))
  if (r.rotation.added.length > 0 || r.rotation.removed.length > 0) {
    lines.push('', c.cyan(`Rotation since ${r.rotation.since ?? 'the previous copy'}`))
    for (const kid of r.rotation.added) lines.push(`  + ${kid}`)
    for (const kid of r.rotation.removed) lines.push(`  - ${kid}`)
  }
  lines.push('', c.cyan('Findings'))
  if (r.findings.length === 0) lines.push(`  ${c.green('none')}`)
  const paint = { error: c.red, warning: c.yellow, info: c.dim }
  for (const f of r.findings)
    lines.push(`  ${paint[f.severity](f.severity.padEnd(7))} ${f.code}: ${f.message}`)
  return `${lines.join('\n')}\n`
}
