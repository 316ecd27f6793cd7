/**
 * Stored keys' metadata in the settings file, read through a schema. A malformed record is
 * skipped with a warning naming it and written back untouched, so one bad record never hides
 * the others and nothing is ever lost.
 */
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto'
import { calculateJwkThumbprint, type JWK } from 'jose'
import * as z from 'zod/mini'
import {
  isJwsAlg,
  kindOfAlg,
  STORED_KEY_ALGS,
  STORED_KEY_KINDS,
  useOfAlg,
  type StoredKeyAlg,
  type StoredKeyKind,
} from '../../../shared/algorithms'
import { WorkbenchError } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import type { CoreEnv } from '../env'
import type { JsonValue } from '../settings/settings-store'
import { materialOf, type Material } from './key-material'
import { keyDetail } from './usable-key'

const VersionRecordSchema = z.lazy(() =>
  z.looseObject({
    kid: z.string().check(z.minLength(1), z.maxLength(LIMITS.kid)),
    status: z.enum(['active', 'retiring']),
    createdAt: z.string(),
    /** Keychain account holding the private material; absent for verify-only keys. */
    account: z.optional(z.string()),
    publicJwk: z.optional(z.record(z.string(), z.string())),
  }),
)

const KeyRecordSchema = z.lazy(() =>
  z
    .looseObject({
      name: z.string().check(z.minLength(1), z.maxLength(LIMITS.keyName)),
      kind: z.enum(STORED_KEY_KINDS),
      alg: z.enum(STORED_KEY_ALGS),
      /** Absent in records made before encryption keys: those sign. */
      use: z.optional(z.enum(['sig', 'enc'])),
      detail: z.string(),
      /** RSA modulus bits or HMAC secret bytes: what rotation reproduces. */
      size: z.optional(z.int().check(z.positive())),
      createdAt: z.string(),
      rotatedAt: z.optional(z.string()),
      tags: z.array(z.string()),
      verifyOnly: z.boolean(),
      versions: z.array(VersionRecordSchema).check(z.minLength(1)),
    })
    .check(
      z.refine((r) => r.versions.filter((v) => v.status === 'active').length === 1, {
        message: 'exactly one version must be active',
      }),
    ),
)

export type VersionRecord = z.infer<typeof VersionRecordSchema>
export type KeyRecord = z.infer<typeof KeyRecordSchema>
export type KeyMap = Record<string, KeyRecord>

const SECTION = 'keys'

/** The valid records, and the names of the malformed ones (kept in the file untouched). */
export interface KeyRecords {
  records: KeyMap
  malformed: string[]
}

/** Reads the key records; warns once per read about each malformed one. */
export function readKeyRecords(env: CoreEnv): KeyRecords {
  const { records, malformed } = parseSection(env.settings.get(SECTION))
  for (const [name, reason] of malformed) {
    env.warn(
      `The stored key record "${clip(name)}" in ${env.settings.path} is malformed (${reason}); it is skipped and left in the file untouched. Fix or delete that entry by hand.`,
    )
  }
  return { records, malformed: malformed.map(([name]) => name) }
}

/**
 * Changes the valid records under the settings lock (fresh from disk); malformed records are
 * written back as they were, and their names stay taken.
 */
export async function updateKeyRecords(
  env: CoreEnv,
  change: (records: KeyMap, taken: string[]) => void,
): Promise<void> {
  await env.settings.update(SECTION, (current) => {
    const { records, malformed } = parseSection(current)
    const raw = isObject(current) ? current : {}
    change(records, [...Object.keys(records), ...malformed.map(([name]) => name)])
    const next: Record<string, JsonValue | undefined> = {}
    for (const [name] of malformed) next[name] = raw[name]
    for (const [name, record] of Object.entries(records)) next[name] = record as JsonValue
    return next
  })
}

/** The record named `name`, or ERR_KEY_NOT_FOUND. */
export function findRecord(records: KeyMap, name: string): KeyRecord {
  const record = Object.hasOwn(records, name) ? records[name] : undefined
  if (!record) {
    throw new WorkbenchError(
      'ERR_KEY_NOT_FOUND',
      `No stored key named "${clip(name)}". Run \`jwtw keys list\` to see the stored keys.`,
    )
  }
  return record
}

/** What a record's key is for: encryption keys never sign or verify, signing keys never decrypt. */
export function useOf(record: KeyRecord): 'sig' | 'enc' {
  return record.use ?? 'sig'
}

/** The active version of a record. */
export function activeVersion(record: KeyRecord): VersionRecord {
  return record.versions.find((v) => v.status === 'active')!
}

/** Active first, then retiring, newest first. */
export function orderedVersions(record: KeyRecord): VersionRecord[] {
  return [...record.versions].sort((a, b) =>
    a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'active' ? -1 : 1,
  )
}

function parseSection(value: JsonValue | undefined): {
  records: KeyMap
  malformed: Array<[string, string]>
} {
  const records: KeyMap = {}
  const malformed: Array<[string, string]> = []
  if (!isObject(value)) return { records, malformed }
  for (const [name, raw] of Object.entries(value)) {
    const parsed = KeyRecordSchema.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      malformed.push([
        name,
        issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid',
      ])
    } else if (parsed.data.name !== name) {
      malformed.push([name, `its name says "${clip(parsed.data.name)}"`])
    } else {
      records[name] = parsed.data
    }
  }
  return { records, malformed }
}

function isObject(value: JsonValue | undefined): value is Record<string, JsonValue | undefined> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A record about to be stored, with the material its first version puts in the keychain. */
export interface NewKey {
  record: KeyRecord
  material?: Material
  /** More versions (a restored key's retiring ones) and their material. */
  extra?: Array<{ version: VersionRecord; material: Material }>
}

/**
 * The record of a new key: one active version, its kid the RFC 7638 thumbprint (random for an
 * HMAC secret: a thumbprint would hash the secret itself) unless one is given.
 */
export async function newRecord(
  name: string,
  alg: StoredKeyAlg,
  key: KeyObject | Uint8Array,
  createdAt: string,
  options: { kid?: string; tags: string[]; verifyOnly?: boolean },
): Promise<NewKey> {
  const version: VersionRecord = { kid: '', status: 'active', createdAt }
  const use = useOfAlg(alg)
  const record: KeyRecord = {
    name,
    kind: isJwsAlg(alg) ? kindOfAlg(alg) : encryptionKind(key),
    alg,
    use,
    detail: '',
    createdAt,
    tags: options.tags,
    verifyOnly: options.verifyOnly === true,
    versions: [version],
  }
  if (key instanceof Uint8Array) {
    version.kid = options.kid ?? randomBytes(12).toString('base64url')
    record.detail =
      use === 'sig' ? `HMAC secret, ${key.length} bytes` : `AES key, ${key.length * 8} bits`
    record.size = key.length
  } else {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key
    const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>
    version.kid = options.kid ?? (await calculateJwkThumbprint(jwk as JWK))
    version.publicJwk = { ...jwk, kid: version.kid, alg, use }
    record.detail = keyDetail(publicKey)
    if (record.kind === 'rsa') record.size = publicKey.asymmetricKeyDetails?.modulusLength
  }
  return options.verifyOnly ? { record } : { record, material: materialOf(key) }
}

/** The stored kind of an encryption key, by its material. */
function encryptionKind(key: KeyObject | Uint8Array): StoredKeyKind {
  if (key instanceof Uint8Array) return 'aes'
  const type = key.asymmetricKeyType
  if (type === 'rsa' || type === 'ec' || type === 'x25519') return type
  throw new WorkbenchError(
    'ERR_UNSUPPORTED_ALG',
    `A ${type ?? 'unknown'} key cannot encrypt JWE here: use RSA, EC P-256/384/521, X25519 or an AES key.`,
  )
}
