/** `jwtw creds`: saved tokens and secrets per environment or host (values in the OS keychain). */
import type { CredentialSummary } from '../../shared/stored-key-types'
import { parse } from '../args'
import { EXIT, type CliIo } from '../io'
import { colorsFor, UsageError } from '../output'
import { cliContext } from '../context'
import { readAllStdin } from '../stdin'

export const CREDS_USAGE = `Usage: jwtw creds <subcommand>

  jwtw creds set NAME [VALUE|-] [--host H] [--note TEXT]
  jwtw creds get NAME [--header]
  jwtw creds list [--json]
  jwtw creds delete NAME

Saves tokens and secrets for named environments or hosts ("staging api",
"spacetime://localhost:3000/blackholio"): the value in the OS keychain, the rest (host, kind,
expiry read from the token, note) in the settings file. Without VALUE (or with -) the value is
read from stdin, which keeps it out of your shell history.
  --header   print "Authorization: Bearer <value>" instead of the bare value`

export async function credsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      host: { type: 'string' },
      note: { type: 'string' },
      header: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    CREDS_USAGE,
  )
  const [sub, ...rest] = positionals
  if (sub === undefined) throw new UsageError('no subcommand given', CREDS_USAGE)
  const ctx = cliContext(io)
  const store = ctx.credentials
  const need = (min: number, max: number, what: string) => {
    if (rest.length < min || rest.length > max) {
      throw new UsageError(`creds ${sub} expects ${what}`, CREDS_USAGE)
    }
  }
  switch (sub) {
    case 'set': {
      need(1, 2, 'NAME [VALUE|-]')
      const [name, given] = rest
      let value = given
      if (value === undefined || value === '-') {
        if (io.stdin.isTTY) {
          throw new UsageError('give the value, or pipe it on stdin', CREDS_USAGE)
        }
        value = new TextDecoder().decode(await readAllStdin(io)).replace(/\r?\n$/, '')
      }
      const saved = await store.set({
        name: name!,
        value,
        ...(values.host === undefined ? {} : { host: values.host }),
        ...(values.note === undefined ? {} : { note: values.note }),
      })
      io.stdout.write(`saved ${saved.name} (${saved.kind}${expiryText(saved)})\n`)
      return EXIT.ok
    }
    case 'get': {
      need(1, 1, 'NAME')
      const value = await store.get(rest[0]!)
      io.stdout.write(values.header ? `Authorization: Bearer ${value}\n` : `${value}\n`)
      return EXIT.ok
    }
    case 'list': {
      need(0, 0, 'no arguments')
      const creds = await store.list()
      if (values.json) {
        io.stdout.write(`${JSON.stringify(creds, null, 2)}\n`)
        return EXIT.ok
      }
      if (creds.length === 0) {
        io.stdout.write('No saved credentials. Save one with `jwtw creds set NAME`.\n')
        return EXIT.ok
      }
      const c = colorsFor(io.stdout, io.env)
      const paint = (s: CredentialSummary) =>
        s.secret === 'missing'
          ? c.red('missing secret')
          : s.state === 'expired'
            ? c.red('expired')
            : s.state === 'expiring'
              ? c.yellow('expires within a day')
              : s.state
      const rows = creds.map((s) => [s.name, s.kind, s.host ?? '', s.expiresAt ?? '', paint(s)])
      const head = ['NAME', 'KIND', 'HOST', 'EXPIRES', 'STATE']
      // eslint-disable-next-line no-control-regex
      const len = (t: string) => t.replace(/\u001b\[\d+m/g, '').length
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => len(r[i]!))))
      const line = (r: string[]) =>
        r
          .map((cell, i) => cell + ' '.repeat(widths[i]! - len(cell)))
          .join('  ')
          .trimEnd()
      io.stdout.write(`${[c.bold(line(head)), ...rows.map(line)].join('\n')}\n`)
      return EXIT.ok
    }
    case 'delete': {
      need(1, 1, 'NAME')
      await store.remove(rest[0]!)
      io.stdout.write(`deleted ${rest[0]}\n`)
      return EXIT.ok
    }
    default:
      throw new UsageError(`unknown subcommand "${sub.slice(0, 40)}"`, CREDS_USAGE)
  }
}

function expiryText(s: CredentialSummary): string {
  if (!s.expiresAt) return ''
  return s.state === 'expired' ? `, expired ${s.expiresAt}` : `, expires ${s.expiresAt}`
}
