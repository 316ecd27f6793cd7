/** `jwtw clients ...` declared: OAuth client profiles (their secrets in the OS keychain). */
import { CLIENT_AUTH_METHODS } from '../../../shared/oauth-names'
import { command, exitCodes, flag, list, text } from '../../framework/spec'
import { jsonOption } from '../../options'

const load = () => import('./run')

export const clientsAddOptions = {
  issuer: text(
    'URL',
    'the issuer (its metadata is found by discovery; https, or http to this machine)',
  ),
  'client-id': text('ID', 'the client id registered at the provider'),
  auth: text(
    'METHOD',
    'how the client authenticates at the token endpoint (default: client_secret_basic, or none without a secret)',
    {
      choices: CLIENT_AUTH_METHODS,
    },
  ),
  'secret-file': text('FILE', 'the client secret (- for stdin; a no-echo prompt on a terminal)', {
    complete: 'file',
  }),
  'signing-key': text('NAME', 'private_key_jwt: the stored key that signs the client assertion'),
  'redirect-uri': text(
    'URL',
    'a loopback redirect URI (default http://127.0.0.1/callback, any free port)',
  ),
  scope: text('SCOPES', 'default scopes, space-separated'),
  audience: text('AUD', 'the audience parameter (Auth0, token exchange)'),
  resource: text('URL', 'the resource indicator (RFC 8707)'),
  param: list(
    'NAME=VALUE',
    'one more parameter for every request (prompt=consent, acr_values=...)',
  ),
  'dpop-key': text('NAME', 'bind the tokens to this stored key with DPoP (RFC 9449)'),
  par: flag('always push the authorization request (RFC 9126)'),
  introspect: flag('introspect opaque access tokens (RFC 7662)'),
  replace: flag('replace a profile of the same name'),
} as const

export const clientsAddSpec = command({
  name: 'add',
  summary: 'add a client profile: issuer, client, authentication, scopes',
  details:
    'The profile goes to the settings file; the client secret only to the OS keychain. A secret method (client_secret_basic, client_secret_post, client_secret_jwt) reads the secret from --secret-file, stdin or a no-echo prompt. private_key_jwt signs with --signing-key; register its public key with the provider (jwtw keys export NAME --format jwks).',
  positionals: [{ name: 'NAME' }],
  options: clientsAddOptions,
  exitCodes: exitCodes('saved', 'refused (a rule of the profile) or the keychain is unavailable'),
  examples: [
    'jwtw clients add keycloak-dev --issuer https://sso.example.com/realms/dev --client-id workbench --auth none --scope "openid email offline_access"',
    'jwtw clients add orders-backend --issuer https://login.example.com --client-id orders --secret-file secret.txt',
    'jwtw clients add gateway --issuer https://auth.example.com --client-id gw --auth private_key_jwt --signing-key gw-es256 --dpop-key gw-dpop',
  ],
  load: () => load().then((m) => m.add),
})

export const clientsListSpec = command({
  name: 'list',
  summary:
    'list client profiles: issuer, client, method, whether a secret and a refresh token are saved',
  options: { ...jsonOption },
  exitCodes: exitCodes('listed', 'the keychain is unavailable'),
  load: () => load().then((m) => m.list),
})

export const clientsShowSpec = command({
  name: 'show',
  summary: 'show one client profile (never its secret)',
  positionals: [{ name: 'NAME' }],
  options: { ...jsonOption },
  exitCodes: exitCodes('shown', 'no such profile'),
  load: () => load().then((m) => m.show),
})

export const clientsRemoveSpec = command({
  name: 'remove',
  summary: 'remove a client profile with its secret and refresh token',
  positionals: [{ name: 'NAME' }],
  exitCodes: exitCodes('removed', 'no such profile, or the keychain is unavailable'),
  load: () => load().then((m) => m.remove),
})

export const clientsSpec = command({
  name: 'clients',
  summary: 'OAuth client profiles for getting tokens (jwtw token)',
  subcommands: [clientsAddSpec, clientsListSpec, clientsShowSpec, clientsRemoveSpec],
})
