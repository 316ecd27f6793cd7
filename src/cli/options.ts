/**
 * Option groups several commands share, declared once: --json, the key options (a secret, a
 * stored key, a key file), the remote key sources (--jwks, --issuer), how remote keys are
 * fetched, the token input (--file) and --alg.
 */
import { JWS_ALGS } from '../shared/algorithms'
import { flag, list, text } from './framework/spec'

export const jsonOption = { json: flag('print JSON (see docs/json/)') } as const

/** Where a secret or private key comes from; the secret's value is best kept out of argv. */
export const keyOptions = {
  'secret-file': text(
    'FILE',
    'read the HMAC secret from FILE (- for stdin; a no-echo prompt on a terminal)',
    {
      complete: 'file',
    },
  ),
  key: text('NAME', 'a stored key (the OS keychain)'),
  'key-file': text('FILE', 'a PEM, JWK or JWKS file (- for stdin)', { complete: 'file' }),
  secret: text(
    'S',
    'HMAC secret (UTF-8; b64:... or hex:... for bytes); visible to other users in the process list: prefer --secret-file or JWT_SECRET_KEY',
  ),
} as const

/** Keys from the network: only URLs given here are ever fetched. */
export const remoteKeyOptions = {
  jwks: text('URL', 'verify with the keys of this JWKS URL'),
  issuer: text(
    'URL',
    "verify with this issuer's keys (OIDC discovery); the token's iss must be URL",
  ),
} as const

/** How remote keys are fetched, for this call. */
export const fetchOptions = {
  'insecure-http': flag('allow plain http to a host that is not this machine, for this call'),
  ca: text('FILE', 'trust the CA certificates in FILE (an internal identity provider)', {
    complete: 'file',
  }),
  timeout: text('DUR', 'give up on the server after DUR (default 5s)'),
  'max-stale': text(
    'DUR',
    'use a cached copy up to DUR old when the server is unreachable (default 7d)',
  ),
  'allow-redirects': flag('follow redirects (never to another scheme)'),
} as const

/** Token text read from files; the arguments are token text, never paths. */
export const fileOption = {
  file: list('PATH', 'read the text from PATH (- for stdin); repeatable', { complete: 'file' }),
} as const

/** One file holding the token. */
export const tokenFileOption = {
  file: text('PATH', 'read the token from PATH (- for stdin)', { complete: 'file' }),
} as const

export const algChoices = JWS_ALGS

/** --alg for signing (one algorithm). */
export const signAlgOption = {
  alg: text('ALG', 'algorithm', { aliases: ['algorithm'], choices: algChoices }),
} as const

/** --alg for verifying (the allowed algorithms). */
export const allowedAlgsOption = {
  alg: list('ALG', 'an allowed algorithm', { aliases: ['algorithm'], choices: algChoices }),
} as const
