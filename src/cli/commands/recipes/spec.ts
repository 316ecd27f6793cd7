/** `jwtw recipes ...` declared: custom token endpoints (jwtw token --recipe NAME runs one). */
import { command, exitCodes, flag, list, text } from '../../framework/spec'
import { jsonOption } from '../../options'

const load = () => import('./run')

export const recipesAddOptions = {
  url: text('URL', 'the endpoint (https, or http to this machine)'),
  method: text('METHOD', 'GET, POST or PUT (default POST)', {
    choices: ['GET', 'POST', 'PUT'] as const,
  }),
  header: list(
    'NAME: VALUE',
    'a header to send (never Cookie or Authorization: see --cookie-credential)',
  ),
  'cookie-credential': text(
    'NAME',
    'send this saved credential as the Cookie header (jwtw creds set NAME)',
  ),
  body: text('TEXT', 'the request body (JSON unless a Content-Type header says otherwise)'),
  'token-json': text(
    'PATH',
    'the token is this member of the JSON answer (access_token, data.token)',
  ),
  'token-header': text('NAME', 'the token is this response header'),
  'token-body': flag('the token is the whole body'),
  'accept-status': list(
    'CODE',
    'also read the answer of this status (SpacetimeDB answers 400 with its token)',
  ),
  replace: flag('replace a recipe of the same name'),
} as const

export const recipesAddSpec = command({
  name: 'add',
  summary: 'add a custom token endpoint: request, and where the token is in the answer',
  positionals: [{ name: 'NAME' }],
  options: recipesAddOptions,
  exitCodes: exitCodes('saved', 'refused'),
  examples: [
    'jwtw recipes add orders-session --url https://orders.example.com/token --cookie-credential orders-jsessionid --token-json access_token',
    'jwtw recipes add spacetime-local --url http://127.0.0.1:3000/v1/identity --token-header spacetime-identity-token --accept-status 400',
  ],
  load: () => load().then((m) => m.add),
})

export const recipesListSpec = command({
  name: 'list',
  summary: 'list the custom token endpoints',
  options: { ...jsonOption },
  exitCodes: exitCodes('listed', 'never'),
  load: () => load().then((m) => m.list),
})

export const recipesRemoveSpec = command({
  name: 'remove',
  summary: 'remove a custom token endpoint',
  positionals: [{ name: 'NAME' }],
  exitCodes: exitCodes('removed', 'no such recipe'),
  load: () => load().then((m) => m.remove),
})

export const recipesSpec = command({
  name: 'recipes',
  summary: 'custom token endpoints: a session cookie in, a token out (jwtw token --recipe NAME)',
  subcommands: [recipesAddSpec, recipesListSpec, recipesRemoveSpec],
})
