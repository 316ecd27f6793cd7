/** `jwtw decrypt` declared. */
import { command, exitCodes, text } from '../../framework/spec'
import { fetchOptions, jsonOption, tokenFileOption } from '../../options'

export const decryptOptions = {
  ...tokenFileOption,
  key: text('NAME', 'decrypt with this stored encryption key (default: every stored one)'),
  'key-file': text('FILE', 'a private key: PEM, JWK or JWKS (- for stdin)', { complete: 'file' }),
  'secret-file': text('FILE', 'a raw symmetric key (A*KW, A*GCMKW, dir): bytes, b64:… or hex:…', {
    complete: 'file',
  }),
  'password-file': text(
    'FILE',
    'the PBES2 password (- for stdin; a no-echo prompt on a terminal)',
    {
      complete: 'file',
    },
  ),
  'password-credential': text(
    'NAME',
    'the PBES2 password saved as a credential (jwtw creds set NAME): read from the keychain',
  ),
  'verify-key': text('NAME', 'verify the nested signed token with this stored key'),
  'verify-key-file': text('FILE', 'verify the nested token with this PEM, JWK or JWKS', {
    complete: 'file',
  }),
  'verify-secret-file': text('FILE', 'verify the nested token with this HMAC secret', {
    complete: 'file',
  }),
  'verify-jwks': text('URL', 'verify the nested token with the keys of this JWKS URL'),
  'verify-issuer': text('URL', "verify the nested token with this issuer's keys (discovery)"),
  ...fetchOptions,
  ...jsonOption,
} as const

export const decryptSpec = command({
  name: 'decrypt',
  summary: 'decrypt a JWE (compact or JSON) and verify a nested signed token',
  details: `The token is the argument, the file named by --file, or stdin: a compact JWE (five segments) or
a flattened or general JSON JWE. Keys: a stored encryption key (by the token's kid when it names
one, else every stored encryption key that fits is tried), a key file, a raw symmetric key or a
PBES2 password; never the token's own headers. The plaintext is shown as claims (with times and
lint), as a nested signed token (decoded, and verified when a --verify-* key is given), as text,
or as hex. Every failure of the decryption itself is one ERR_JWE_DECRYPTION_FAILED, never which
step failed. RSA1_5 is refused (ERR_JWE_RSA1_5_REFUSED), a PBES2 count over 100,000 too
(ERR_JWE_PBES2_COUNT), and a compressed plaintext over 256 KiB (ERR_JWE_INFLATE_LIMIT).`,
  positionals: [{ name: 'TOKEN|-', optional: true }],
  options: decryptOptions,
  exitCodes: exitCodes(
    'decrypted (and, with a --verify-* key, the nested token is valid)',
    'not decrypted, refused, or the nested token is invalid',
  ),
  examples: [
    'jwtw decrypt "$ID_TOKEN" --key rp-encryption --verify-issuer https://login.example.com',
    'jwtw decrypt --file session.jwe --secret-file nextauth.key --json',
    'jwtw decrypt "$TOKEN" --password-file - ',
    'jwtw decrypt "$TOKEN" --password-credential partner-pbes2',
  ],
  load: () => import('./run').then((m) => m.run),
})
