/** `jwtw issuers add|list|remove`: trusted issuers, whose tokens verify with no key given. */
import { cliContext } from '../context'
import { call } from '../contract'
import { EXIT, flagOf, stringOf, type Runner } from '../framework/spec'
import { colorsFor, printJson, table } from '../output'

export const add: Runner = async (parsed, io) => {
  const name = stringOf(parsed, 'name')
  const audience = stringOf(parsed, 'aud')
  const trusted = await call(cliContext(io), 'issuers.add', {
    issuer: parsed.positionals[0]!,
    ...(name === undefined ? {} : { name }),
    ...(audience === undefined ? {} : { audience }),
    ...(flagOf(parsed, 'insecure-http') ? { insecureHttp: true } : {}),
  })
  io.stdout.write(
    `trusted ${trusted.issuer}${trusted.audience ? ` (expected audience ${trusted.audience})` : ''}\n`,
  )
  return EXIT.ok
}

export const list: Runner = async (parsed, io) => {
  const issuers = await call(cliContext(io), 'issuers.list')
  if (flagOf(parsed, 'json')) printJson(io, issuers)
  else if (issuers.length === 0) {
    io.stdout.write('No trusted issuers. Add one with `jwtw issuers add URL`.\n')
  } else {
    const rows = issuers.map((t) => [
      t.issuer,
      t.name ?? '',
      t.audience ?? '',
      t.addedAt.replace(/\.\d{3}Z$/, 'Z'),
    ])
    io.stdout.write(
      `${table(['ISSUER', 'NAME', 'AUDIENCE', 'ADDED'], rows, colorsFor(io.stdout, io.env))}\n`,
    )
  }
  return EXIT.ok
}

export const remove: Runner = async (parsed, io) => {
  const issuer = parsed.positionals[0]!
  await call(cliContext(io), 'issuers.remove', issuer)
  io.stdout.write(`no longer trusted: ${issuer}\n`)
  return EXIT.ok
}
