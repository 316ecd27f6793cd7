/** `jwtw verify` declared. */
import { command, exitCodes, flag, list, text } from '../../framework/spec'
import { VERIFY_PROFILES } from '../../../shared/verify-profiles'
import {
  allowedAlgsOption,
  fetchOptions,
  jsonOption,
  keyOptions,
  remoteKeyOptions,
  tokenFileOption,
} from '../../options'

export const verifyOptions = {
  ...tokenFileOption,
  ...keyOptions,
  ...remoteKeyOptions,
  ...fetchOptions,
  ...allowedAlgsOption,
  iss: text('S', 'expected issuer'),
  aud: list('S', 'expected audience'),
  sub: text('S', 'expected subject', { aliases: ['subject'] }),
  require: list(
    'NAME[=VALUE]',
    'a claim that must be present (and hold VALUE): a name, a dotted path (realm_access.roles=admin) or a JSON pointer; an array or a scope string holds VALUE as a member; A|B means either',
  ),
  scope: list('S', 'a scope the token must grant (scope or scp, string or array)'),
  role: list(
    'R',
    'a role or group the token must carry (roles, groups, realm_access.roles, cognito:groups, permissions, wids)',
  ),
  'clock-tolerance': text('DUR', 'leeway for exp, nbf and iat, e.g. 30s'),
  at: text('TIME', 'verify as of TIME (ISO 8601 or epoch seconds)'),
  'max-age': text('DUR', 'maximum age since iat'),
  typ: text('TYP', 'expected header typ (at+jwt for RFC 9068 access tokens)'),
  kid: text('KID', 'pick this key from a key set'),
  jws: flag('verify a JWS whose payload need not be a JWT claims set'),
  'allow-null-exp': flag('accept exp: null as "never expires" (SpacetimeDB identity tokens)'),
  profile: text(
    'P',
    'check a profile: access (RFC 9068), id (OIDC ID token), logout (back-channel logout), dpop (RFC 9449 proof), auto (from typ)',
    { choices: VERIFY_PROFILES },
  ),
  nonce: text('N', 'ID token: the nonce sent with the authorization request'),
  'access-token-file': text('FILE', 'the access token issued with it: at_hash (id) or ath (dpop)', {
    complete: 'file',
  }),
  code: text('CODE', 'ID token: the authorization code, for c_hash'),
  htm: text('METHOD', 'DPoP proof: the request method (GET, POST, ...)'),
  htu: text('URL', 'DPoP proof: the request URL'),
  all: flag('verify every token found in the text'),
  ...jsonOption,
} as const

export const verifySpec = command({
  name: 'verify',
  summary: 'verify a JWT and explain every check',
  details: `The token is the argument, the file named by --file, or stdin (- or nothing): exactly one compact
token, with surrounding whitespace and one "Bearer " prefix allowed and nothing else (a character
glued to it fails the encoding check). An argument is never read as a file name. With --all, every
token found in the text is verified.
Keys: --secret-file, a stored key, a key file (PEM, JWK or JWKS), a JWKS URL, or an issuer's keys by
discovery. With no key option, JWT_SECRET_KEY is used when set, else the keys of the token's issuer
when it is trusted (jwtw issuers add); a DPoP proof (--profile dpop) is verified with its own jwk.
--profile adds the profile's rules as checks: access (typ at+jwt, client_id, jti, ...), id (azp,
--nonce, at_hash with --access-token-file, c_hash with --code), logout (the logout event, sub or
sid, no nonce), dpop (public jwk, htm/htu with --htm/--htu, iat window, ath), auto (from typ).`,
  positionals: [{ name: 'TOKEN|-', optional: true }],
  options: verifyOptions,
  exitCodes: exitCodes(
    'valid (with --all: every token is valid)',
    'invalid (the first failing code on stderr), not a token (ERR_JWT_MALFORMED), or the key cannot be used',
  ),
  examples: [
    'jwtw verify "$TOKEN" --issuer https://auth.example.com --aud api',
    'jwtw verify --file token.txt --jwks https://auth.example.com/api/auth/jwks --require role=admin',
    'jwtw verify "$TOKEN" --issuer https://sso.example.com/realms/shop --role admin --scope read:orders',
    'printf %s "$AUTHORIZATION" | jwtw verify --secret-file secret.txt --json',
    'jwtw verify "$ACCESS_TOKEN" --issuer https://dev-k7x2m9q4.eu.auth0.com/ --aud api --profile access',
    'jwtw verify "$DPOP" --profile dpop --htm POST --htu https://api.example.com/orders',
  ],
  load: () => import('./run').then((m) => m.run),
})
