/** `jwtw serve` declared. */
import { command, exitCodes, list, text } from '../../framework/spec'

export const serveOptions = {
  port: text('N', 'port (default 8787; 0 picks a free one)'),
  host: text('H', 'address to listen on (default 127.0.0.1)'),
  issuer: text('URL', 'the issuer to announce (default http://HOST:PORT)'),
  key: list('NAME', 'a stored key to publish (default every key that signs)'),
} as const

export const serveSpec = command({
  name: 'serve',
  summary: 'a local OIDC issuer serving the JWKS of stored keys',
  details:
    'Prints the issuer URL on the first line; runs until Ctrl+C. It listens on 127.0.0.1 unless --host says otherwise (0.0.0.0 lets every machine that can reach this one read the public keys; a warning says so).',
  options: serveOptions,
  exitCodes: exitCodes('stopped with Ctrl+C', 'the port is in use, or no such key'),
  load: () => import('./run').then((m) => m.run),
})
