/** `jwtw keys ...`: stored keys (material in the OS keychain, metadata in the settings file). */
import type { KeySummary, OrphanEntry } from '../../../shared/stored-key-types'
import { LIMITS } from '../../../shared/limits'
import { remoteOptions } from '../../../main/core/jwks/remote-key-source'
import { cliContext } from '../../context'
import { call } from '../../call-service'
import { EXIT, type Runner, type NoOptions } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { readBytes } from '../../input'
import type { CliIo } from '../../io'
import { remoteOptionsOf } from '../../key-options'
import { colorsFor, printJson, table } from '../../output'
import type {
  keysDeleteOptions,
  keysExportOptions,
  keysGenerateOptions,
  keysImportOptions,
  keysListOptions,
  keysRecoverOptions,
} from './spec'

const out = (io: CliIo, text: string) =>
  void io.stdout.write(text.endsWith('\n') ? text : `${text}\n`)

export const list: Runner<typeof keysListOptions> = async ({ values }, io) => {
  const keys = await call(cliContext(io), 'keys.list')
  if (values.json) printJson(io, keys)
  else out(io, formatKeyList(keys, io))
  return EXIT.ok
}

export const generate: Runner<typeof keysGenerateOptions> = async (
  { values, positionals, path },
  io,
) => {
  const alg = values.alg
  if (alg === undefined) throw new UsageError('keys generate needs --alg ALG', path)
  const bits = wholeNumber(values.bits, 'bits', path)
  const kid = values.kid
  const tags = values.tag
  const summary = await call(cliContext(io), 'keys.generate', {
    name: positionals[0]!,
    alg,
    ...(bits === undefined ? {} : { bits }),
    ...(values.curve === undefined ? {} : { curve: values.curve }),
    ...(kid === undefined ? {} : { kid }),
    ...(tags.length > 0 ? { tags } : {}),
  })
  out(io, describe(summary))
  return EXIT.ok
}

export const importKey: Runner<typeof keysImportOptions> = async ({ values, positionals }, io) => {
  const [name, source] = positionals as [string, string]
  const ctx = cliContext(io)
  const text = /^https?:\/\//i.test(source)
    ? JSON.stringify(
        (
          await ctx.remote.fromJwksUri(source, {
            ...remoteOptions(remoteOptionsOf(values)),
            refresh: true,
          })
        ).jwks,
      )
    : await keyText(source, io)
  const { alg, kid, encoding, tag: tags } = values
  const summaries = await call(ctx, 'keys.import', {
    name,
    text,
    ...(alg === undefined ? {} : { alg }),
    ...(values.use === undefined ? {} : { use: values.use }),
    ...(kid === undefined ? {} : { kid }),
    ...(values.all ? { all: true } : {}),
    ...(encoding === undefined ? {} : { secretEncoding: encoding }),
    ...(tags.length > 0 ? { tags } : {}),
  })
  for (const s of summaries) out(io, describe(s))
  const c = colorsFor(io.stderr, io.env)
  for (const warning of new Set(summaries.flatMap((s) => s.warnings ?? []))) {
    io.stderr.write(`${c.yellow('warning')}: ${warning}\n`)
  }
  return EXIT.ok
}

export const exportKey: Runner<typeof keysExportOptions> = async (
  { values, positionals, path },
  io,
) => {
  const name = positionals[0]!
  const format = values.format ?? 'pem'
  const ctx = cliContext(io)
  if (values.private) {
    out(io, await call(ctx, 'keys.exportPrivate', name, format))
    return EXIT.ok
  }
  if (format === 'base64' || format === 'hex') {
    throw new UsageError('--format base64 and hex are for --private (an HMAC secret)', path)
  }
  out(io, await call(ctx, 'keys.exportPublic', name, format))
  return EXIT.ok
}

export const rotate: Runner<NoOptions> = async ({ positionals }, io) => {
  const summary = await call(cliContext(io), 'keys.rotate', positionals[0]!)
  const retiring = summary.versions.filter((v) => v.status === 'retiring').map((v) => v.kid)
  out(io, `${describe(summary)}\nretiring: ${retiring.join(', ')}`)
  return EXIT.ok
}

export const setKid: Runner<NoOptions> = async ({ positionals }, io) => {
  const [name, kid] = positionals as [string, string]
  out(io, describe(await call(cliContext(io), 'keys.setKid', name, kid)))
  return EXIT.ok
}

export const tag: Runner<NoOptions> = async ({ positionals, path }, io) => {
  const [name, ...given] = positionals as [string, ...string[]]
  // `none` alone clears the tags (as the help says); next to other tags it is a mistake.
  if (given.includes('none') && given.length > 1) {
    throw new UsageError('"none" clears the tags: give it alone', path)
  }
  const tags = given.length === 1 && given[0] === 'none' ? [] : given
  const summary = await call(cliContext(io), 'keys.setTags', name, tags)
  out(io, `${summary.name}: ${summary.tags.length > 0 ? summary.tags.join(', ') : 'no tags'}`)
  return EXIT.ok
}

export const remove: Runner<typeof keysDeleteOptions> = async ({ values, positionals }, io) => {
  const name = positionals[0]!
  const retiring = values.retiring
  await call(cliContext(io), 'keys.delete', name, { retiringOnly: retiring })
  out(io, retiring ? `deleted the retiring versions of ${name}` : `deleted ${name}`)
  return EXIT.ok
}

export const recover: Runner<typeof keysRecoverOptions> = async (
  { values, positionals, path },
  io,
) => {
  const { restore, delete: del } = values
  if (restore && del) throw new UsageError('--restore and --delete exclude each other', path)
  const ctx = cliContext(io)
  const orphans = await call(ctx, 'keys.orphans')
  const action = restore ? 'restore' : del ? 'delete' : undefined
  if (action === undefined) {
    if (positionals.length > 0 || values.all) {
      throw new UsageError('keys recover takes accounts only with --restore or --delete', path)
    }
    if (values.json) printJson(io, orphans)
    else out(io, formatOrphans(orphans))
    return EXIT.ok
  }
  const accounts = values.all ? orphans.map((o) => o.account) : positionals
  if (accounts.length === 0)
    throw new UsageError(`keys recover --${action} needs ACCOUNT... or --all`, path)
  const result = await call(ctx, 'keys.recover', { action, accounts })
  if (values.json) printJson(io, result)
  else {
    for (const r of result.restored) out(io, `restored ${r.kind} "${r.name}" from ${r.account}`)
    for (const d of result.deleted) out(io, `deleted ${d}`)
  }
  return EXIT.ok
}

/** Key text from a file or stdin; bytes that are not UTF-8 (a raw HMAC secret) as hex:. */
async function keyText(path: string, io: CliIo): Promise<string> {
  const bytes = await readBytes(path, io, LIMITS.keyText, 'key file')
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return `hex:${bytes.toString('hex')}`
  }
}

function wholeNumber(text: string | undefined, flag: string, path: string[]): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text))
    throw new UsageError(`--${flag} expects a whole number, got "${text.slice(0, 20)}"`, path)
  return Number(text)
}

function describe(s: KeySummary): string {
  const flags = [s.verifyOnly ? 'verify-only' : '', s.secret === 'missing' ? 'MISSING SECRET' : '']
  return [s.name, s.alg, `use=${s.use}`, s.detail, `kid=${s.kid}`, ...flags.filter(Boolean)].join(
    '  ',
  )
}

function formatKeyList(keys: KeySummary[], io: CliIo): string {
  if (keys.length === 0)
    return 'No stored keys. Create one with `jwtw keys generate NAME --alg ES256`.'
  const c = colorsFor(io.stdout, io.env)
  const rows = keys.map((k) => {
    const retiring = k.versions.filter((v) => v.status === 'retiring').length
    const state =
      k.secret === 'missing'
        ? c.red('missing secret')
        : k.verifyOnly
          ? 'verify-only'
          : retiring > 0
            ? `active +${retiring} retiring`
            : 'active'
    return [
      k.name,
      k.alg,
      k.use,
      k.detail,
      k.kid,
      state,
      k.createdAt.replace(/\.\d{3}Z$/, 'Z'),
      k.tags.join(','),
    ]
  })
  return table(['NAME', 'ALG', 'USE', 'KEY', 'KID', 'STATUS', 'CREATED', 'TAGS'], rows, c)
}

function formatOrphans(orphans: OrphanEntry[]): string {
  if (orphans.length === 0)
    return 'No orphaned keychain entries: every entry belongs to a stored key or credential.'
  const lines = orphans.map(
    (o) =>
      `${o.account}  ${o.kind}  ${o.detail}${o.restorable ? `  -> restores as "${o.name}"` : '  (delete only)'}`,
  )
  return `${orphans.length} keychain entr${orphans.length === 1 ? 'y' : 'ies'} no stored key or credential names:\n${lines.join('\n')}\nRestore with \`jwtw keys recover --restore ACCOUNT...\` (or --all), or delete with --delete.`
}
