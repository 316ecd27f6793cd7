/** `jwtw creds ...`: saved tokens and secrets per environment or host (values in the OS keychain). */
import type { CredentialSummary } from '../../shared/stored-key-types'
import { LIMITS } from '../../shared/limits'
import { cliContext } from '../context'
import { call } from '../contract'
import { EXIT, flagOf, stringOf, type Runner } from '../framework/spec'
import { UsageError } from '../framework/usage-error'
import { readAll } from '../input'
import { colorsFor, printJson, table } from '../output'

export const set: Runner = async (parsed, io) => {
  const [name, given] = parsed.positionals as [string, string | undefined]
  let value = given
  if (value === undefined || value === '-') {
    if (io.stdin.isTTY) throw new UsageError('give the value, or pipe it on stdin', parsed.path)
    value = (await readAll('-', io, LIMITS.credential, 'value')).replace(/\r?\n$/, '')
  }
  const host = stringOf(parsed, 'host')
  const note = stringOf(parsed, 'note')
  const saved = await call(cliContext(io), 'creds.set', {
    name,
    value,
    ...(host === undefined ? {} : { host }),
    ...(note === undefined ? {} : { note }),
  })
  io.stdout.write(`saved ${saved.name} (${saved.kind}${expiryText(saved)})\n`)
  return EXIT.ok
}

export const get: Runner = async (parsed, io) => {
  const value = await call(cliContext(io), 'creds.get', parsed.positionals[0]!)
  io.stdout.write(flagOf(parsed, 'header') ? `Authorization: Bearer ${value}\n` : `${value}\n`)
  return EXIT.ok
}

export const list: Runner = async (parsed, io) => {
  const creds = await call(cliContext(io), 'creds.list')
  if (flagOf(parsed, 'json')) {
    printJson(io, creds)
    return EXIT.ok
  }
  if (creds.length === 0) {
    io.stdout.write('No saved credentials. Save one with `jwtw creds set NAME`.\n')
    return EXIT.ok
  }
  const c = colorsFor(io.stdout, io.env)
  const state = (s: CredentialSummary) =>
    s.secret === 'missing'
      ? c.red('missing secret')
      : s.state === 'expired'
        ? c.red('expired')
        : s.state === 'expiring'
          ? c.yellow('expires within a day')
          : s.state
  const rows = creds.map((s) => [
    s.name,
    s.kind,
    s.host ?? '',
    s.expiresAt?.replace(/\.\d{3}Z$/, 'Z') ?? '',
    state(s),
  ])
  io.stdout.write(`${table(['NAME', 'KIND', 'HOST', 'EXPIRES', 'STATE'], rows, c)}\n`)
  return EXIT.ok
}

export const remove: Runner = async (parsed, io) => {
  const name = parsed.positionals[0]!
  await call(cliContext(io), 'creds.delete', name)
  io.stdout.write(`deleted ${name}\n`)
  return EXIT.ok
}

function expiryText(s: CredentialSummary): string {
  if (!s.expiresAt) return ''
  const at = s.expiresAt.replace(/\.\d{3}Z$/, 'Z')
  return s.state === 'expired' ? `, expired ${at}` : `, expires ${at}`
}
