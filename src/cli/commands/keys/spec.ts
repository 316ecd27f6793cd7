/** `jwtw keys ...` declared. */
import { command, exitCodes, flag, list, text } from '../../framework/spec'
import { KEY_USES, STORED_KEY_ALGS } from '../../../shared/algorithms'
import { ECDH_CURVES } from '../../../shared/jwe-algorithms'
import { fetchOptions, jsonOption } from '../../options'

const keyName = { name: 'NAME' }
const load = () => import('./run')

export const keysListOptions = { ...jsonOption } as const

export const keysListSpec = command({
  name: 'list',
  summary: 'list the stored keys',
  options: keysListOptions,
  exitCodes: exitCodes('listed', 'the keychain is unavailable'),
  load: () => load().then((m) => m.list),
})

export const keysGenerateOptions = {
  alg: text(
    'ALG',
    'algorithm (required): a JWS alg makes a signing key, a JWE alg (RSA-OAEP-256, ECDH-ES+A256KW, A256KW, dir, ...) an encryption key',
    { choices: STORED_KEY_ALGS },
  ),
  bits: text(
    'N',
    'RSA: 2048 (default), 3072, 4096; HMAC: secret size in bits (default 512); dir: 128 to 512 (default 256)',
  ),
  curve: text('CRV', 'ECDH-ES curve (default P-256)', { choices: ECDH_CURVES }),
  kid: text('KID', 'kid (default: the RFC 7638 thumbprint; random for HMAC)'),
  tag: list('TAG', 'a tag'),
} as const

export const keysGenerateSpec = command({
  name: 'generate',
  summary: 'generate a key in the keychain',
  positionals: [keyName],
  options: keysGenerateOptions,
  exitCodes: exitCodes('generated', 'the keychain is unavailable, or the name is taken'),
  examples: [
    'jwtw keys generate dev --alg ES256',
    'jwtw keys generate partner-enc --alg RSA-OAEP-256',
    'jwtw keys generate device-enc --alg ECDH-ES+A256KW --curve X25519',
  ],
  load: () => load().then((m) => m.generate),
})

export const keysImportOptions = {
  alg: text('ALG', 'algorithm (required for an HMAC secret); a JWE alg imports an encryption key', {
    choices: STORED_KEY_ALGS,
  }),
  use: text('USE', 'sig (signing, the default) or enc (encryption; also from a JWK\'s "use")', {
    choices: KEY_USES,
  }),
  kid: text('KID', 'kid to give the key, or to pick from a JWKS'),
  all: flag('import every key of a JWKS (as NAME-1, NAME-2, ...)'),
  encoding: text('E', 'how an HMAC secret file is written', {
    choices: ['text', 'base64', 'hex'] as const,
  }),
  tag: list('TAG', 'a tag'),
  ...fetchOptions,
} as const

export const keysImportSpec = command({
  name: 'import',
  summary: 'import a key from a file, stdin or a JWKS URL',
  positionals: [keyName, { name: 'FILE|URL|-', complete: 'file' }],
  options: keysImportOptions,
  exitCodes: exitCodes(
    'imported',
    'the key is unusable or weak, the name is taken, or the keychain is unavailable',
  ),
  examples: [
    'jwtw keys import prod ./id_ecdsa',
    'jwtw keys import idp https://idp.example.com/.well-known/jwks.json --all',
    'jwtw keys import hs ./secret.txt --alg HS256 --encoding hex',
    'jwtw keys import partner-enc ./partner-enc.pub.pem --use enc',
    'jwtw keys import session-key ./session.key --alg dir --encoding base64',
  ],
  load: () => load().then((m) => m.importKey),
})

export const keysExportOptions = {
  format: text('F', 'pem (default), jwk, jwks; base64, hex for a secret', {
    choices: ['pem', 'jwk', 'jwks', 'base64', 'hex'] as const,
  }),
  private: flag('print the private key or secret (mind your terminal)'),
} as const

export const keysExportSpec = command({
  name: 'export',
  summary: 'print a public key, or with --private the private key',
  positionals: [keyName],
  options: keysExportOptions,
  exitCodes: exitCodes('printed', 'no such key, or it has no such part'),
  load: () => load().then((m) => m.exportKey),
})

export const keysRotateSpec = command({
  name: 'rotate',
  summary: 'make a new active version; the old one is retiring (published, never signs)',
  positionals: [keyName],
  exitCodes: exitCodes('rotated', 'no such key, or it cannot sign'),
  load: () => load().then((m) => m.rotate),
})

export const keysSetKidSpec = command({
  name: 'set-kid',
  summary: 'change the kid of the active version',
  positionals: [keyName, { name: 'KID' }],
  exitCodes: exitCodes('changed', 'no such key, or the kid is taken'),
  load: () => load().then((m) => m.setKid),
})

export const keysTagSpec = command({
  name: 'tag',
  summary: "replace a key's tags (none clears them)",
  positionals: [keyName, { name: 'TAG', variadic: true }],
  exitCodes: exitCodes('tagged', 'no such key'),
  load: () => load().then((m) => m.tag),
})

export const keysDeleteOptions = { retiring: flag('delete only the retiring versions') } as const

export const keysDeleteSpec = command({
  name: 'delete',
  summary: 'delete a key and its keychain entries',
  positionals: [keyName],
  options: keysDeleteOptions,
  exitCodes: exitCodes('deleted', 'no such key, or the keychain is unavailable'),
  load: () => load().then((m) => m.remove),
})

export const keysRecoverOptions = {
  restore: flag('rebuild the records of these entries'),
  delete: flag('delete these entries'),
  all: flag('every orphaned entry'),
  ...jsonOption,
} as const

export const keysRecoverSpec = command({
  name: 'recover',
  summary: 'keychain entries no stored key names: list, restore or delete them',
  details:
    'After a lost or corrupt settings file the secrets are still in the keychain. Without options this lists them; --restore rebuilds their records (kid by thumbprint, a retiring version kept retiring), --delete removes them, for the ACCOUNTs given or --all.',
  positionals: [{ name: 'ACCOUNT', variadic: true }],
  options: keysRecoverOptions,
  exitCodes: exitCodes('listed, restored or deleted', 'the keychain is unavailable'),
  load: () => load().then((m) => m.recover),
})

export const keysSpec = command({
  name: 'keys',
  summary: 'stored keys: list, generate, import, export, rotate, delete, recover',
  details:
    'Private keys and HMAC secrets live only in the OS keychain; the settings file holds metadata.',
  subcommands: [
    keysListSpec,
    keysGenerateSpec,
    keysImportSpec,
    keysExportSpec,
    keysRotateSpec,
    keysSetKidSpec,
    keysTagSpec,
    keysDeleteSpec,
    keysRecoverSpec,
  ],
})
