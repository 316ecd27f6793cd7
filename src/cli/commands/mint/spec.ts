/** `jwtw mint` declared. */
import { JWE_ENC_NAMES, JWE_KEY_ALG_NAMES } from '../../../shared/jwe-algorithms'
import { TEMPLATE_NAMES } from '../../../shared/templates'
import { command, exitCodes, flag, list, text } from '../../framework/spec'
import { fetchOptions, keyOptions, signAlgOption } from '../../options'

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
  profile: text<'access'>(
    'access',
    'an RFC 9068 access token: typ at+jwt, iat and jti filled in; iss, exp, aud, sub, client_id required',
    { choices: ['access'] },
  ),
  unsecured: flag('alg "none", unsigned: for negative tests only'),
  'encrypt-to': text(
    'NAME|@FILE',
    'encrypt to this stored encryption key, or to the public key in FILE (@FILE: PEM, JWK or JWKS)',
  ),
  'encrypt-jwks': text('URL', 'encrypt to the encryption key (use enc) this JWKS URL publishes'),
  'encrypt-issuer': text('URL', 'encrypt to the encryption key this issuer publishes (discovery)'),
  'encrypt-kid': text(
    'KID',
    'with --encrypt-jwks or --encrypt-issuer: the kid of the key to encrypt to',
  ),
  'encrypt-password-file': text(
    'FILE',
    'encrypt with a PBES2 password read from FILE (- for stdin)',
    {
      complete: 'file',
    },
  ),
  'encrypt-password-credential': text(
    'NAME',
    'encrypt with the PBES2 password saved as a credential (read from the keychain)',
  ),
  'encrypt-secret-file': text('FILE', 'encrypt with the raw symmetric key in FILE (A*KW, dir)', {
    complete: 'file',
  }),
  'key-alg': text('ALG', 'JWE key management algorithm (default: from the key)', {
    choices: JWE_KEY_ALG_NAMES,
  }),
  enc: text('ENC', 'JWE content encryption (default A256GCM)', { choices: JWE_ENC_NAMES }),
  ...fetchOptions,
} as const

export const mintSpec = command({
  name: 'mint',
  summary: 'sign a JWT (HS*, RS*, PS*, ES*, EdDSA) and print it',
  details: `Prints only the token. Without a key option the secret comes from JWT_SECRET_KEY. Without
--expires-in or a template, the token expires in 15 minutes. With a stored key or a key file the key
decides the algorithm, unless --alg says otherwise. A header member given with --header is minted
as given (typ at+jwt stays at+jwt).
Encrypting: with --encrypt-to (or --encrypt-password-file, --encrypt-secret-file) the signed token is
encrypted to the recipient (a nested JWT, cty JWT); with no signing key, the claims alone are
encrypted. Defaults: RSA-OAEP-256 for RSA, ECDH-ES+A256KW for EC and X25519, the stored key's own
alg, and A256GCM.`,
  options: mintOptions,
  exitCodes: exitCodes('the token was printed', 'the key cannot sign, or a configuration problem'),
  examples: [
    'jwtw mint --secret-file secret.txt --sub alice --aud api --expires-in 15m --claim role=admin --jti',
    'jwtw mint --key-file private.pem --template oidc-user-profile',
    'jwtw mint --key prod-signing --claims @claims.json --header typ=at+jwt',
    'jwtw mint --key prod-signing --sub alice --encrypt-to partner-enc',
    'jwtw mint --sub alice --encrypt-to @partner-public.jwk --key-alg ECDH-ES+A256KW --enc A256GCM',
    'jwtw mint --key prod-signing --sub alice --encrypt-jwks https://partner.example.com/jwks.json',
  ],
  load: () => import('./run').then((m) => m.run),
})
