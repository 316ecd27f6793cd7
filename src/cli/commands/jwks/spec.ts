/** `jwtw jwks` declared. */
import { command, exitCodes, flag, text } from '../../framework/spec'
import { fetchOptions, jsonOption } from '../../options'

export const jwksOptions = {
  issuer: text('URL', 'the issuer whose keys to show (OIDC discovery)'),
  refresh: flag('ask the server even when the cached copy is fresh'),
  ...fetchOptions,
  ...jsonOption,
} as const

export const jwksSpec = command({
  name: 'jwks',
  summary: "show a JWK Set (a URL or an issuer's), its cache state and findings",
  details: `Shows every key (kid, type, alg, use, size or curve, RFC 7638 thumbprint, certificate), the cache
state (fetched when, fresh or stale, ETag), keys added and removed since the previous copy, and what
is wrong with the set. Only URLs you give are fetched; https, or http to this machine.`,
  positionals: [{ name: 'URL', optional: true }],
  options: jwksOptions,
  exitCodes: exitCodes(
    'shown (possibly from a stale copy, as said)',
    'the set cannot be fetched and no copy is usable',
  ),
  examples: [
    'jwtw jwks https://auth.example.com/api/auth/jwks',
    'jwtw jwks --issuer https://accounts.google.com --json',
  ],
  load: () => import('./run').then((m) => m.run),
})
