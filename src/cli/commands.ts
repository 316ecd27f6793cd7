/**
 * Every jwtw command, declared once. This module imports no service: each command's code is
 * loaded when it runs, so `jwtw --version` and `jwtw decode` start fast.
 */
import { HMAC_ALGS, JWS_ALGS } from '../shared/algorithms'
import { SECRET_ENCODINGS } from '../shared/secret-types'
import { TEMPLATE_NAMES } from '../shared/templates'
import { exitCodes, type CommandSpec, type OptionSpec } from './framework/spec'
import { SHELLS } from './framework/completion'

const json: OptionSpec = {
  name: 'json',
  type: 'boolean',
  description: 'print JSON (see docs/json/)',
}

const KEY_OPTIONS: OptionSpec[] = [
  {
    name: 'secret',
    type: 'string',
    value: 'S',
    description: 'HMAC secret (UTF-8; b64:... or hex:... for bytes)',
  },
  {
    name: 'secret-file',
    type: 'string',
    value: 'FILE',
    description: 'read the HMAC secret from FILE (- for stdin)',
    complete: 'file',
  },
  { name: 'key', type: 'string', value: 'NAME', description: 'a stored key' },
  {
    name: 'key-file',
    type: 'string',
    value: 'FILE',
    description: 'a PEM, JWK or JWKS file (- for stdin)',
    complete: 'file',
  },
]

const REMOTE_OPTIONS: OptionSpec[] = [
  {
    name: 'insecure-http',
    type: 'boolean',
    description: 'allow plain http to a host that is not this machine, for this call',
  },
  {
    name: 'ca',
    type: 'string',
    value: 'FILE',
    description: 'trust the CA certificates in FILE (an internal identity provider)',
    complete: 'file',
  },
  {
    name: 'timeout',
    type: 'string',
    value: 'DUR',
    description: 'give up on the server after DUR (default 5s)',
  },
  {
    name: 'max-stale',
    type: 'string',
    value: 'DUR',
    description: 'use a cached copy up to DUR old when the server is unreachable (default 7d)',
  },
  {
    name: 'allow-redirects',
    type: 'boolean',
    description: 'follow redirects (never to another scheme)',
  },
]

const ALG_CHOICES = JWS_ALGS

const decode: CommandSpec = {
  name: 'decode',
  summary: 'find and decode every JWT in text, files or stdin, with lint findings',
  details: `Finds every JWS and JWE in the arguments (a token, an Authorization header, a cookie, a URL, a log
line), in FILEs, or on stdin (- or nothing). Prints each distinct token once with its count: header,
payload, times, claim names, defects and lint findings. Nothing is verified. An argument that holds
no token is read as a file; one that does not exist is an error naming it.`,
  positionals: [{ name: 'TOKEN|FILE|-', variadic: true, complete: 'file' }],
  options: [json],
  exitCodes: exitCodes(
    'at least one token was found',
    'no token found (ERR_NO_TOKEN_FOUND), or a file could not be read',
  ),
  examples: [
    'jwtw decode "$TOKEN"',
    'jwtw decode access.log',
    "kubectl logs deploy/api | jwtw decode --json | jq '.[].payload.sub'",
  ],
  load: () => import('./commands/decode').then((m) => m.run),
}

const scan: CommandSpec = {
  name: 'scan',
  summary: 'find every JWT in logs of any size: counts, expiry, issuers, verification',
  details: `Reads FILEs (.gz read transparently) or stdin (- or nothing) in constant memory, both cores on a
large file, and reports every unique token once: how often and on which lines, alg, kid, iss, sub,
aud, client, scope, expiry at scan time, lint findings and, with a key source or --trusted (the
keys of each token's trusted issuer), whether it verifies. Tokens are shown redacted (a prefix, the
length and the sha256) unless --show-tokens. The summary groups tokens by issuer and kid; --json
prints one object at the end, --ndjson one line per new unique token as it is found, then a
summary line. --follow keeps reading growing files (tail -F); Ctrl+C prints the summary so far.
Progress shows on a terminal for inputs over 100 MB.`,
  positionals: [{ name: 'FILE|-', variadic: true, optional: true, complete: 'file' }],
  options: [
    ...KEY_OPTIONS,
    {
      name: 'jwks',
      type: 'string',
      value: 'URL',
      description: 'verify with the keys of this JWKS URL',
    },
    {
      name: 'issuer',
      type: 'string',
      value: 'URL',
      description: "verify with this issuer's keys (OIDC discovery)",
    },
    {
      name: 'trusted',
      type: 'boolean',
      description: "verify each token with its issuer's keys when the issuer is trusted",
    },
    ...REMOTE_OPTIONS,
    json,
    {
      name: 'ndjson',
      type: 'boolean',
      description: 'one JSON line per new unique token, then a summary line',
    },
    {
      name: 'show-tokens',
      type: 'boolean',
      description: 'print the tokens themselves (they are credentials)',
    },
    {
      name: 'follow',
      short: 'f',
      type: 'boolean',
      description: 'keep reading files as they grow, until Ctrl+C',
    },
    {
      name: 'fail-on',
      type: 'string',
      value: 'LIST',
      description: 'exit 1 when a token is: expired, invalid, unverifiable, none (alg), long-lived',
      multiple: true,
    },
  ],
  exitCodes: exitCodes(
    'the scan completed (whatever it found)',
    'a --fail-on condition holds, or an input could not be read (the others were scanned)',
    { 130: 'interrupted (Ctrl+C) without --follow; the summary so far was printed' },
  ),
  examples: [
    'jwtw scan access.log',
    'jwtw scan /var/log/nginx/access.log.*.gz --trusted',
    'kubectl logs -f deploy/api | jwtw scan - --ndjson',
    'jwtw scan build.log --fail-on expired,none,long-lived',
  ],
  load: () => import('./commands/scan').then((m) => m.run),
}

const verify: CommandSpec = {
  name: 'verify',
  summary: 'verify a JWT and explain every check',
  details: `The token is read from the argument, a FILE, or stdin (- or nothing): text holding exactly one
token (an Authorization header or a log line is fine; with several, --all verifies each). Keys: a
secret, a stored key, a key file (PEM, JWK or JWKS), a JWKS URL, or an issuer's keys by discovery.
With no key option, the keys of the token's issuer are used when it is trusted (jwtw issuers add),
else JWT_SECRET_KEY.`,
  positionals: [{ name: 'TOKEN|FILE|-', optional: true, complete: 'file' }],
  options: [
    ...KEY_OPTIONS,
    {
      name: 'jwks',
      type: 'string',
      value: 'URL',
      description: 'verify with the keys of this JWKS URL',
    },
    {
      name: 'issuer',
      type: 'string',
      value: 'URL',
      description: "verify with this issuer's keys (OIDC discovery); the token's iss must be URL",
    },
    ...REMOTE_OPTIONS,
    {
      name: 'alg',
      aliases: ['algorithm'],
      type: 'string',
      value: 'ALG',
      description: 'allowed algorithm',
      multiple: true,
      choices: ALG_CHOICES,
    },
    { name: 'iss', type: 'string', value: 'S', description: 'expected issuer' },
    { name: 'aud', type: 'string', value: 'S', description: 'expected audience', multiple: true },
    {
      name: 'sub',
      aliases: ['subject'],
      type: 'string',
      value: 'S',
      description: 'expected subject',
    },
    {
      name: 'require',
      type: 'string',
      value: 'NAME[=VALUE]',
      description: 'a claim that must be present (and equal VALUE)',
      multiple: true,
    },
    {
      name: 'clock-tolerance',
      type: 'string',
      value: 'DUR',
      description: 'leeway for exp, nbf and iat, e.g. 30s',
    },
    {
      name: 'at',
      type: 'string',
      value: 'TIME',
      description: 'verify as of TIME (ISO 8601 or epoch seconds)',
    },
    { name: 'max-age', type: 'string', value: 'DUR', description: 'maximum age since iat' },
    {
      name: 'typ',
      type: 'string',
      value: 'TYP',
      description: 'expected header typ (at+jwt for RFC 9068 access tokens)',
    },
    { name: 'kid', type: 'string', value: 'KID', description: 'pick this key from a key set' },
    {
      name: 'jws',
      type: 'boolean',
      description: 'verify a JWS whose payload need not be a JWT claims set',
    },
    { name: 'all', type: 'boolean', description: 'verify every token in the text' },
    json,
  ],
  exitCodes: exitCodes(
    'valid (with --all: every token is valid)',
    'invalid (the first failing code on stderr), or the key cannot be used',
  ),
  examples: [
    'jwtw verify "$TOKEN" --issuer https://auth.example.com --aud api',
    'jwtw verify "$TOKEN" --jwks https://auth.example.com/api/auth/jwks --require role=admin',
    'echo "Authorization: Bearer $T" | jwtw verify --secret-file secret.txt --json',
  ],
  load: () => import('./commands/verify').then((m) => m.run),
}

const mint: CommandSpec = {
  name: 'mint',
  summary: 'sign a JWT (HS*, RS*, PS*, ES*, EdDSA) and print it',
  details: `Prints only the token. Without a key option the secret comes from JWT_SECRET_KEY. Without
--expires-in or a template, the token expires in 15 minutes. With a stored key or a key file the key
decides the algorithm, unless --alg says otherwise.`,
  options: [
    ...KEY_OPTIONS,
    {
      name: 'alg',
      aliases: ['algorithm'],
      type: 'string',
      value: 'ALG',
      description: 'algorithm',
      choices: ALG_CHOICES,
    },
    { name: 'sub', aliases: ['subject'], type: 'string', value: 'S', description: 'subject' },
    { name: 'iss', type: 'string', value: 'S', description: 'issuer' },
    { name: 'aud', type: 'string', value: 'S', description: 'audience', multiple: true },
    {
      name: 'expires-in',
      type: 'string',
      value: 'DUR|TIME|none',
      description: 'lifetime (30s, 15m, 24h, 7d), an ISO time, or none (default 15m)',
    },
    { name: 'not-before', type: 'string', value: 'DUR|TIME', description: 'not valid before' },
    {
      name: 'claim',
      type: 'string',
      value: 'NAME=VALUE',
      description: 'a claim; VALUE is JSON when it parses, else a string',
      multiple: true,
    },
    {
      name: 'claims',
      type: 'string',
      value: 'JSON|@FILE',
      description: 'claims as a JSON object, or read from FILE (@- for stdin)',
    },
    {
      name: 'header',
      type: 'string',
      value: 'NAME=VALUE',
      description: 'a protected header member',
      multiple: true,
    },
    {
      name: 'kid',
      type: 'string',
      value: 'KID',
      description: "header kid (default: the key's kid or its RFC 7638 thumbprint)",
    },
    { name: 'no-kid', type: 'boolean', description: 'leave kid out of the header' },
    { name: 'jti', type: 'boolean', description: 'add a random jti' },
    { name: 'no-iat', type: 'boolean', description: 'leave out iat' },
    {
      name: 'template',
      type: 'string',
      value: 'NAME',
      description: 'start from a template (jwtw templates)',
      choices: TEMPLATE_NAMES,
    },
    {
      name: 'strict',
      type: 'boolean',
      description: 'refuse weak secrets (ERR_WEAK_SECRET) instead of warning',
    },
    {
      name: 'allow-expired',
      type: 'boolean',
      description: 'allow exp before iat (an already expired token, for negative tests)',
    },
    {
      name: 'unsecured',
      type: 'boolean',
      description: 'alg "none", unsigned: for negative tests only',
    },
  ],
  exitCodes: exitCodes('the token was printed', 'the key cannot sign, or a configuration problem'),
  examples: [
    'jwtw mint --secret "$SECRET" --sub alice --aud api --expires-in 15m --claim role=admin --jti',
    'jwtw mint --key-file private.pem --template oidc-user-profile',
    'jwtw mint --key prod-signing --claims @claims.json',
  ],
  load: () => import('./commands/mint').then((m) => m.run),
}

const templates: CommandSpec = {
  name: 'templates',
  summary: 'list the mint templates with their claims',
  options: [json],
  exitCodes: exitCodes('listed', 'never'),
  load: () => import('./commands/templates').then((m) => m.run),
}

const keyName = { name: 'NAME' }

const keys: CommandSpec = {
  name: 'keys',
  summary: 'stored keys: list, generate, import, export, rotate, delete, recover',
  details:
    'Private keys and HMAC secrets live only in the OS keychain; the settings file holds metadata.',
  subcommands: [
    {
      name: 'list',
      summary: 'list the stored keys',
      options: [json],
      exitCodes: exitCodes('listed', 'the keychain is unavailable'),
      load: () => import('./commands/keys').then((m) => m.list),
    },
    {
      name: 'generate',
      summary: 'generate a key in the keychain',
      positionals: [keyName],
      options: [
        {
          name: 'alg',
          type: 'string',
          value: 'ALG',
          description: 'algorithm (required)',
          choices: ALG_CHOICES,
        },
        {
          name: 'bits',
          type: 'string',
          value: 'N',
          description: 'RSA: 2048 (default), 3072, 4096; HMAC: secret size in bits (default 512)',
        },
        {
          name: 'kid',
          type: 'string',
          value: 'KID',
          description: 'kid (default: the RFC 7638 thumbprint; random for HMAC)',
        },
        { name: 'tag', type: 'string', value: 'TAG', description: 'a tag', multiple: true },
      ],
      exitCodes: exitCodes('generated', 'the keychain is unavailable, or the name is taken'),
      examples: ['jwtw keys generate dev --alg ES256'],
      load: () => import('./commands/keys').then((m) => m.generate),
    },
    {
      name: 'import',
      summary: 'import a key from a file, stdin or a JWKS URL',
      positionals: [keyName, { name: 'FILE|URL|-', complete: 'file' }],
      options: [
        {
          name: 'alg',
          type: 'string',
          value: 'ALG',
          description: 'algorithm (required for an HMAC secret)',
          choices: ALG_CHOICES,
        },
        {
          name: 'kid',
          type: 'string',
          value: 'KID',
          description: 'kid to give the key, or to pick from a JWKS',
        },
        {
          name: 'all',
          type: 'boolean',
          description: 'import every key of a JWKS (as NAME-1, NAME-2, ...)',
        },
        {
          name: 'encoding',
          type: 'string',
          value: 'E',
          description: 'how an HMAC secret file is written',
          choices: ['text', 'base64', 'hex'],
        },
        { name: 'tag', type: 'string', value: 'TAG', description: 'a tag', multiple: true },
        ...REMOTE_OPTIONS,
      ],
      exitCodes: exitCodes(
        'imported',
        'the key is unusable or weak, the name is taken, or the keychain is unavailable',
      ),
      examples: [
        'jwtw keys import prod ./id_ecdsa',
        'jwtw keys import idp https://idp.example.com/.well-known/jwks.json --all',
        'jwtw keys import hs ./secret.txt --alg HS256 --encoding hex',
      ],
      load: () => import('./commands/keys').then((m) => m.importKey),
    },
    {
      name: 'export',
      summary: 'print a public key, or with --private the private key',
      positionals: [keyName],
      options: [
        {
          name: 'format',
          type: 'string',
          value: 'F',
          description: 'pem (default), jwk, jwks; base64, hex for a secret',
          choices: ['pem', 'jwk', 'jwks', 'base64', 'hex'],
        },
        {
          name: 'private',
          type: 'boolean',
          description: 'print the private key or secret (mind your terminal)',
        },
      ],
      exitCodes: exitCodes('printed', 'no such key, or it has no such part'),
      load: () => import('./commands/keys').then((m) => m.exportKey),
    },
    {
      name: 'rotate',
      summary: 'make a new active version; the old one is retiring (published, never signs)',
      positionals: [keyName],
      exitCodes: exitCodes('rotated', 'no such key, or it cannot sign'),
      load: () => import('./commands/keys').then((m) => m.rotate),
    },
    {
      name: 'set-kid',
      summary: 'change the kid of the active version',
      positionals: [keyName, { name: 'KID' }],
      exitCodes: exitCodes('changed', 'no such key, or the kid is taken'),
      load: () => import('./commands/keys').then((m) => m.setKid),
    },
    {
      name: 'tag',
      summary: "replace a key's tags (none clears them)",
      positionals: [keyName, { name: 'TAG', variadic: true }],
      exitCodes: exitCodes('tagged', 'no such key'),
      load: () => import('./commands/keys').then((m) => m.tag),
    },
    {
      name: 'delete',
      summary: 'delete a key and its keychain entries',
      positionals: [keyName],
      options: [
        { name: 'retiring', type: 'boolean', description: 'delete only the retiring versions' },
      ],
      exitCodes: exitCodes('deleted', 'no such key, or the keychain is unavailable'),
      load: () => import('./commands/keys').then((m) => m.remove),
    },
    {
      name: 'recover',
      summary: 'keychain entries no stored key names: list, restore or delete them',
      details:
        'After a lost or corrupt settings file the secrets are still in the keychain. Without options this lists them; --restore rebuilds their records (kid by thumbprint), --delete removes them, for the ACCOUNTs given or --all.',
      positionals: [{ name: 'ACCOUNT', variadic: true }],
      options: [
        { name: 'restore', type: 'boolean', description: 'rebuild the records of these entries' },
        { name: 'delete', type: 'boolean', description: 'delete these entries' },
        { name: 'all', type: 'boolean', description: 'every orphaned entry' },
        json,
      ],
      exitCodes: exitCodes('listed, restored or deleted', 'the keychain is unavailable'),
      load: () => import('./commands/keys').then((m) => m.recover),
    },
  ],
}

const creds: CommandSpec = {
  name: 'creds',
  summary: 'saved tokens and secrets per environment or host (values in the OS keychain)',
  subcommands: [
    {
      name: 'set',
      summary: 'save a value (from stdin when VALUE is - or missing)',
      positionals: [{ name: 'NAME' }, { name: 'VALUE|-', optional: true }],
      options: [
        { name: 'host', type: 'string', value: 'H', description: 'the host it is for' },
        { name: 'note', type: 'string', value: 'TEXT', description: 'a note' },
      ],
      exitCodes: exitCodes('saved', 'the keychain is unavailable'),
      load: () => import('./commands/creds').then((m) => m.set),
    },
    {
      name: 'get',
      summary: 'print a saved value',
      positionals: [{ name: 'NAME' }],
      options: [
        { name: 'header', type: 'boolean', description: 'print "Authorization: Bearer <value>"' },
      ],
      exitCodes: exitCodes('printed', 'no such credential, or the keychain is unavailable'),
      load: () => import('./commands/creds').then((m) => m.get),
    },
    {
      name: 'list',
      summary: 'list saved credentials; which are expired or expire within a day',
      options: [json],
      exitCodes: exitCodes('listed', 'the keychain is unavailable'),
      load: () => import('./commands/creds').then((m) => m.list),
    },
    {
      name: 'delete',
      summary: 'delete a saved credential',
      positionals: [{ name: 'NAME' }],
      exitCodes: exitCodes('deleted', 'no such credential, or the keychain is unavailable'),
      load: () => import('./commands/creds').then((m) => m.remove),
    },
  ],
}

const secret: CommandSpec = {
  name: 'secret',
  summary: 'check, generate or audit HMAC secrets',
  subcommands: [
    {
      name: 'check',
      summary:
        'rate an HMAC secret (stdin when SECRET is - or missing); the secret is never printed',
      details:
        'A secret that starts with "-" goes after "--" (or better, on stdin: it keeps it out of the process list).',
      positionals: [{ name: 'SECRET|-', optional: true }],
      options: [
        {
          name: 'alg',
          type: 'string',
          value: 'ALG',
          description: 'algorithm (default HS256)',
          choices: HMAC_ALGS,
        },
        json,
      ],
      exitCodes: exitCodes('acceptable or strong', 'weak'),
      load: () => import('./commands/secret').then((m) => m.check),
    },
    {
      name: 'generate',
      summary: 'print a cryptographically random secret (48 bytes, base64url)',
      options: [
        {
          name: 'bytes',
          type: 'string',
          value: 'N',
          description: 'size in bytes (16 to 1024; default 48)',
        },
        {
          name: 'encoding',
          type: 'string',
          value: 'E',
          description: 'encoding (default base64url)',
          choices: SECRET_ENCODINGS,
        },
        {
          name: 'env',
          type: 'string',
          value: 'NAME',
          description: 'print NAME=secret for a .env file',
        },
        {
          name: 'save',
          type: 'string',
          value: 'NAME',
          description: 'also store it in the keychain as an HS key',
        },
        {
          name: 'alg',
          type: 'string',
          value: 'ALG',
          description: 'algorithm of the saved key (default HS256)',
          choices: HMAC_ALGS,
        },
      ],
      exitCodes: exitCodes('printed', 'the key could not be saved'),
      load: () => import('./commands/secret').then((m) => m.generate),
    },
    {
      name: 'audit',
      summary: "try known weak secrets and wordlists against an HMAC token's signature",
      details:
        'The token is read from the argument, a FILE, or stdin (- or nothing): text holding exactly one HS256/384/512 token.',
      positionals: [{ name: 'TOKEN|FILE|-', optional: true, complete: 'file' }],
      options: [
        {
          name: 'wordlist',
          type: 'string',
          value: 'FILE',
          description: 'a wordlist (one secret per line)',
          multiple: true,
          complete: 'file',
        },
        { name: 'no-builtin', type: 'boolean', description: 'skip the built-in lists' },
        { name: 'workers', type: 'string', value: 'N', description: 'worker threads (default: 2)' },
        json,
      ],
      exitCodes: {
        0: 'no candidate matched',
        1: 'the secret was found (it is weak)',
        2: 'invalid arguments, including a token that cannot be audited (not HS256/384/512: ERR_NOT_HMAC_TOKEN)',
      },
      load: () => import('./commands/secret').then((m) => m.audit),
    },
  ],
}

const jwks: CommandSpec = {
  name: 'jwks',
  summary: "show a JWK Set (a URL or an issuer's), its cache state and findings",
  details: `Shows every key (kid, type, alg, use, size or curve, RFC 7638 thumbprint, certificate), the cache
state (fetched when, fresh or stale, ETag), keys added and removed since the previous copy, and what
is wrong with the set. Only URLs you give are fetched; https, or http to this machine.`,
  positionals: [{ name: 'URL', optional: true }],
  options: [
    {
      name: 'issuer',
      type: 'string',
      value: 'URL',
      description: 'the issuer whose keys to show (OIDC discovery)',
    },
    {
      name: 'refresh',
      type: 'boolean',
      description: 'ask the server even when the cached copy is fresh',
    },
    ...REMOTE_OPTIONS,
    json,
  ],
  exitCodes: exitCodes(
    'shown (possibly from a stale copy, as said)',
    'the set cannot be fetched and no copy is usable',
  ),
  examples: [
    'jwtw jwks https://auth.example.com/api/auth/jwks',
    'jwtw jwks --issuer https://accounts.google.com --json',
  ],
  load: () => import('./commands/jwks').then((m) => m.run),
}

const issuers: CommandSpec = {
  name: 'issuers',
  summary: 'trusted issuers: tokens they issued verify with no key given',
  subcommands: [
    {
      name: 'add',
      summary: 'trust an issuer (its keys are found by discovery)',
      positionals: [{ name: 'URL' }],
      options: [
        { name: 'name', type: 'string', value: 'N', description: 'a display name' },
        {
          name: 'aud',
          type: 'string',
          value: 'A',
          description: 'expected audience, checked when verify is given none',
        },
        {
          name: 'insecure-http',
          type: 'boolean',
          description: 'allow a plain-http issuer that is not this machine',
        },
      ],
      exitCodes: exitCodes('trusted', 'the settings file cannot be written'),
      load: () => import('./commands/issuers').then((m) => m.add),
    },
    {
      name: 'list',
      summary: 'list the trusted issuers',
      options: [json],
      exitCodes: exitCodes('listed', 'never'),
      load: () => import('./commands/issuers').then((m) => m.list),
    },
    {
      name: 'remove',
      summary: 'stop trusting an issuer',
      positionals: [{ name: 'URL' }],
      exitCodes: exitCodes('removed', 'not a trusted issuer'),
      load: () => import('./commands/issuers').then((m) => m.remove),
    },
  ],
}

const SETTING_NAMES = ['jwks.ca', 'jwks.timeout', 'jwks.max-stale', 'jwks.allow-redirects'] as const

const settings: CommandSpec = {
  name: 'settings',
  summary: 'how remote keys are fetched: a CA file, the timeout, the stale bound, redirects',
  subcommands: [
    {
      name: 'show',
      summary: 'print the settings',
      options: [json],
      exitCodes: exitCodes('printed', 'never'),
      load: () => import('./commands/settings').then((m) => m.show),
    },
    {
      name: 'set',
      summary:
        'set one (jwks.ca FILE, jwks.timeout DUR, jwks.max-stale DUR, jwks.allow-redirects true|false)',
      positionals: [{ name: 'NAME', choices: SETTING_NAMES }, { name: 'VALUE' }],
      exitCodes: exitCodes('set', 'the settings file cannot be written'),
      load: () => import('./commands/settings').then((m) => m.set),
    },
    {
      name: 'unset',
      summary: 'back to the default',
      positionals: [{ name: 'NAME', choices: SETTING_NAMES }],
      exitCodes: exitCodes('unset', 'the settings file cannot be written'),
      load: () => import('./commands/settings').then((m) => m.unset),
    },
  ],
}

const serve: CommandSpec = {
  name: 'serve',
  summary: 'a local OIDC issuer serving the JWKS of stored keys',
  details: 'Prints the issuer URL on the first line; runs until Ctrl+C.',
  options: [
    {
      name: 'port',
      type: 'string',
      value: 'N',
      description: 'port (default 8787; 0 picks a free one)',
    },
    {
      name: 'host',
      type: 'string',
      value: 'H',
      description: 'address to listen on (default 127.0.0.1)',
    },
    {
      name: 'issuer',
      type: 'string',
      value: 'URL',
      description: 'the issuer to announce (default http://HOST:PORT)',
    },
    {
      name: 'key',
      type: 'string',
      value: 'NAME',
      description: 'a stored key to publish (default every key that signs)',
      multiple: true,
    },
  ],
  exitCodes: exitCodes('stopped with Ctrl+C', 'the port is in use, or no such key'),
  load: () => import('./commands/serve').then((m) => m.run),
}

const ui: CommandSpec = {
  name: 'ui',
  summary: 'serve the UI in your browser on 127.0.0.1 (browser mode)',
  details:
    'Prints a one-time login URL (first line of stdout). The link works once; press Enter in this terminal for a fresh one.',
  options: [
    {
      name: 'port',
      type: 'string',
      value: 'N',
      description: 'listen on port N (default: a free port)',
    },
    { name: 'no-open', type: 'boolean', description: 'do not open the URL in the default browser' },
    {
      name: 'idle-timeout',
      type: 'string',
      value: 'DUR',
      description: 'end a browser session after DUR without a request (default 12h)',
    },
    {
      name: 'print-api-token',
      type: 'boolean',
      description: 'also print a credential for scripts, as "api-token TOKEN"',
    },
  ],
  exitCodes: exitCodes('stopped with Ctrl+C', 'the UI is not built, or the port is in use'),
  load: () => import('./commands/ui').then((m) => m.run),
}

const completion: CommandSpec = {
  name: 'completion',
  summary: 'print the shell completion script for bash, zsh or fish',
  details:
    'bash: source <(jwtw completion bash)   zsh: source <(jwtw completion zsh)   fish: jwtw completion fish | source',
  positionals: [{ name: 'SHELL', choices: SHELLS }],
  exitCodes: exitCodes('printed', 'never'),
  load: () => import('./commands/completion').then((m) => m.run),
}

const help: CommandSpec = {
  name: 'help',
  summary: 'show the help of a command (jwtw help keys import)',
  positionals: [{ name: 'COMMAND', variadic: true }],
  exitCodes: exitCodes('printed', 'never'),
}

/** The root: every command. */
export const ROOT: CommandSpec = {
  name: 'jwtw',
  summary: 'JWT Workbench: inspect, mint and verify JSON Web Tokens; keys in the OS keychain.',
  subcommands: [
    decode,
    scan,
    verify,
    mint,
    templates,
    keys,
    creds,
    secret,
    jwks,
    issuers,
    settings,
    serve,
    ui,
    completion,
    help,
  ],
  options: [{ name: 'version', short: 'v', type: 'boolean', description: 'print the version' }],
  exitCodes: exitCodes(
    'success',
    'the token is invalid, the check failed, or a configuration problem',
  ),
}
