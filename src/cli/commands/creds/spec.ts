/** `jwtw creds ...` declared. */
import { command, exitCodes, flag, text } from '../../framework/spec'
import { jsonOption } from '../../options'

const load = () => import('./run')

export const credsSetOptions = {
  host: text('H', 'the host it is for (jwtw creds get --host H finds it)'),
  note: text('TEXT', 'a note'),
  replace: flag('save over a credential of another kind (a token over a secret, or the reverse)'),
} as const

export const credsSetSpec = command({
  name: 'set',
  summary: 'save a value: typed at a prompt that does not echo, or piped on stdin',
  details:
    'The value is read from stdin (a no-echo prompt on a terminal). A VALUE argument also works, with a warning: it is visible in the process list.',
  positionals: [{ name: 'NAME' }, { name: 'VALUE|-', optional: true }],
  options: credsSetOptions,
  exitCodes: exitCodes('saved', 'the keychain is unavailable'),
  examples: ['jwtw creds set staging-admin --host api.staging.example.com < token.txt'],
  load: () => load().then((m) => m.set),
})

export const credsGetOptions = {
  host: text('H', 'the credential saved for this host'),
  header: flag('print "Authorization: Bearer <value>"'),
} as const

export const credsGetSpec = command({
  name: 'get',
  summary: 'print a saved value, by name or by host',
  positionals: [{ name: 'NAME', optional: true }],
  options: credsGetOptions,
  exitCodes: exitCodes('printed', 'no such credential, or the keychain is unavailable'),
  load: () => load().then((m) => m.get),
})

export const credsListOptions = { ...jsonOption } as const

export const credsListSpec = command({
  name: 'list',
  summary: 'list saved credentials; which are expired or expire within a day',
  options: credsListOptions,
  exitCodes: exitCodes('listed', 'the keychain is unavailable'),
  load: () => load().then((m) => m.list),
})

export const credsDeleteSpec = command({
  name: 'delete',
  summary: 'delete a saved credential',
  positionals: [{ name: 'NAME' }],
  exitCodes: exitCodes('deleted', 'no such credential, or the keychain is unavailable'),
  load: () => load().then((m) => m.remove),
})

export const credsSpec = command({
  name: 'creds',
  summary: 'saved tokens and secrets per environment or host (values in the OS keychain)',
  subcommands: [credsSetSpec, credsGetSpec, credsListSpec, credsDeleteSpec],
})
