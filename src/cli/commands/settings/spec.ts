/** `jwtw settings ...` declared. */
import { command, exitCodes } from '../../framework/spec'
import { jsonOption } from '../../options'

const load = () => import('./run')

/** The settings `jwtw settings set` knows (their meaning: run.ts). */
export const SETTING_NAMES = [
  'jwks.ca',
  'jwks.timeout',
  'jwks.max-stale',
  'jwks.allow-redirects',
] as const

export const settingsShowOptions = { ...jsonOption } as const

export const settingsShowSpec = command({
  name: 'show',
  summary: 'print the settings',
  options: settingsShowOptions,
  exitCodes: exitCodes('printed', 'never'),
  load: () => load().then((m) => m.show),
})

export const settingsSetSpec = command({
  name: 'set',
  summary:
    'set one (jwks.ca FILE, jwks.timeout DUR, jwks.max-stale DUR, jwks.allow-redirects true|false)',
  details:
    'jwks.ca is checked when set: the file must exist and hold PEM certificates; its absolute path is stored.',
  positionals: [{ name: 'NAME', choices: SETTING_NAMES }, { name: 'VALUE' }],
  exitCodes: exitCodes(
    'set',
    'the value is unusable (a CA file that cannot be read), or the settings file cannot be written',
  ),
  load: () => load().then((m) => m.set),
})

export const settingsUnsetSpec = command({
  name: 'unset',
  summary: 'back to the default',
  positionals: [{ name: 'NAME', choices: SETTING_NAMES }],
  exitCodes: exitCodes('unset', 'the settings file cannot be written'),
  load: () => load().then((m) => m.unset),
})

export const settingsSpec = command({
  name: 'settings',
  summary: 'how remote keys are fetched: a CA file, the timeout, the stale bound, redirects',
  subcommands: [settingsShowSpec, settingsSetSpec, settingsUnsetSpec],
})
