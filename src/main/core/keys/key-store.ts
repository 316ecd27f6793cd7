/**
 * Stored keys: private material only in the OS keychain (one entry per key version), metadata
 * (kind, alg, kid, public JWK, times, status, tags) in the settings file. Rotation keeps the
 * previous version as "retiring": published and accepted, never used to sign. Every key is
 * judged as it enters (weak RSA keys and too-short secrets refused, weak secrets warned).
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { calculateJwkThumbprint, type JWK } from 'jose'
import {
  isJwsAlg,
  isSecretKind,
  type HmacAlg,
  type JwsAlg,
  type StoredKeyAlg,
} from '../../../shared/algorithms'
import type { StoredJweAlg } from '../../../shared/jwe-algorithms'
import { WorkbenchError } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import type {
  GenerateKeyOptions,
  ImportKeyOptions,
  PrivateExportFormat,
  PublicExportFormat,
} from '../../../shared/stored-key-schemas'
import type { KeySummary } from '../../../shared/stored-key-types'
import type { CoreEnv } from '../env'
import { exportPrivate, exportPublic } from './key-export'
import { generatedSize, newMaterial } from './key-generate'
import { planImport, secretJudged } from './key-import'
import { keyOfMaterial, loadMaterial, newKeyAccount, withMeta, type Material } from './key-material'
import {
  activeVersion,
  findRecord,
  newRecord,
  orderedVersions,
  readKeyRecords,
  updateKeyRecords,
  type KeyMap,
  type KeyRecord,
  type NewKey,
  type VersionRecord,
  useOf,
} from './key-records'
import { assertFree, assertName, tagsOf, verifyOnly, wrongUse } from './key-rules'
import { assertKeyNotWeak } from './key-strength'
import { summarize } from './key-summary'

/** A key ready to sign or verify with; material never leaves the main process. */
export interface LoadedKey {
  name: string
  alg: JwsAlg
  kid: string
  /** KeyObject (private to sign, public to verify) or the HMAC secret bytes. */
  key: KeyObject | Uint8Array
  status: 'active' | 'retiring'
}

/** An encryption key: the recipient's public key (or secret) to encrypt, private ones to decrypt. */
export interface LoadedEncryptionKey {
  name: string
  alg: StoredJweAlg
  kid: string
  key: KeyObject | Uint8Array
  status: 'active' | 'retiring'
}

export interface KeyStore {
  list(): Promise<KeySummary[]>
  get(name: string): Promise<KeySummary>
  signingKey(name: string): Promise<LoadedKey>
  verificationKeys(name: string): Promise<LoadedKey[]>
  /** The active version's public key (or secret) of an encryption key. */
  encryptionKey(name: string): Promise<LoadedEncryptionKey>
  /** Every version's private key (or secret) of an encryption key: retiring ones still decrypt. */
  decryptionKeys(name: string): Promise<LoadedEncryptionKey[]>
  /** Every stored encryption key that can decrypt (not verify-only), each version. */
  allDecryptionKeys(): Promise<LoadedEncryptionKey[]>
  generate(name: string, options: GenerateKeyOptions): Promise<KeySummary>
  importKey(
    name: string,
    input: string | Uint8Array,
    options?: ImportKeyOptions,
  ): Promise<KeySummary[]>
  saveHmacSecret(
    name: string,
    bytes: Uint8Array,
    alg: HmacAlg,
    options?: { tags?: string[] },
  ): Promise<KeySummary>
  exportPublic(name: string, format: PublicExportFormat): Promise<string>
  exportPrivate(name: string, format?: PrivateExportFormat): Promise<string>
  rotate(name: string): Promise<KeySummary>
  setKid(name: string, kid: string): Promise<KeySummary>
  setTags(name: string, tags: string[]): Promise<KeySummary>
  /** Deletes the key (or only its retiring versions) and its keychain entries. */
  remove(name: string, options?: { retiringOnly?: boolean }): Promise<void>
  /** Public JWKs (active and retiring) of `names`, or of every key that signs. No keychain. */
  publishedJwks(names?: string[]): { keys: Record<string, string>[] }
  /**
   * Rebuilds a key from versions found in the keychain (after a lost settings file): each
   * keeps its kid; the newest is active, the others retiring.
   */
  restoreVersions(name: string, alg: StoredKeyAlg, versions: RestoredVersion[]): Promise<KeySummary>
}

/** A version read back from its keychain entry. */
export interface RestoredVersion {
  key: KeyObject | Uint8Array
  kid: string
  createdAt: string
}

/** Opens the key store over the environment's keychain and settings file. */
export function openKeyStore(env: CoreEnv): KeyStore {
  const { keychain } = env
  const now = () => env.now().toISOString()
  const records = (): KeyMap => readKeyRecords(env).records
  const summaryOf = async (name: string): Promise<KeySummary> =>
    summarize(findRecord(records(), name), new Set(await keychain.list()))

  /** Writes a version's material, with what it says about itself, to a new keychain entry. */
  async function writeVersion(record: KeyRecord, version: VersionRecord, material: Material) {
    version.account = newKeyAccount(record.name)
    const meta = {
      name: record.name,
      kid: version.kid,
      alg: record.alg,
      createdAt: version.createdAt,
    }
    await keychain.set(version.account, JSON.stringify(withMeta(material, meta)))
    return version.account
  }

  /** Stores new keys: keychain first, then metadata; undoes the keychain on failure. */
  async function create(keys: NewKey[], warnings: string[] = []): Promise<KeySummary[]> {
    const written: string[] = []
    try {
      for (const { record, material, extra } of keys) {
        if (material) written.push(await writeVersion(record, record.versions[0]!, material))
        for (const more of extra ?? []) {
          written.push(await writeVersion(record, more.version, more.material))
        }
      }
      await updateKeyRecords(env, (map, taken) => {
        for (const { record } of keys) {
          assertFree(taken, record.name)
          map[record.name] = record
        }
      })
    } catch (error) {
      for (const account of written) await keychain.delete(account).catch(() => false)
      throw error
    }
    const accounts = new Set(written)
    return keys.map(({ record }) => {
      const summary = summarize(record, accounts)
      if (warnings.length > 0) summary.warnings = warnings
      return summary
    })
  }

  const store: KeyStore = {
    async list() {
      const accounts = new Set(await keychain.list())
      return Object.values(records())
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((record) => summarize(record, accounts))
    },

    get: (name) => summaryOf(name),

    async signingKey(name) {
      const record = findRecord(records(), name)
      const alg = signatureAlg(record)
      if (record.verifyOnly) throw verifyOnly(name)
      const version = activeVersion(record)
      const key = keyOfMaterial(await loadMaterial(keychain, version.account!, name, version.kid))
      judgeStored(key, name)
      return { name, alg, kid: version.kid, key, status: 'active' }
    },

    async verificationKeys(name) {
      const record = findRecord(records(), name)
      const alg = signatureAlg(record)
      const keys: LoadedKey[] = []
      for (const version of orderedVersions(record)) {
        const base = { name, alg, kid: version.kid, status: version.status }
        if (version.publicJwk) {
          const key = createPublicKey({ key: version.publicJwk, format: 'jwk' })
          judgeStored(key, name)
          keys.push({ ...base, key })
          continue
        }
        try {
          if (!version.account) throw verifyOnly(name)
          const material = await loadMaterial(keychain, version.account, name, version.kid)
          if ('oct' in material) keys.push({ ...base, key: keyOfMaterial(material) })
        } catch (error) {
          // A retiring HMAC secret deleted outside the app only narrows what verifies.
          const code = (error as WorkbenchError).code
          if (version.status === 'active' || code !== 'ERR_KEY_SECRET_MISSING') throw error
        }
      }
      return keys
    },

    async encryptionKey(name) {
      const record = findRecord(records(), name)
      const alg = encryptionAlg(record)
      const version = activeVersion(record)
      const base = { name, alg, kid: version.kid, status: 'active' as const }
      if (version.publicJwk) {
        return { ...base, key: createPublicKey({ key: version.publicJwk, format: 'jwk' }) }
      }
      const material = await loadMaterial(keychain, version.account!, name, version.kid)
      return { ...base, key: keyOfMaterial(material) }
    },

    async decryptionKeys(name) {
      const record = findRecord(records(), name)
      const alg = encryptionAlg(record)
      if (record.verifyOnly) {
        throw new WorkbenchError(
          'ERR_KEY_VERIFY_ONLY',
          `Key "${clip(name)}" is a public key: it encrypts to its owner but cannot decrypt.`,
        )
      }
      const keys: LoadedEncryptionKey[] = []
      for (const version of orderedVersions(record)) {
        if (!version.account) continue
        try {
          const material = await loadMaterial(keychain, version.account, name, version.kid)
          const base = { name, alg, kid: version.kid, status: version.status }
          keys.push({ ...base, key: keyOfMaterial(material) })
        } catch (error) {
          const code = (error as WorkbenchError).code
          if (version.status === 'active' || code !== 'ERR_KEY_SECRET_MISSING') throw error
        }
      }
      return keys
    },

    async allDecryptionKeys() {
      const usable = Object.values(records()).filter((r) => useOf(r) === 'enc' && !r.verifyOnly)
      const keys: LoadedEncryptionKey[] = []
      for (const record of usable.sort((a, b) => a.name.localeCompare(b.name))) {
        keys.push(...(await store.decryptionKeys(record.name)))
      }
      return keys
    },

    async generate(name, options) {
      assertName(name)
      assertFree(Object.keys(records()), name)
      const { alg } = options
      const key = await newMaterial(alg, generatedSize(alg, options.bits), options.curve)
      const [summary] = await create([
        await newRecord(name, alg, key, now(), {
          ...(options.kid === undefined ? {} : { kid: options.kid }),
          tags: tagsOf(options.tags),
        }),
      ])
      return summary!
    },

    async importKey(name, input, options = {}) {
      assertName(name)
      const existing = records()
      assertFree(Object.keys(existing), name)
      const { entries, warnings } = await planImport(name, input, options)
      entries.forEach((e) => assertName(e.name))
      const tags = tagsOf(options.tags)
      const keys: NewKey[] = []
      for (const { name: entryName, alg, key, kid, verifyOnly } of entries) {
        const opts = { tags, verifyOnly, ...(kid === undefined ? {} : { kid }) }
        const added = await newRecord(entryName, alg, key, now(), opts)
        const twin = await storedTwin(existing, key)
        if (twin) {
          warnings.push(
            `This key is already stored as "${clip(twin)}" (same public key); "${clip(entryName)}" is a second copy.`,
          )
        }
        keys.push(added)
      }
      return create(keys, warnings)
    },

    async saveHmacSecret(name, bytes, alg, options = {}) {
      assertName(name)
      assertFree(Object.keys(records()), name)
      if (bytes.length === 0) throw new WorkbenchError('ERR_NO_KEY', 'The secret is empty.')
      if (bytes.length > LIMITS.hmacSecretBytes) {
        throw new WorkbenchError(
          'ERR_INPUT_TOO_LARGE',
          `An HMAC secret over ${LIMITS.hmacSecretBytes} bytes is refused.`,
        )
      }
      const warnings = secretJudged(bytes, alg)
      const [summary] = await create(
        [await newRecord(name, alg, bytes, now(), { tags: tagsOf(options.tags) })],
        warnings,
      )
      return summary!
    },

    async exportPublic(name, format) {
      return exportPublic(findRecord(records(), name), format)
    },

    async exportPrivate(name, format) {
      const record = findRecord(records(), name)
      if (record.verifyOnly) throw verifyOnly(name)
      const version = activeVersion(record)
      const material = await loadMaterial(keychain, version.account!, name, version.kid)
      return exportPrivate(record, version, material, format)
    },

    async rotate(name) {
      const record = findRecord(records(), name)
      if (record.verifyOnly) throw verifyOnly(name)
      const key = await newMaterial(record.alg, record.size, curveOf(activeVersion(record)))
      const fresh = await newRecord(name, record.alg, key, now(), { tags: [] })
      const version = fresh.record.versions[0]!
      await writeVersion(record, version, fresh.material!)
      try {
        await updateKeyRecords(env, (map) => {
          const current = map[name]
          if (!current) {
            throw new WorkbenchError(
              'ERR_KEY_NOT_FOUND',
              `Key "${clip(name)}" was deleted meanwhile.`,
            )
          }
          for (const v of current.versions) v.status = 'retiring'
          current.versions.unshift(version)
          current.rotatedAt = version.createdAt
        })
      } catch (error) {
        await keychain.delete(version.account!).catch(() => false)
        throw error
      }
      return summaryOf(name)
    },

    async restoreVersions(name, alg, versions) {
      assertName(name)
      assertFree(Object.keys(records()), name)
      const newest = [...versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      const [active, ...retiring] = newest
      if (!active) throw new WorkbenchError('ERR_KEY_NOT_FOUND', 'No versions to restore.')
      const first = await newRecord(name, alg, active.key, active.createdAt, {
        kid: active.kid,
        tags: [],
      })
      first.extra = []
      for (const v of retiring) {
        const made = await newRecord(name, alg, v.key, v.createdAt, { kid: v.kid, tags: [] })
        const version = { ...made.record.versions[0]!, status: 'retiring' as const }
        first.record.versions.push(version)
        first.extra.push({ version, material: made.material! })
      }
      if (retiring.length > 0) first.record.rotatedAt = active.createdAt
      const [summary] = await create([first])
      return summary!
    },

    async setKid(name, kid) {
      if (kid.length === 0 || kid.length > LIMITS.kid) {
        throw new WorkbenchError('ERR_INVALID_ARGUMENT', `A kid is 1 to ${LIMITS.kid} characters.`)
      }
      await updateKeyRecords(env, (map) => {
        const record = findRecord(map, name)
        const version = activeVersion(record)
        if (record.versions.some((v) => v !== version && v.kid === kid)) {
          throw new WorkbenchError(
            'ERR_KEY_EXISTS',
            `Another version of "${clip(name)}" has kid ${clip(kid)}.`,
          )
        }
        version.kid = kid
        if (version.publicJwk) version.publicJwk['kid'] = kid
      })
      // The entry says its kid too (what a recovery restores).
      const record = findRecord(records(), name)
      const version = activeVersion(record)
      if (version.account) {
        const material = await loadMaterial(keychain, version.account, name, version.kid)
        const meta = { name, kid, alg: record.alg, createdAt: version.createdAt }
        await keychain.set(version.account, JSON.stringify(withMeta(material, meta)))
      }
      return summaryOf(name)
    },

    async setTags(name, tags) {
      const clean = tagsOf(tags)
      await updateKeyRecords(env, (map) => void (findRecord(map, name).tags = clean))
      return summaryOf(name)
    },

    async remove(name, options = {}) {
      const record = findRecord(records(), name)
      const doomed = record.versions.filter((v) => !options.retiringOnly || v.status === 'retiring')
      // Keychain first: if it is unreachable the metadata stays, so no secret is orphaned.
      for (const v of doomed) if (v.account) await keychain.delete(v.account)
      await updateKeyRecords(env, (map) => {
        const current = map[name]
        if (!current) return
        if (options.retiringOnly) {
          current.versions = current.versions.filter((v) => v.status === 'active')
        } else delete map[name]
      })
    },

    publishedJwks(names) {
      const map = records()
      const chosen =
        names === undefined || names.length === 0
          ? Object.values(map).filter((k) => !k.verifyOnly)
          : names.map((n) => findRecord(map, n))
      return {
        keys: chosen
          .filter((k) => !isSecretKind(k.kind))
          .flatMap((k) => orderedVersions(k).map((v) => v.publicJwk!))
          .filter(Boolean),
      }
    },
  }
  return store
}

/** The name of a stored key with the same public key as `key`, if any (secrets are not compared). */
async function storedTwin(map: KeyMap, key: KeyObject | Uint8Array): Promise<string | undefined> {
  if (key instanceof Uint8Array) return undefined
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  const thumbprint = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK)
  for (const record of Object.values(map)) {
    for (const version of record.versions) {
      const jwk = version.publicJwk
      if (!jwk) continue
      if ((await calculateJwkThumbprint(jwk as JWK)) === thumbprint) return record.name
    }
  }
  return undefined
}

/** The JWS alg of a signing key; ERR_KEY_UNFIT for an encryption key. */
function signatureAlg(record: KeyRecord): JwsAlg {
  if (useOf(record) !== 'sig' || !isJwsAlg(record.alg)) throw wrongUse(record.name, 'enc')
  return record.alg
}

/** The JWE alg of an encryption key; ERR_KEY_UNFIT for a signing key. */
function encryptionAlg(record: KeyRecord): StoredJweAlg {
  if (useOf(record) !== 'enc' || isJwsAlg(record.alg)) throw wrongUse(record.name, 'sig')
  return record.alg
}

/** The curve of an EC or X25519 version (what a rotation keeps). */
function curveOf(version: VersionRecord): string | undefined {
  return version.publicJwk?.['crv']
}

/** A stored key is judged again on use: one stored before the rules existed is refused too. */
function judgeStored(key: KeyObject | Uint8Array, name: string): void {
  if (!(key instanceof Uint8Array)) assertKeyNotWeak(key, `Stored key "${clip(name)}"`)
}
