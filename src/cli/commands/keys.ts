/** `jwtw keys`: stored keys (material in the OS keychain, metadata in the settings file). */
import { readFile } from 'node:fs/promises'
import { WorkbenchError } from '../../shared/errors'
import { LIMITS, tooLarge } from '../../shared/limits'
import type { KeySummary, OrphanEntry } from '../../shared/stored-key-types'
import { findOrphans, recoverOrphans } from '../../main/core/keys/key-recover'
import { parse } from '../args'
import { cliContext } from '../context'
import { readAllStdin } from '../stdin'
import { EXIT, type CliIo } from '../io'
import { colorsFor, UsageError } from '../output'
import { isJwsAlg, JWS_ALGS } from '../../shared/algorithms'
import { type PrivateExportFormat } from '../../shared/stored-key-schemas'

export const KEYS_USAGE = `Usage: jwtw keys <subcommand>

  jwtw keys list [--json]
  jwtw keys generate NAME --alg ALG [--bits N] [--kid KID] [--tag TAG]...
  jwtw keys import NAME FILE|- [--alg ALG] [--kid KID] [--all] [--encoding text|base64|hex] [--tag TAG]...
  jwtw keys export NAME [--format pem|jwk|jwks] [--private]
  jwtw keys rotate NAME
  jwtw keys set-kid NAME KID
  jwtw keys tag NAME [TAG]...
  jwtw keys delete NAME [--retiring]
  jwtw keys recover [--restore ACCOUNT... | --delete ACCOUNT... | --all] [--json]

Private keys and HMAC secrets live only in the OS keychain; the settings file holds metadata.
  --alg ALG        ${JWS_ALGS.join(', ')}
  --bits N         RSA: 2048 (default), 3072, 4096; HMAC: secret size in bits (default 512)
  --all            import every key of a JWKS (as NAME-1, NAME-2, ...); --kid picks one
  --encoding E     how a plain HMAC secret file is written (b64: and hex: prefixes work too)
  --private        export the private key or secret (it is printed: mind your terminal)
  --retiring       delete only the retiring versions left by rotate
keys tag replaces a key's tags (environment, team, ...); with no TAG it clears them.
keys recover lists keychain entries that no stored key names (after a lost or corrupt settings
file); --restore rebuilds their records (kid by thumbprint), --delete removes them, each for the
accounts listed, or with --all for every one of them.
Key names: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.`

export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      json: { type: 'boolean' },
      alg: { type: 'string' },
      bits: { type: 'string' },
      kid: { type: 'string' },
      tag: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      encoding: { type: 'string' },
      format: { type: 'string' },
      private: { type: 'boolean' },
      retiring: { type: 'boolean' },
      restore: { type: 'boolean' },
      delete: { type: 'boolean' },
    },
    KEYS_USAGE,
  )
  const [sub, ...rest] = positionals
  if (sub === undefined) throw new UsageError('no subcommand given', KEYS_USAGE)
  const arity = (n: number, what: string): string[] => {
    if (rest.length !== n) throw new UsageError(`keys ${sub} expects ${what}`, KEYS_USAGE)
    return rest
  }
  const alg = (): (typeof JWS_ALGS)[number] | undefined => {
    if (values.alg === undefined) return undefined
    if (!isJwsAlg(values.alg)) {
      throw new UsageError(`unknown algorithm "${values.alg.slice(0, 20)}"`, KEYS_USAGE)
    }
    return values.alg
  }
  const ctx = cliContext(io)
  const store = ctx.keys
  const out = (text: string) => void io.stdout.write(text.endsWith('\n') ? text : `${text}\n`)

  switch (sub) {
    case 'list': {
      arity(0, 'no arguments')
      const keys = await store.list()
      if (values.json) out(JSON.stringify(keys, null, 2))
      else out(formatKeyList(keys, io))
      return EXIT.ok
    }
    case 'generate': {
      const [name] = arity(1, 'NAME')
      const chosen = alg()
      if (chosen === undefined) throw new UsageError('keys generate needs --alg ALG', KEYS_USAGE)
      let bits: number | undefined
      if (values.bits !== undefined) {
        bits = Number(values.bits)
        if (!Number.isInteger(bits)) throw new UsageError('--bits expects a number', KEYS_USAGE)
      }
      const summary = await store.generate(name!, {
        alg: chosen,
        ...(bits === undefined ? {} : { bits }),
        ...(values.kid === undefined ? {} : { kid: values.kid }),
        ...(values.tag === undefined ? {} : { tags: values.tag }),
      })
      out(describe(summary))
      return EXIT.ok
    }
    case 'import': {
      const [name, file] = arity(2, 'NAME FILE (or - for stdin)')
      const encoding = values.encoding
      if (encoding !== undefined && !['text', 'base64', 'hex'].includes(encoding)) {
        throw new UsageError('--encoding is text, base64 or hex', KEYS_USAGE)
      }
      const input = file === '-' ? await readAllStdin(io) : await readKeyFile(file!)
      const chosen = alg()
      const summaries = await store.importKey(name!, input, {
        ...(chosen === undefined ? {} : { alg: chosen }),
        ...(values.kid === undefined ? {} : { kid: values.kid }),
        ...(values.all ? { all: true } : {}),
        ...(encoding === undefined ? {} : { secretEncoding: encoding as 'text' }),
        ...(values.tag === undefined ? {} : { tags: values.tag }),
      })
      for (const s of summaries) out(describe(s))
      warnAbout(summaries, io)
      return EXIT.ok
    }
    case 'export': {
      const [name] = arity(1, 'NAME')
      const format = values.format
      if (values.private) {
        if (format !== undefined && !['pem', 'jwk', 'jwks', 'base64', 'hex'].includes(format)) {
          throw new UsageError(
            '--format is pem, jwk, jwks (or base64, hex for a secret)',
            KEYS_USAGE,
          )
        }
        out(await store.exportPrivate(name!, format as PrivateExportFormat | undefined))
        return EXIT.ok
      }
      if (format !== undefined && !['pem', 'jwk', 'jwks'].includes(format)) {
        throw new UsageError('--format is pem, jwk or jwks', KEYS_USAGE)
      }
      out(await store.exportPublic(name!, (format ?? 'pem') as 'pem'))
      return EXIT.ok
    }
    case 'rotate': {
      const [name] = arity(1, 'NAME')
      const summary = await store.rotate(name!)
      const retiring = summary.versions.filter((v) => v.status === 'retiring').map((v) => v.kid)
      out(`${describe(summary)}\nretiring: ${retiring.join(', ')}`)
      return EXIT.ok
    }
    case 'set-kid': {
      const [name, kid] = arity(2, 'NAME KID')
      out(describe(await store.setKid(name!, kid!)))
      return EXIT.ok
    }
    case 'tag': {
      if (rest.length === 0) throw new UsageError('keys tag expects NAME [TAG]...', KEYS_USAGE)
      const [name, ...tags] = rest
      const summary = await store.setTags(name!, tags)
      out(`${summary.name}: ${summary.tags.length > 0 ? summary.tags.join(', ') : 'no tags'}`)
      return EXIT.ok
    }
    case 'delete': {
      const [name] = arity(1, 'NAME')
      await store.remove(name!, { retiringOnly: values.retiring === true })
      out(values.retiring ? `deleted the retiring versions of ${name}` : `deleted ${name}`)
      return EXIT.ok
    }
    case 'recover': {
      if (values.restore && values.delete) {
        throw new UsageError('--restore and --delete exclude each other', KEYS_USAGE)
      }
      const orphans = await findOrphans(ctx)
      const action = values.restore ? 'restore' : values.delete ? 'delete' : undefined
      if (action === undefined) {
        if (rest.length > 0 || values.all) {
          throw new UsageError(
            'keys recover takes accounts only with --restore or --delete',
            KEYS_USAGE,
          )
        }
        if (values.json) out(JSON.stringify(orphans, null, 2))
        else out(formatOrphans(orphans))
        return EXIT.ok
      }
      const accounts = values.all ? orphans.map((o) => o.account) : rest
      if (accounts.length === 0) {
        throw new UsageError(`keys recover --${action} needs ACCOUNT... or --all`, KEYS_USAGE)
      }
      const result = await recoverOrphans(ctx, ctx.keys, action, accounts)
      if (values.json) out(JSON.stringify(result, null, 2))
      for (const r of values.json ? [] : result.restored)
        out(`restored ${r.kind} "${r.name}" from ${r.account}`)
      for (const d of values.json ? [] : result.deleted) out(`deleted ${d}`)
      return EXIT.ok
    }
    default:
      throw new UsageError(`unknown subcommand "${sub.slice(0, 40)}"`, KEYS_USAGE)
  }
}

function warnAbout(summaries: KeySummary[], io: CliIo): void {
  const c = colorsFor(io.stderr, io.env)
  for (const warning of new Set(summaries.flatMap((s) => s.warnings ?? []))) {
    io.stderr.write(`${c.yellow('warning')}: ${warning}\n`)
  }
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
    return [k.name, k.alg, k.detail, k.kid, state, k.createdAt.slice(0, 10), k.tags.join(',')]
  })
  const head = ['NAME', 'ALG', 'KEY', 'KID', 'STATUS', 'CREATED', 'TAGS']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i]!).length)))
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell + ' '.repeat(widths[i]! - visible(cell).length))
      .join('  ')
      .trimEnd()
  return [c.bold(line(head)), ...rows.map(line)].join('\n')
}

function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[\d+m/g, '')
}

async function readKeyFile(path: string): Promise<Uint8Array> {
  let data: Buffer
  try {
    data = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new WorkbenchError('ERR_FILE_READ', `Cannot read the key file ${path} (${code}).`, {
      cause: error,
    })
  }
  if (data.length > LIMITS.keyText) {
    throw new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      tooLarge(`The key file ${path}`, data.length, LIMITS.keyText),
    )
  }
  return new Uint8Array(data)
}
