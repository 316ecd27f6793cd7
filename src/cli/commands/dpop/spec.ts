/** `jwtw dpop` declared: a DPoP proof for one request, signed by a stored key. */
import { command, exitCodes, text } from '../../framework/spec'
import { jsonOption } from '../../options'

export const dpopOptions = {
  key: text('NAME', 'the stored key the proof is signed with (ES256, RS256, EdDSA ...)'),
  method: text('METHOD', 'the HTTP method of the request (default GET)'),
  url: text('URL', 'the URL of the request (query and fragment are left out of htu)'),
  'access-token-file': text(
    'FILE',
    'the access token sent with the request, for ath (- for stdin)',
    {
      complete: 'file',
    },
  ),
  nonce: text('NONCE', 'the nonce the server sent (DPoP-Nonce)'),
  ...jsonOption,
} as const

export const dpopSpec = command({
  name: 'dpop',
  summary: 'print a DPoP proof (RFC 9449) for one request, for use with curl',
  details:
    'The proof carries the public key of --key, htm, htu, iat, a fresh jti, and ath when the access token is given. It is valid for one request.',
  options: dpopOptions,
  exitCodes: exitCodes('printed', 'no such key, or the key cannot sign a proof'),
  examples: [
    'curl -H "Authorization: DPoP $AT" -H "DPoP: $(jwtw dpop --key api-dpop --url https://api.example.com/orders --access-token-file at.txt)" https://api.example.com/orders',
  ],
  load: () => import('./run').then((m) => m.run),
})
