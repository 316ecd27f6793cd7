/**
 * Stored keys: private material only in the OS keychain (one entry per key version), metadata
 * (kind, alg, kid, public JWK, times, status, tags) in the settings file. Rotation keeps the
 * previous version as "retiring": published and accepted, never used to sign. Every key is
 * judged as it enters (weak RSA keys and too-short secrets refused, weak secrets warned).
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { kindOfAlg, type HmacAlg, type JwsAlg } from '../../../shared/algorithms'
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
import { keyOfMaterial, loadMaterial, newKeyAccount } from './key-material'
import {
  activeVersion,
  findRecord,
  newRecord,
  orderedVersions,
  readKeyRecords,
  updateKeyRecords,
  type KeyMap,
  type NewKey,
} from './key-records'
import { assertFree, assertName, tagsOf, verifyOnly } from './key-rules'
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

export interface KeyStore {
  list(): Promise<KeySummary[]>
  get(name: string): Promise<KeySummary>
  signingKey(name: string): Promise<LoadedKey>
  verificationKeys(name: string): Promise<LoadedKey[]>
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
}

/** A new record's first version, before its material is stored. */

/** Opens the key store over the environment's keychain and settings file. */
export function openKeyStore(env: CoreEnv): KeyStore {
  const { keychain } = env
  const now = () => env.now().toISOString()
  const records = (): KeyMap => readKeyRecords(env).records
  const summaryOf = async (name: string): Promise<KeySummary> =>
    summarize(findRecord(records(), name), new Set(await keychain.list()))

  /** Stores new keys: keychain first, then metadata; undoes the keychain on failure. */
  async function create(keys: NewKey[], warnings: string[] = []): Promise<KeySummary[]> {
    const written: string[] = []
    try {
      for (const { record, material } of keys) {
        if (!material) continue
        const version = record.versions[0]!
        version.account = newKeyAccount(record.name)
        await keychain.set(version.account, JSON.stringify(material))
        written.push(version.account)
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
      if (record.verifyOnly) throw verifyOnly(name)
      const version = activeVersion(record)
      const key = keyOfMaterial(await loadMaterial(keychain, version.account!, name, version.kid))
      judgeStored(key, name)
      return { name, alg: record.alg, kid: version.kid, key, status: 'active' }
    },

    async verificationKeys(name) {
      const record = findRecord(records(), name)
      const keys: LoadedKey[] = []
      for (const version of orderedVersions(record)) {
        const base = { name, alg: record.alg, kid: version.kid, status: version.status }
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

    async generate(name, options) {
      assertName(name)
      assertFree(Object.keys(records()), name)
      const { alg } = options
      const key = await newMaterial(kindOfAlg(alg), alg, generatedSize(alg, options.bits))
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
      assertFree(Object.keys(records()), name)
      const { entries, warnings } = await planImport(name, input, options)
      entries.forEach((e) => assertName(e.name))
      const tags = tagsOf(options.tags)
      const keys: NewKey[] = []
      for (const { name: entryName, alg, key, kid, verifyOnly } of entries) {
        const opts = { tags, verifyOnly, ...(kid === undefined ? {} : { kid }) }
        keys.push(await newRecord(entryName, alg, key, now(), opts))
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
      const key = await newMaterial(record.kind, record.alg, record.size)
      const fresh = await newRecord(name, record.alg, key, now(), { tags: [] })
      const version = fresh.record.versions[0]!
      version.account = newKeyAccount(name)
      await keychain.set(version.account, JSON.stringify(fresh.material))
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
        await keychain.delete(version.account).catch(() => false)
        throw error
      }
      return summaryOf(name)
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
          .filter((k) => k.kind !== 'hmac')
          .flatMap((k) => orderedVersions(k).map((v) => v.publicJwk!))
          .filter(Boolean),
      }
    },
  }
  return store
}

/** A stored key is judged again on use: one stored before the rules existed is refused too. */
function judgeStored(key: KeyObject | Uint8Array, name: string): void {
  if (!(key instanceof Uint8Array)) assertKeyNotWeak(key, `Stored key "${clip(name)}"`)
}
