/** `jwtw issuers ...` declared. */
import { command, exitCodes, flag, text } from '../../framework/spec'
import { jsonOption } from '../../options'

const load = () => import('./run')

export const issuersAddOptions = {
  name: text('N', 'a display name'),
  aud: text('A', 'the audience its tokens must have (when verify is given no --aud)'),
  'any-audience': flag("accept tokens for any of the issuer's clients (no audience check)"),
  'insecure-http': flag('allow a plain-http issuer that is not this machine'),
} as const

export const issuersAddSpec = command({
  name: 'add',
  summary: 'trust an issuer (its keys are found by discovery) for one audience',
  details:
    'A trusted issuer verifies tokens when no key option and no JWT_SECRET_KEY is given. Its tokens must be for --aud (or, for any of its clients, --any-audience): an identity provider issues tokens to many clients.',
  positionals: [{ name: 'URL' }],
  options: issuersAddOptions,
  exitCodes: exitCodes('trusted', 'the settings file cannot be written'),
  examples: ['jwtw issuers add https://login.example.com/realms/prod --aud orders-api'],
  load: () => load().then((m) => m.add),
})

export const issuersListOptions = { ...jsonOption } as const

export const issuersListSpec = command({
  name: 'list',
  summary: 'list the trusted issuers',
  options: issuersListOptions,
  exitCodes: exitCodes('listed', 'never'),
  load: () => load().then((m) => m.list),
})

export const issuersRemoveSpec = command({
  name: 'remove',
  summary: 'stop trusting an issuer',
  positionals: [{ name: 'URL' }],
  exitCodes: exitCodes('removed', 'not a trusted issuer'),
  load: () => load().then((m) => m.remove),
})

export const issuersSpec = command({
  name: 'issuers',
  summary: 'trusted issuers: tokens they issued verify with no key given',
  subcommands: [issuersAddSpec, issuersListSpec, issuersRemoveSpec],
})
