/** `jwtw keys ...`: stored keys (material in the OS keychain, metadata in the settings file). */
import type { PrivateExportFormat } from '../../shared/stored-key-schemas'
import type { KeySummary, OrphanEntry } from '../../shared/stored-key-types'
import { remoteOptions } from '../../main/core/keys/key-source'
import { cliContext } from '../context'
import { call } from '../contract'
import { EXIT, flagOf, listOf, stringOf, type Parsed, type Runner } from '../framework/spec'
import { UsageError } from '../framework/usage-error'
import { openInput } from '../input'
import type { CliIo } from '../io'
import { remoteOptionsOf } from '../key-options'
import { colorsFor, printJson, table } from '../output'
import { LIMITS, tooLarge } from '../../shared/limits'
import { WorkbenchError } from '../../shared/errors'

const out = (io: CliIo, text: string) =>
  void io.stdout.write(text.endsWith('\n') ? text : `${text}\n`)

export const list: Runner = async (parsed, io) => {
  const keys = await call(cliContext(io), 'keys.list')
  if (flagOf(parsed, 'json')) printJson(io, keys)
  else out(io, formatKeyList(keys, io))
  return EXIT.ok
}

export const generate: Runner = async (parsed, io) => {
  const alg = stringOf(parsed, 'alg')
  if (alg === undefined) throw new UsageError('keys generate needs --alg ALG', parsed.path)
  const bits = intOption(parsed, 'bits')
  const kid = stringOf(parsed, 'kid')
  const tags = listOf(parsed, 'tag')
  const summary = await call(cliContext(io), 'keys.generate', {
    name: parsed.positionals[0]!,
    alg: alg as KeySummary['alg'],
    ...(bits === undefined ? {} : { bits }),
    ...(kid === undefined ? {} : { kid }),
    ...(tags.length > 0 ? { tags } : {}),
  })
  out(io, describe(summary))
  return EXIT.ok
}

export const importKey: Runner = async (parsed, io) => {
  const [name, source] = parsed.positionals as [string, string]
  const ctx = cliContext(io)
  const text = /^https?:\/\//i.test(source)
    ? JSON.stringify(
        (
          await ctx.remote.fromJwksUri(source, {
            ...remoteOptions(remoteOptionsOf(parsed)),
            refresh: true,
          })
        ).jwks,
      )
    : await keyText(source, io)
  const alg = stringOf(parsed, 'alg')
  const kid = stringOf(parsed, 'kid')
  const encoding = stringOf(parsed, 'encoding')
  const tags = listOf(parsed, 'tag')
  const summaries = await call(ctx, 'keys.import', {
    name,
    text,
    ...(alg === undefined ? {} : { alg: alg as KeySummary['alg'] }),
    ...(kid === undefined ? {} : { kid }),
    ...(flagOf(parsed, 'all') ? { all: true } : {}),
    ...(encoding === undefined ? {} : { secretEncoding: encoding as 'text' }),
    ...(tags.length > 0 ? { tags } : {}),
  })
  for (const s of summaries) out(io, describe(s))
  const c = colorsFor(io.stderr, io.env)
  for (const warning of new Set(summaries.flatMap((s) => s.warnings ?? []))) {
    io.stderr.write(`${c.yellow('warning')}: ${warning}\n`)
  }
  return EXIT.ok
}

export const exportKey: Runner = async (parsed, io) => {
  const name = parsed.positionals[0]!
  const format = stringOf(parsed, 'format')
  const ctx = cliContext(io)
  if (flagOf(parsed, 'private')) {
    out(io, await call(ctx, 'keys.exportPrivate', name, (format ?? 'pem') as PrivateExportFormat))
    return EXIT.ok
  }
  if (format === 'base64' || format === 'hex') {
    throw new UsageError('--format base64 and hex are for --private (an HMAC secret)', parsed.path)
  }
  out(io, await call(ctx, 'keys.exportPublic', name, (format ?? 'pem') as 'pem'))
  return EXIT.ok
}

export const rotate: Runner = async (parsed, io) => {
  const summary = await call(cliContext(io), 'keys.rotate', parsed.positionals[0]!)
  const retiring = summary.versions.filter((v) => v.status === 'retiring').map((v) => v.kid)
  out(io, `${describe(summary)}\nretiring: ${retiring.join(', ')}`)
  return EXIT.ok
}

export const setKid: Runner = async (parsed, io) => {
  const [name, kid] = parsed.positionals as [string, string]
  out(io, describe(await call(cliContext(io), 'keys.setKid', name, kid)))
  return EXIT.ok
}

export const tag: Runner = async (parsed, io) => {
  const [name, ...tags] = parsed.positionals as [string, ...string[]]
  const summary = await call(cliContext(io), 'keys.setTags', name, tags)
  out(io, `${summary.name}: ${summary.tags.length > 0 ? summary.tags.join(', ') : 'no tags'}`)
  return EXIT.ok
}

export const remove: Runner = async (parsed, io) => {
  const name = parsed.positionals[0]!
  const retiring = flagOf(parsed, 'retiring')
  await call(cliContext(io), 'keys.delete', name, { retiringOnly: retiring })
  out(io, retiring ? `deleted the retiring versions of ${name}` : `deleted ${name}`)
  return EXIT.ok
}

export const recover: Runner = async (parsed, io) => {
  const restore = flagOf(parsed, 'restore')
  const del = flagOf(parsed, 'delete')
  if (restore && del) throw new UsageError('--restore and --delete exclude each other', parsed.path)
  const ctx = cliContext(io)
  const orphans = await call(ctx, 'keys.orphans')
  const action = restore ? 'restore' : del ? 'delete' : undefined
  if (action === undefined) {
    if (parsed.positionals.length > 0 || flagOf(parsed, 'all')) {
      throw new UsageError(
        'keys recover takes accounts only with --restore or --delete',
        parsed.path,
      )
    }
    if (flagOf(parsed, 'json')) printJson(io, orphans)
    else out(io, formatOrphans(orphans))
    return EXIT.ok
  }
  const accounts = flagOf(parsed, 'all') ? orphans.map((o) => o.account) : parsed.positionals
  if (accounts.length === 0)
    throw new UsageError(`keys recover --${action} needs ACCOUNT... or --all`, parsed.path)
  const result = await call(ctx, 'keys.recover', { action, accounts })
  if (flagOf(parsed, 'json')) printJson(io, result)
  else {
    for (const r of result.restored) out(io, `restored ${r.kind} "${r.name}" from ${r.account}`)
    for (const d of result.deleted) out(io, `deleted ${d}`)
  }
  return EXIT.ok
}

/** Key text from a file or stdin; bytes that are not UTF-8 (a raw HMAC secret) as hex:. */
async function keyText(path: string, io: CliIo): Promise<string> {
  const stream = await openInput(path, io)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += buffer.length
    if (size <= LIMITS.keyText) chunks.push(buffer)
  }
  const label = path === '-' ? 'The key on stdin' : `The key file ${path}`
  if (size > LIMITS.keyText)
    throw new WorkbenchError('ERR_INPUT_TOO_LARGE', tooLarge(label, size, LIMITS.keyText))
  const bytes = Buffer.concat(chunks)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return `hex:${bytes.toString('hex')}`
  }
}

function intOption(parsed: Parsed, flag: string): number | undefined {
  const text = stringOf(parsed, flag)
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text))
    throw new UsageError(
      `--${flag} expects a whole number, got "${text.slice(0, 20)}"`,
      parsed.path,
    )
  return Number(text)
}

function describe(s: KeySummary): string {
  const flags = [s.verifyOnly ? 'verify-only' : '', s.secret === 'missing' ? 'MISSING SECRET' : '']
  return [s.name, s.alg, s.detail, `kid=${s.kid}`, ...flags.filter(Boolean)].join('  ')
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
      k.detail,
      k.kid,
      state,
      k.createdAt.replace(/\.\d{3}Z$/, 'Z'),
      k.tags.join(','),
    ]
  })
  return table(['NAME', 'ALG', 'KEY', 'KID', 'STATUS', 'CREATED', 'TAGS'], rows, c)
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
