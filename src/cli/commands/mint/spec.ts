/** `jwtw mint` declared. */
import { TEMPLATE_NAMES } from '../../../shared/templates'
import { command, exitCodes, flag, list, text } from '../../framework/spec'
import { keyOptions, signAlgOption } from '../../options'

export const mintOptions = {
  ...keyOptions,
  ...signAlgOption,
  sub: text('S', 'subject', { aliases: ['subject'] }),
  iss: text('S', 'issuer'),
  aud: list('S', 'audience'),
  'expires-in': text(
    'DUR|TIME|none',
    'lifetime (30s, 15m, 24h, 7d), an ISO time, or none (default 15m)',
  ),
  'not-before': text('DUR|TIME', 'not valid before'),
  claim: list('NAME=VALUE', 'a claim; VALUE is JSON when it parses, else a string'),
  claims: text('JSON|@FILE', 'claims as a JSON object, or read from FILE (@- for stdin)'),
  header: list('NAME=VALUE', 'a protected header member'),
  kid: text('KID', "header kid (default: the key's kid or its RFC 7638 thumbprint)"),
  'no-kid': flag('leave kid out of the header'),
  jti: flag('add a random jti'),
  'no-iat': flag('leave out iat'),
  template: text('NAME', 'start from a template (jwtw templates)', { choices: TEMPLATE_NAMES }),
  strict: flag('refuse weak secrets (ERR_WEAK_SECRET) instead of warning'),
  'allow-expired': flag('allow exp before iat (an already expired token, for negative tests)'),
  unsecured: flag('alg "none", unsigned: for negative tests only'),
} as const

export const mintSpec = command({
  name: 'mint',
  summary: 'sign a JWT (HS*, RS*, PS*, ES*, EdDSA) and print it',
  details: `Prints only the token. Without a key option the secret comes from JWT_SECRET_KEY. Without
--expires-in or a template, the token expires in 15 minutes. With a stored key or a key file the key
decides the algorithm, unless --alg says otherwise. A header member given with --header is minted
as given (typ at+jwt stays at+jwt).`,
  options: mintOptions,
  exitCodes: exitCodes('the token was printed', 'the key cannot sign, or a configuration problem'),
  examples: [
    'jwtw mint --secret-file secret.txt --sub alice --aud api --expires-in 15m --claim role=admin --jti',
    'jwtw mint --key-file private.pem --template oidc-user-profile',
    'jwtw mint --key prod-signing --claims @claims.json --header typ=at+jwt',
  ],
  load: () => import('./run').then((m) => m.run),
})
