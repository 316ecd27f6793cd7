/**
 * argv -> a declared command's values and positionals, over node:util parseArgs (built in, so
 * parsing costs no start-up time). Every mistake is a UsageError with one clear line: an unknown
 * flag with the closest declared one, a missing value, a value outside the allowed ones, an
 * option written after `--`, a wrong number of arguments.
 */
import { parseArgs } from 'node:util'
import { optionsOf, type AnyCommand, type OptionSpec, type Parsed } from './spec'
import { HelpRequested, UsageError } from './usage-error'

const HELP: [string, OptionSpec] = [
  'help',
  { kind: 'flag', short: 'h', description: 'show this help' },
]

/** An option declaration with its name. */
interface Named {
  name: string
  spec: OptionSpec
}

export function parseCommand(argv: string[], spec: AnyCommand, path: string[]): Parsed {
  const declared: Named[] = [...optionsOf(spec), HELP].map(([name, o]) => ({ name, spec: o }))
  const byName = new Map(
    declared.flatMap((o) => [o.name, ...(o.spec.aliases ?? [])].map((n) => [n, o] as const)),
  )
  const byShort = new Map(declared.filter((o) => o.spec.short).map((o) => [o.spec.short!, o]))
  const config = Object.fromEntries(
    [...byName].map(([name, o]) => [
      name,
      {
        type: o.spec.kind === 'flag' ? ('boolean' as const) : ('string' as const),
        ...(o.spec.short && name === o.name ? { short: o.spec.short } : {}),
        multiple: true,
      },
    ]),
  )
  let result
  try {
    result = parseArgs({
      args: argv,
      options: config,
      strict: false,
      allowPositionals: true,
      tokens: true,
    })
  } catch (error) {
    throw new UsageError((error as Error).message, path)
  }
  let terminated = false
  for (const token of result.tokens) {
    if (token.kind === 'option-terminator') {
      terminated = true
      continue
    }
    if (token.kind === 'positional') {
      if (terminated && /^--?[A-Za-z]/.test(token.value)) {
        const name = token.value.replace(/^--?/, '').split('=')[0]!
        const option = byName.get(name) ?? byShort.get(name)
        if (option) {
          throw new UsageError(
            `${token.value} comes after "--", which ends the options: it would be read as an argument. Put --${option.name} before "--"`,
            path,
          )
        }
      }
      continue
    }
    const named = byName.get(token.name) ?? byShort.get(token.name)
    if (!named) {
      const whole = argv[token.index] ?? token.rawName
      throw new UsageError(unknownOption(token.rawName, whole, declared, spec), path)
    }
    const option = named.spec
    if (option.kind !== 'flag' && token.value === undefined) {
      throw new UsageError(
        `${token.rawName} needs a value${option.value ? ` (${option.value})` : ''}`,
        path,
      )
    }
    if (option.kind === 'flag' && token.inlineValue) {
      throw new UsageError(`${token.rawName} takes no value`, path)
    }
    if (
      option.kind !== 'flag' &&
      option.choices &&
      typeof token.value === 'string' &&
      !option.choices.includes(token.value)
    ) {
      throw new UsageError(
        `${token.rawName} must be one of ${option.choices.join(', ')}, not "${token.value.slice(0, 40)}"${suggest(token.value, option.choices, '')}`,
        path,
      )
    }
  }
  const raw = result.values as Record<string, Array<string | boolean> | undefined>
  if (raw['help'] !== undefined) throw new HelpRequested(path)
  // Every option gets its typed value: a flag true or false, a list every value given (aliases
  // included, in order), a text option the last value given or undefined.
  const values: Record<string, boolean | string | string[] | undefined> = {}
  for (const { name, spec: o } of declared) {
    if (name === 'help') continue
    const given = [name, ...(o.aliases ?? [])].flatMap((n) => raw[n] ?? [])
    values[name] =
      o.kind === 'flag'
        ? given.length > 0
        : o.kind === 'list'
          ? (given as string[])
          : (given[given.length - 1] as string | undefined)
  }
  const positionals = result.positionals
  checkPositionals(positionals, spec, path)
  return { path, values, positionals }
}

function checkPositionals(positionals: string[], spec: AnyCommand, path: string[]): void {
  const declared = spec.positionals ?? []
  const min = declared.filter((p) => !p.optional && !p.variadic).length
  const variadic = declared.some((p) => p.variadic)
  const names = declared.map((p) => p.name).join(' ')
  if (positionals.length < min) {
    throw new UsageError(`${['jwtw', ...path].join(' ')} expects ${names || 'no arguments'}`, path)
  }
  if (!variadic && positionals.length > declared.length) {
    const extra = positionals[declared.length]!
    throw new UsageError(
      declared.length === 0
        ? `${['jwtw', ...path].join(' ')} takes no arguments, got "${extra.slice(0, 40)}"`
        : `unexpected argument "${extra.slice(0, 40)}" (expected ${names}; quote text that has spaces)`,
      path,
    )
  }
  for (const [i, p] of declared.entries()) {
    const value = positionals[i]
    if (p.choices && value !== undefined && !p.choices.includes(value)) {
      throw new UsageError(
        `${p.name} must be one of ${p.choices.join(', ')}, not "${value.slice(0, 40)}"${suggest(value, p.choices, '')}`,
        path,
      )
    }
  }
}

/**
 * One line for an unknown option, with the closest declared name. A long "option", or a
 * cluster of short ones (-A1b2...), is likely a value that starts with "-" (a random secret
 * does, one time in 64): it is never echoed.
 */
function unknownOption(raw: string, whole: string, declared: Named[], spec: AnyCommand): string {
  const names = declared.flatMap((o) => [o.name, ...(o.spec.aliases ?? [])])
  const given = raw.replace(/^--?/, '').split('=')[0]!
  const hint =
    (spec.positionals ?? []).length > 0
      ? `; an argument that starts with "-" goes after '--' (jwtw ${spec.name} ... -- VALUE)`
      : ''
  const cluster = !whole.startsWith('--') && whole.length > 2
  if (given.length > 24 || cluster)
    return `unknown option (${whole.length} characters, not shown) for "${spec.name}"${hint}`
  return `unknown option ${raw.split('=')[0]} for "${spec.name}"${suggest(given, names, '--') || hint}`
}

/** "; did you mean --x?" for the closest name, when one is close enough. */
export function suggest(given: string, names: readonly string[], prefix: string): string {
  let best: string | undefined
  let bestDistance = Infinity
  for (const name of names) {
    const d = distance(given.toLowerCase(), name.toLowerCase())
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  const close =
    best !== undefined &&
    (bestDistance <= Math.max(1, Math.floor(best.length / 3)) ||
      best.startsWith(given) ||
      given.startsWith(best))
  return close ? `; did you mean ${prefix}${best}?` : ''
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}
