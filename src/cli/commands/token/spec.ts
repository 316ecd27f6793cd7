/** `jwtw token` declared: get a token from an identity provider through a client profile. */
import { GRANTS, TOKEN_TYPE_IDS } from '../../../shared/oauth-names'
import { command, exitCodes, flag, text } from '../../framework/spec'
import { jsonOption } from '../../options'

export const PRINT_CHOICES = ['access_token', 'id_token', 'header', 'curl', 'env'] as const

export const tokenOptions = {
  recipe: text('NAME', 'run this custom token endpoint instead of a client profile (jwtw recipes)'),
  'cookie-file': text('FILE', "--recipe: the Cookie header's value for this run (- for stdin)", {
    complete: 'file',
  }),
  grant: text(
    'GRANT',
    'the grant to run (default: the saved token while fresh, else refresh, else code or client-credentials)',
    {
      choices: GRANTS,
    },
  ),
  scope: text('SCOPES', "scopes for this request (default: the profile's)"),
  audience: text('AUD', 'the audience parameter'),
  resource: text('URL', 'the resource indicator (RFC 8707)'),
  'subject-token-file': text('FILE', 'exchange: the token to exchange (- for stdin)', {
    complete: 'file',
  }),
  'subject-token-type': text('TYPE', 'exchange: what the subject token is (default access_token)', {
    choices: Object.keys(TOKEN_TYPE_IDS) as Array<keyof typeof TOKEN_TYPE_IDS>,
  }),
  'assertion-file': text('FILE', 'jwt-bearer: a ready assertion (- for stdin)', {
    complete: 'file',
  }),
  subject: text('SUB', "jwt-bearer: the subject of an assertion signed by the profile's key"),
  timeout: text('DUR', 'how long the code and device flows wait for you (default 5m)'),
  'no-save': flag('do not save the tokens as credentials'),
  'no-browser': flag('print the sign-in URL without opening the browser'),
  print: text(
    'WHAT',
    'print only this: the access token, the ID token, an Authorization header, a curl line or an env line',
    {
      choices: PRINT_CHOICES,
    },
  ),
  ...jsonOption,
} as const

export const tokenSpec = command({
  name: 'token',
  summary: 'get a token from an identity provider through a client profile',
  details: `Runs a grant through a profile of \`jwtw clients\`: code (PKCE S256, a one-shot listener on
127.0.0.1, the system browser), client-credentials, device (the code and URL are shown; polls at
the server's interval), refresh (the rotated refresh token replaces the old one), exchange
(RFC 8693) or jwt-bearer (RFC 7523). The ID token is verified against the issuer's published keys
(OpenID Connect Core §3.1.3.7); a JWT access token from the issuer is verified too. Tokens are
saved as credentials named after the profile (jwtw creds get PROFILE), the refresh token in the
keychain. Without --grant the saved access token is used while it has over a minute left, then
the refresh token. Ctrl+C stops a waiting flow and closes its listener.`,
  positionals: [{ name: 'PROFILE', optional: true }],
  options: tokenOptions,
  exitCodes: exitCodes(
    'a token was obtained (and its ID token verified)',
    'refused, failed, or the ID token did not verify',
  ),
  examples: [
    'jwtw token keycloak-dev --grant code',
    'jwtw token orders-backend --print header',
    'curl -H "$(jwtw token orders-backend --print header)" https://api.example.com/orders',
    'jwtw token tv --grant device',
    'jwtw token gateway --grant exchange --subject-token-file user-token.txt --audience orders-api',
    'jwtw token --recipe orders-session --cookie-file jsessionid.txt --print header',
  ],
  load: () => import('./run').then((m) => m.run),
})
