/** `jwtw creds ...`: saved tokens and secrets per environment or host (values in the OS keychain). */
import type { CredentialSummary } from '../../../shared/stored-key-types'
import { LIMITS } from '../../../shared/limits'
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type Runner, type NoOptions } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { colorsFor, printJson, table } from '../../output'
import { readSecret, warnArgvSecret } from '../../secret-input'
import type { credsGetOptions, credsListOptions, credsSetOptions } from './spec'

export const set: Runner<typeof credsSetOptions> = async ({ values, positionals }, io) => {
  const [name, given] = positionals as [string, string | undefined]
  let value: string
  if (given !== undefined && given !== '-') {
    warnArgvSecret(io, 'a VALUE argument')
    value = given
  } else {
    value = await readSecret('-', io, {
      cap: LIMITS.credential,
      what: 'value',
      prompt: `Value for ${name} (not shown): `,
    })
  }
  const saved = await call(cliContext(io), 'creds.set', {
    name,
    value,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.note === undefined ? {} : { note: values.note }),
    ...(values.replace ? { replace: true } : {}),
  })
  io.stdout.write(`saved ${saved.name} (${saved.kind}${expiryText(saved)})\n`)
  return EXIT.ok
}

export const get: Runner<typeof credsGetOptions> = async ({ values, positionals, path }, io) => {
  const name = positionals[0]
  if ((name === undefined) === (values.host === undefined)) {
    throw new UsageError('give a NAME or --host HOST (one of them)', path)
  }
  const ctx = cliContext(io)
  const value =
    name !== undefined
      ? await call(ctx, 'creds.get', name)
      : await call(ctx, 'creds.getByHost', values.host!)
  io.stdout.write(values.header ? `Authorization: Bearer ${value}\n` : `${value}\n`)
  return EXIT.ok
}

export const list: Runner<typeof credsListOptions> = async ({ values }, io) => {
  const creds = await call(cliContext(io), 'creds.list')
  if (values.json) {
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
    s.note ?? '',
  ])
  io.stdout.write(`${table(['NAME', 'KIND', 'HOST', 'EXPIRES', 'STATE', 'NOTE'], rows, c)}\n`)
  return EXIT.ok
}

export const remove: Runner<NoOptions> = async ({ positionals }, io) => {
  const name = positionals[0]!
  await call(cliContext(io), 'creds.delete', name)
  io.stdout.write(`deleted ${name}\n`)
  return EXIT.ok
}

function expiryText(s: CredentialSummary): string {
  if (!s.expiresAt) return ''
  const at = s.expiresAt.replace(/\.\d{3}Z$/, 'Z')
  return s.state === 'expired' ? `, expired ${at}` : `, expires ${at}`
}
