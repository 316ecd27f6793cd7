/**
 * Stored keys written out: the public part (PEM, JWK, JWKS of every published version) for
 * anyone, and the private part only through the explicit private export.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { isSecretKind } from '../../../shared/algorithms'
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'
import type { PrivateExportFormat, PublicExportFormat } from '../../../shared/stored-key-schemas'
import type { Material } from './key-material'
import {
  activeVersion,
  orderedVersions,
  useOf,
  type KeyRecord,
  type VersionRecord,
} from './key-records'

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** The public key of a stored key; HMAC secrets have none (ERR_KEY_SYMMETRIC). */
export function exportPublic(record: KeyRecord, format: PublicExportFormat): string {
  if (isSecretKind(record.kind)) {
    throw new WorkbenchError(
      'ERR_KEY_SYMMETRIC',
      `Key "${clip(record.name)}" is a secret key: it has no public part. Export it with --private if you really must.`,
    )
  }
  if (format === 'jwks') return json({ keys: orderedVersions(record).map((v) => v.publicJwk!) })
  const jwk = activeVersion(record).publicJwk!
  if (format === 'jwk') return json(jwk)
  return createPublicKey({ key: jwk, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  }) as string
}

/** The private material of the active version, in the format asked for. */
export function exportPrivate(
  record: KeyRecord,
  version: VersionRecord,
  material: Material,
  format: PrivateExportFormat | undefined,
): string {
  if ('oct' in material) {
    const bytes = Buffer.from(material.oct, 'base64url')
    const jwk = {
      kty: 'oct',
      k: material.oct,
      kid: version.kid,
      alg: record.alg,
      use: useOf(record),
    }
    switch (format ?? 'jwk') {
      case 'jwk':
        return json(jwk)
      case 'jwks':
        return json({ keys: [jwk] })
      case 'base64':
        return `${bytes.toString('base64')}\n`
      case 'hex':
        return `${bytes.toString('hex')}\n`
      default:
        throw new WorkbenchError(
          'ERR_INVALID_ARGUMENT',
          'A secret key exports as jwk, jwks, base64 or hex, not pem.',
        )
    }
  }
  const jwk = {
    ...(createPrivateKey(material.pkcs8).export({ format: 'jwk' }) as Record<string, string>),
    kid: version.kid,
    alg: record.alg,
    use: useOf(record),
  }
  switch (format ?? 'pem') {
    case 'pem':
      return material.pkcs8
    case 'jwk':
      return json(jwk)
    case 'jwks':
      return json({ keys: [jwk] })
    default:
      throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'A private key exports as pem, jwk or jwks.')
  }
}
