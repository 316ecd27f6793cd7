/** `jwtw issuers add|list|remove`: trusted issuers, whose tokens verify with no key given. */
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type Runner, type NoOptions } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { colorsFor, printJson, table } from '../../output'
import type { issuersAddOptions, issuersListOptions } from './spec'

export const add: Runner<typeof issuersAddOptions> = async ({ values, positionals, path }, io) => {
  const { name, aud: audience } = values
  if (audience !== undefined && values['any-audience']) {
    throw new UsageError('--aud and --any-audience exclude each other', path)
  }
  if (audience === undefined && !values['any-audience']) {
    throw new UsageError(
      'a trusted issuer needs the audience its tokens must have: --aud AUDIENCE (or --any-audience to accept tokens issued to any of its clients)',
      path,
    )
  }
  const trusted = await call(cliContext(io), 'issuers.add', {
    issuer: positionals[0]!,
    ...(name === undefined ? {} : { name }),
    ...(audience === undefined ? { anyAudience: true } : { audience }),
    ...(values['insecure-http'] ? { insecureHttp: true } : {}),
  })
  io.stdout.write(
    `trusted ${trusted.issuer}${trusted.audience ? ` for audience ${trusted.audience}` : ', any audience'}\n`,
  )
  return EXIT.ok
}

export const list: Runner<typeof issuersListOptions> = async ({ values }, io) => {
  const issuers = await call(cliContext(io), 'issuers.list')
  if (values.json) printJson(io, issuers)
  else if (issuers.length === 0) {
    io.stdout.write('No trusted issuers. Add one with `jwtw issuers add URL`.\n')
  } else {
    const rows = issuers.map((t) => [
      t.issuer,
      t.name ?? '',
      t.audience ?? (t.anyAudience ? '(any)' : '(none: verify fails)'),
      t.addedAt.replace(/\.\d{3}Z$/, 'Z'),
    ])
    io.stdout.write(
      `${table(['ISSUER', 'NAME', 'AUDIENCE', 'ADDED'], rows, colorsFor(io.stdout, io.env))}\n`,
    )
  }
  return EXIT.ok
}

export const remove: Runner<NoOptions> = async ({ positionals }, io) => {
  const issuer = positionals[0]!
  await call(cliContext(io), 'issuers.remove', issuer)
  io.stdout.write(`no longer trusted: ${issuer}\n`)
  return EXIT.ok
}
