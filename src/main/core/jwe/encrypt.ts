/**
 * Encrypts a plaintext (claims, or a signed token: nested, cty JWT) to a recipient's key with
 * jose: alg and enc from the request, else the key's own alg, else the default for its type
 * (RSA-OAEP-256, ECDH-ES+A256KW or A256KW/dir, with A256GCM).
 */
import { createPublicKey } from 'node:crypto'
import { CompactEncrypt } from 'jose'
import { WorkbenchError } from '../../../shared/errors'
import {
  defaultJwe,
  encsForDirectKey,
  isJweKeyAlg,
  JWE_KEY_ALGORITHMS,
  type JweEnc,
  type JweKeyAlg,
} from '../../../shared/jwe-algorithms'
import { LIMITS } from '../../../shared/limits'
import type { MintResult } from '../../../shared/mint-types'
import type { EncryptOptions, RemoteOptionsInput } from '../../../shared/request-schemas'
import { remoteOptions } from '../jwks/remote-key-source'
import type { RemoteKeys } from '../jwks/remote-keys'
import { jweKeyType } from '../keys/usable-key'
import { jweKeyProblem, jweKeysOf, type JweKey } from './jwe-keys'
import type { CredentialStore } from '../credentials/credential-store'
import type { KeyStore } from '../keys/key-store'
import { runtimeSupport } from '../runtime-algorithms'

/** A JWE of `plaintext` to the recipient of `options`. */
export async function encryptTo(
  plaintext: Uint8Array,
  options: EncryptOptions,
  ctx: {
    readonly keys: KeyStore
    readonly remote: RemoteKeys
    readonly credentials: CredentialStore
  },
  header: { cty?: string; typ?: string },
): Promise<{ token: string; encrypted: NonNullable<MintResult['encrypted']> }> {
  const to = options.to
  if ('anyStored' in to) {
    throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'Encrypt to one key: name it.')
  }
  // A published key: the JWKS of a URL or an issuer the user named (never one from a token).
  const source = 'jwksUrl' in to || 'issuer' in to ? await publishedKeys(to, ctx.remote) : to
  const recipient = pickRecipient((await jweKeysOf(source, ctx, 'encrypt')).keys)
  const { alg, enc } = choose(recipient, options)
  const problem = jweKeyProblem(recipient, alg, enc, 'encrypt')
  if (problem !== null) throw new WorkbenchError('ERR_KEY_UNFIT', problem)
  const key =
    recipient.key instanceof Uint8Array || recipient.key.type === 'public'
      ? recipient.key
      : createPublicKey(recipient.key)
  const curve = key instanceof Uint8Array ? undefined : key.asymmetricKeyType
  await runtimeSupport.assertAvailable(alg, enc, curve === 'x25519' ? 'X25519' : undefined)
  const protectedHeader: Record<string, unknown> = { alg, enc }
  if (recipient.kid !== undefined && recipient.origin !== 'password') {
    protectedHeader['kid'] = recipient.kid
  }
  if (header.typ !== undefined) protectedHeader['typ'] = header.typ
  if (header.cty !== undefined) protectedHeader['cty'] = header.cty
  const jwe = new CompactEncrypt(plaintext).setProtectedHeader(protectedHeader as never)
  if (JWE_KEY_ALGORITHMS[alg].key === 'password') {
    jwe.setKeyManagementParameters({ p2c: LIMITS.pbes2Count })
  }
  const token = await jwe.encrypt(key)
  const shown: NonNullable<MintResult['encrypted']>['recipient'] = { detail: recipient.detail }
  if (recipient.name !== undefined) shown.name = recipient.name
  if (recipient.kid !== undefined) shown.kid = recipient.kid
  const [encodedHeader] = token.split('.')
  return {
    token,
    encrypted: {
      header: JSON.parse(Buffer.from(encodedHeader!, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >,
      recipient: shown,
    },
  }
}

async function publishedKeys(
  to: { jwksUrl: string } | { issuer: string },
  remote: RemoteKeys,
): Promise<{ keyText: string; kid?: string }> {
  const options = remoteOptions((to as { remote?: RemoteOptionsInput }).remote)
  const set =
    'jwksUrl' in to
      ? await remote.fromJwksUri(to.jwksUrl, options)
      : await remote.fromIssuer(to.issuer, options)
  const kid = (to as { kid?: string }).kid
  // Only the keys published for encryption (or with no use) are candidates.
  const keys = set.jwks.keys.filter((k) => k['use'] === undefined || k['use'] === 'enc')
  if (keys.length === 0) {
    throw new WorkbenchError(
      'ERR_JWKS_NO_MATCHING_KEY',
      'The key set publishes no encryption key (use enc).',
    )
  }
  return { keyText: JSON.stringify({ keys }), ...(kid === undefined ? {} : { kid }) }
}

/** The one recipient key: a set's keys for encryption (use enc or none); several is ambiguous. */
function pickRecipient(keys: JweKey[]): JweKey {
  const usable = keys.filter((k) => k.use === undefined || k.use === 'enc')
  if (usable.length === 1) return usable[0]!
  if (usable.length === 0) {
    throw new WorkbenchError(
      keys.length === 0 ? 'ERR_NO_KEY' : 'ERR_KEY_UNFIT',
      keys.length === 0
        ? 'No key to encrypt to.'
        : 'The set has no encryption key (use enc): its keys are for signatures.',
    )
  }
  throw new WorkbenchError(
    'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
    `The set holds ${usable.length} encryption keys: pick one by its kid.`,
  )
}

function choose(key: JweKey, options: EncryptOptions): { alg: JweKeyAlg; enc: JweEnc } {
  const bytes = key.key instanceof Uint8Array ? key.key.length : undefined
  const keyType = jweKeyType(key.key)
  const fallback =
    key.origin === 'password'
      ? { alg: 'PBES2-HS512+A256KW' as const, enc: 'A256GCM' as const }
      : keyType && defaultJwe(keyType, bytes)
  const alg = options.alg ?? (isJweKeyAlg(key.alg) ? key.alg : fallback?.alg)
  if (alg === undefined) {
    throw new WorkbenchError(
      'ERR_KEY_UNFIT',
      `No JWE algorithm fits ${key.detail}: AES key wrap needs 128, 192 or 256 bits; dir the size of a content key.`,
    )
  }
  const enc =
    options.enc ??
    (alg === 'dir' && bytes !== undefined ? encsForDirectKey(bytes)[0] : undefined) ??
    'A256GCM'
  return { alg, enc }
}
