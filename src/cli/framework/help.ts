/** Help text generated from the declarations: full help, the short usage after an error, the command list. */
import { optionsOf, type AnyCommand, type OptionSpec } from './spec'

const HELP_LINE: [string, string] = ['-h, --help', 'show this help']

/** "Usage: jwtw keys import NAME SOURCE [options]". */
export function usageLine(spec: AnyCommand, path: string[]): string {
  const words = ['jwtw', ...path]
  if (spec.subcommands) words.push('<command>')
  for (const p of spec.positionals ?? []) {
    const name = p.variadic ? `${p.name}...` : p.name
    words.push(p.optional || p.variadic ? `[${name}]` : name)
  }
  if (optionsOf(spec).length > 0) words.push('[options]')
  return `Usage: ${words.join(' ')}`
}

/** The short usage printed after a usage error. */
export function shortUsage(spec: AnyCommand, path: string[]): string {
  const more = path.length === 0 ? 'jwtw help' : `jwtw help ${path.join(' ')}`
  return `${usageLine(spec, path)}\nRun \`${more}\` for the options and examples.`
}

export function fullHelp(spec: AnyCommand, path: string[]): string {
  const parts = [
    usageLine(spec, path),
    '',
    spec.summary + (spec.details ? `\n\n${spec.details}` : ''),
  ]
  if (spec.subcommands) {
    parts.push('', 'Commands:', table(spec.subcommands.map((s) => [s.name, s.summary])))
  }
  parts.push('', 'Options:', table([...optionsOf(spec).map(optionRow), HELP_LINE]))
  if (spec.exitCodes) {
    parts.push(
      '',
      'Exit codes:',
      table(Object.entries(spec.exitCodes).map(([code, meaning]) => [code, meaning])),
    )
  }
  if (spec.examples && spec.examples.length > 0) {
    parts.push('', 'Examples:', spec.examples.map((e) => `  ${e}`).join('\n'))
  }
  return parts.join('\n')
}

function optionRow([long, o]: [string, OptionSpec]): [string, string] {
  const names = [long, ...(o.aliases ?? [])].map((n) => `--${n}`).join(', ')
  const name = `${o.short ? `-${o.short}, ` : ''}${names}${o.kind === 'flag' ? '' : ` ${o.value ?? 'VALUE'}`}`
  const choices = o.kind === 'flag' ? undefined : o.choices
  const extra = [
    choices ? `one of ${choices.join(', ')}` : '',
    o.kind === 'list' ? 'repeatable' : '',
  ]
    .filter(Boolean)
    .join('; ')
  return [name, extra ? `${o.description} (${extra})` : o.description]
}

function table(rows: Array<[string, string]>): string {
  const width = Math.min(32, Math.max(...rows.map(([a]) => a.length)))
  return rows
    .map(([a, b]) =>
      a.length > width ? `  ${a}\n  ${' '.repeat(width)}  ${b}` : `  ${a.padEnd(width)}  ${b}`,
    )
    .join('\n')
}
