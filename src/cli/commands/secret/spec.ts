/** `jwtw secret ...` declared. */
import { HMAC_ALGS } from '../../../shared/algorithms'
import { SECRET_ENCODINGS } from '../../../shared/secret-types'
import { command, exitCodes, flag, list, text } from '../../framework/spec'
import { jsonOption, tokenFileOption } from '../../options'

const load = () => import('./run')
const hmacAlg = (description: string) => text('ALG', description, { choices: HMAC_ALGS })

export const secretCheckOptions = {
  alg: hmacAlg('algorithm (default HS256)'),
  'warn-only': flag('exit 0 even when a rule fails (report only)'),
  ...jsonOption,
} as const

export const secretCheckSpec = command({
  name: 'check',
  summary: 'rate an HMAC secret (typed at a no-echo prompt, or on stdin); never printed',
  details:
    'The secret is read from stdin (- or nothing; a prompt that does not echo on a terminal). A SECRET argument also works, with a warning: it is visible in the process list; one that starts with "-" goes after "--".',
  positionals: [{ name: 'SECRET|-', optional: true }],
  options: secretCheckOptions,
  exitCodes: {
    0: 'every rule passed (or --warn-only)',
    1: 'a rule failed: the secret is weak or only acceptable',
    2: 'invalid arguments (the usage is printed on stderr)',
  },
  examples: ['printf %s "$JWT_SECRET_KEY" | jwtw secret check --alg HS512'],
  load: () => load().then((m) => m.check),
})

export const secretGenerateOptions = {
  bytes: text('N', 'size in bytes (16 to 1024; default 48)'),
  encoding: text('E', 'encoding (default base64url)', { choices: SECRET_ENCODINGS }),
  env: text('NAME', 'print NAME=secret for a .env file'),
  save: text('NAME', 'also store it in the keychain as an HS key'),
  alg: hmacAlg('algorithm of the saved key (default HS256)'),
} as const

export const secretGenerateSpec = command({
  name: 'generate',
  summary: 'print a cryptographically random secret (48 bytes, base64url)',
  options: secretGenerateOptions,
  exitCodes: exitCodes('printed', 'the key could not be saved'),
  load: () => load().then((m) => m.generate),
})

export const secretAuditOptions = {
  ...tokenFileOption,
  wordlist: list('FILE', 'a wordlist (one secret per line)', { complete: 'file' }),
  'no-builtin': flag('skip the built-in lists'),
  workers: text('N', 'worker threads (default: 2)'),
  ...jsonOption,
} as const

export const secretAuditSpec = command({
  name: 'audit',
  summary: "try known weak secrets and wordlists against an HMAC token's signature",
  details:
    'The token is the argument, the file named by --file, or stdin (- or nothing): exactly one HS256/384/512 token. An argument is never read as a file name.',
  positionals: [{ name: 'TOKEN|-', optional: true }],
  options: secretAuditOptions,
  exitCodes: {
    0: 'no candidate matched',
    1: 'the secret was found (it is weak)',
    2: 'invalid arguments, including a token that cannot be audited (ERR_JWT_MALFORMED, ERR_NOT_HMAC_TOKEN)',
    3: 'the audit could not run: a file could not be read (ERR_FILE_READ: the token file or a wordlist), or another failure',
  },
  load: () => load().then((m) => m.audit),
})

export const secretSpec = command({
  name: 'secret',
  summary: 'check, generate or audit HMAC secrets',
  subcommands: [secretCheckSpec, secretGenerateSpec, secretAuditSpec],
})
