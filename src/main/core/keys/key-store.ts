/**
 * Stored keys: private material only in the OS keychain (one entry per key version), metadata
 * (kind, alg, kid, public JWK, times, status, tags) in the settings file. Rotation keeps the
 * previous version as "retiring": published and accepted, never used to sign. Every key is
 * judged as it enters (weak RSA keys and too-short secrets refused, weak secrets warned).
 */
import { createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { calculateJwkThumbprint, type JWK } from 'jose'
import {
  hmacMinBytes,
  isHmacAlg,
  JWS_ALGORITHMS,
  kindOfAlg,
  RSA_RULES,
  type HmacAlg,
  type JwsAlg,
  type StoredKeyKind,
} from '../../../shared/algorithms'
import { WorkbenchError } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import type {
  GenerateKeyOptions,
  ImportKeyOptions,
  PrivateExportFormat,
  PublicExportFormat,
} from '../../../shared/stored-key-schemas'
import {
  cleanTags,
  keyNameProblem,
  type KeySummary,
  type KeyVersionSummary,
} from '../../../shared/stored-key-types'
import type { CoreEnv } from '../env'
import { exportPrivate, exportPublic } from './key-export'
import {
  keyOfMaterial,
  loadMaterial,
  materialOf,
  newKeyAccount,
  type Material,
} from './key-material'
import { parseKeyText, parseSecret, sniffKeyText, type ParsedKey } from './key-parse'
import {
  activeVersion,
  findRecord,
  orderedVersions,
  readKeyRecords,
  updateKeyRecords,
  type KeyMap,
  type KeyRecord,
  type VersionRecord,
} from './key-records'
import { assertKeyNotWeak, assertSecretUsable, secretWarnings } from './key-strength'
import { asymmetricKey, describeKeyObject, secretKey } from './usable-key'

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

const HMAC_DEFAULT_BYTES = 64
const generateKeyPairAsync = promisify(generateKeyPair)

/** A new record's first version, before its material is stored. */
interface NewKey {
  record: KeyRecord
  material?: Material
}

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

  async function versionFor(
    alg: JwsAlg,
    publicKey: KeyObject | undefined,
    kid: string | undefined,
  ): Promise<VersionRecord> {
    const version: VersionRecord = { kid: '', status: 'active', createdAt: now() }
    if (publicKey) {
      const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>
      version.kid = kid ?? (await calculateJwkThumbprint(jwk as JWK))
      version.publicJwk = { ...jwk, kid: version.kid, alg, use: 'sig' }
    } else {
      // A thumbprint of an HMAC key would hash the secret itself: a random kid gives nothing away.
      version.kid = kid ?? randomBytes(12).toString('base64url')
    }
    return version
  }

  async function recordFor(
    name: string,
    alg: JwsAlg,
    key: KeyObject | Uint8Array,
    options: { kid?: string; tags?: string[]; verifyOnly?: boolean },
  ): Promise<NewKey> {
    const publicKey =
      key instanceof Uint8Array ? undefined : key.type === 'private' ? createPublicKey(key) : key
    const version = await versionFor(alg, publicKey, options.kid)
    const record: KeyRecord = {
      name,
      kind: kindOfAlg(alg),
      alg,
      detail:
        key instanceof Uint8Array
          ? `HMAC secret, ${key.length} bytes`
          : describeKeyObject(publicKey!).detail,
      createdAt: version.createdAt,
      tags: tagsOf(options.tags),
      verifyOnly: options.verifyOnly === true,
      versions: [version],
    }
    if (key instanceof Uint8Array) record.size = key.length
    else if (record.kind === 'rsa') record.size = publicKey!.asymmetricKeyDetails?.modulusLength
    return options.verifyOnly ? { record } : { record, material: materialOf(key) }
  }

  async function newMaterial(
    kind: StoredKeyKind,
    alg: JwsAlg,
    size: number | undefined,
  ): Promise<KeyObject | Uint8Array> {
    if (kind === 'hmac') return new Uint8Array(randomBytes(size ?? HMAC_DEFAULT_BYTES))
    if (kind === 'rsa') {
      return (await generateKeyPairAsync('rsa', { modulusLength: size ?? 2048 })).privateKey
    }
    if (kind === 'ec') {
      const namedCurve = JWS_ALGORITHMS[alg].curve!
      return (await generateKeyPairAsync('ec', { namedCurve })).privateKey
    }
    return (await generateKeyPairAsync('ed25519')).privateKey
  }

  async function importParsed(
    name: string,
    parsed: ParsedKey[],
    options: ImportKeyOptions,
  ): Promise<KeySummary[]> {
    const names = parsed.length > 1 ? parsed.map((_, i) => `${name}-${i + 1}`) : [name]
    names.forEach(assertName)
    const keys: NewKey[] = []
    const warnings: string[] = []
    for (const [i, p] of parsed.entries()) {
      assertImportable(p)
      const use = p.alg === undefined ? {} : { alg: p.alg }
      const { description } =
        p.key instanceof Uint8Array
          ? secretKey(p.key, p.origin, use)
          : await asymmetricKey(p.key, p.origin, use)
      const algs = description.algs
      const alg = options.alg ?? algs[0]
      if (alg === undefined) {
        throw new WorkbenchError(
          'ERR_UNSUPPORTED_ALG',
          `${description.detail} has no JWS algorithm here${p.alg ? ` (its JWK says alg ${clip(p.alg, 20)})` : ''}.`,
        )
      }
      if (!algs.includes(alg)) {
        throw new WorkbenchError(
          'ERR_KEY_ALG_MISMATCH',
          `${alg} does not fit ${description.detail}; it fits ${algs.join(', ')}.`,
        )
      }
      if (p.key instanceof Uint8Array) {
        assertSecretUsable(p.key)
        warnings.push(...secretWarnings(p.key, alg as HmacAlg))
      }
      const kid = parsed.length > 1 ? p.kid : (options.kid ?? p.kid)
      keys.push(
        await recordFor(names[i]!, alg, p.key, {
          ...(kid === undefined ? {} : { kid }),
          ...(options.tags ? { tags: options.tags } : {}),
          verifyOnly: !(p.key instanceof Uint8Array) && p.key.type === 'public',
        }),
      )
    }
    return create(keys, warnings)
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
      const kind = kindOfAlg(alg)
      let size: number | undefined
      if (kind === 'rsa') {
        size = options.bits ?? 2048
        if (!(RSA_RULES.generatedBits as readonly number[]).includes(size)) {
          throw new WorkbenchError(
            'ERR_INVALID_ARGUMENT',
            `RSA keys are ${RSA_RULES.generatedBits.join(', ')} bits, not ${size}.`,
          )
        }
      } else if (isHmacAlg(alg)) {
        size = options.bits === undefined ? HMAC_DEFAULT_BYTES : options.bits / 8
        const min = hmacMinBytes(alg)
        if (!Number.isInteger(size) || size < min || size > 1024) {
          throw new WorkbenchError(
            'ERR_INVALID_ARGUMENT',
            `An ${alg} secret is ${min * 8} to 8192 bits, in whole bytes.`,
          )
        }
      }
      const key = await newMaterial(kind, alg, size)
      const [summary] = await create([
        await recordFor(name, alg, key, {
          ...(options.kid === undefined ? {} : { kid: options.kid }),
          ...(options.tags ? { tags: options.tags } : {}),
        }),
      ])
      return summary!
    },

    async importKey(name, input, options = {}) {
      assertName(name)
      assertFree(Object.keys(records()), name)
      // Bytes that are not UTF-8 can only be a raw HMAC secret; text may be a key or a secret.
      const text = typeof input === 'string' ? input : utf8OrNull(input)
      if (text === null || sniffKeyText(text) === 'secret') {
        const bytes =
          text === null
            ? (input as Uint8Array)
            : // Files end with a newline that is not part of the secret.
              parseSecret(text.replace(/\r?\n$/, ''), options.secretEncoding)
        if (!isHmacAlg(options.alg)) {
          throw new WorkbenchError(
            'ERR_INVALID_KEY',
            'This is not a PEM key, certificate or JWK. To import it as an HMAC secret, give --alg HS256, HS384 or HS512.',
          )
        }
        return [await store.saveHmacSecret(name, bytes, options.alg, options)]
      }
      const parsed = parseKeyText(text)
      if (parsed.mixesSecrets) {
        throw new WorkbenchError(
          'ERR_JWKS_MIXED_KEY_TYPES',
          'The JWKS mixes HMAC secrets (kty oct) with public keys: a set that does is a mistake or an attack (published, its secrets are public). Split it and import each part.',
        )
      }
      if (parsed.duplicateKids.length > 0) {
        throw new WorkbenchError(
          'ERR_JWKS_DUPLICATE_KID',
          `The JWKS has several keys with kid ${parsed.duplicateKids.map((k) => `"${clip(k, 64)}"`).join(', ')}: a verifier cannot tell them apart. Fix the set before importing it.`,
        )
      }
      const wanted = options.kid
      const pick = (kid: string | undefined) =>
        !options.all || wanted === undefined || kid === wanted
      const refused = parsed.refused.filter((r) =>
        options.all ? pick(r.kid) : wanted === undefined || r.kid === wanted,
      )
      if (refused.length > 0) throw new WorkbenchError(refused[0]!.code, refused[0]!.message)
      let keys = parsed.keys
      if (parsed.set && wanted !== undefined) {
        keys = keys.filter((k) => k.kid === wanted)
        if (keys.length === 0) {
          throw new WorkbenchError(
            'ERR_JWKS_NO_MATCHING_KEY',
            `The JWKS has no key with kid "${clip(wanted)}".`,
          )
        }
      }
      if (keys.length > 1 && !options.all) {
        throw new WorkbenchError(
          'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
          `The JWKS holds ${keys.length} keys: pick one with --kid KID, or import them all with --all (as ${clip(name)}-1, ${clip(name)}-2, ...).`,
        )
      }
      return importParsed(name, keys, options.all ? { ...options, kid: undefined } : options)
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
      assertSecretUsable(bytes)
      const [summary] = await create(
        [await recordFor(name, alg, bytes, options.tags ? { tags: options.tags } : {})],
        secretWarnings(bytes, alg),
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
      const fresh = await recordFor(name, record.alg, key, {})
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

function summarize(record: KeyRecord, accounts: Set<string>): KeySummary {
  const secretOf = (v: VersionRecord): KeyVersionSummary['secret'] =>
    !v.account ? 'none' : accounts.has(v.account) ? 'present' : 'missing'
  const versions = orderedVersions(record).map((v) => {
    const s: KeyVersionSummary = {
      kid: v.kid,
      status: v.status,
      createdAt: v.createdAt,
      secret: secretOf(v),
    }
    if (v.publicJwk) s.publicJwk = { ...v.publicJwk }
    return s
  })
  const current = activeVersion(record)
  const summary: KeySummary = {
    name: record.name,
    kind: record.kind,
    alg: record.alg,
    kid: current.kid,
    detail: record.detail,
    createdAt: record.createdAt,
    tags: [...record.tags],
    verifyOnly: record.verifyOnly,
    secret: secretOf(current),
    versions,
  }
  if (record.rotatedAt) summary.rotatedAt = record.rotatedAt
  return summary
}

/** A stored key is judged again on use: one stored before the rules existed is refused too. */
function judgeStored(key: KeyObject | Uint8Array, name: string): void {
  if (!(key instanceof Uint8Array)) assertKeyNotWeak(key, `Stored key "${clip(name)}"`)
}

/**
 * A stored key signs or verifies JWS: a JWK published for encryption, or whose key_ops allow
 * neither signing nor verifying, is refused (the record keeps no use, so it is judged now).
 */
function assertImportable(p: ParsedKey): void {
  const what = p.kid === undefined ? 'The key' : `The key with kid "${clip(p.kid, 64)}"`
  if (p.use !== undefined && p.use !== 'sig') {
    throw new WorkbenchError(
      'ERR_KEY_UNFIT',
      `${what} is published with "use": ${JSON.stringify(p.use).slice(0, 20)}: it is not a signature key.`,
    )
  }
  if (p.keyOps !== undefined && !p.keyOps.some((op) => op === 'sign' || op === 'verify')) {
    throw new WorkbenchError(
      'ERR_KEY_UNFIT',
      `${what} has "key_ops" ${JSON.stringify(p.keyOps).slice(0, 80)}, without "sign" or "verify": it is not a signature key.`,
    )
  }
}

/** Validates a key name: ERR_INVALID_KEY_NAME with the rule when it breaks it. */
export function assertName(name: string): void {
  const problem = keyNameProblem(name)
  if (problem !== null) throw new WorkbenchError('ERR_INVALID_KEY_NAME', problem)
}

function assertFree(taken: string[], name: string): void {
  const lower = name.toLowerCase()
  const clash = taken.find((n) => n.toLowerCase() === lower)
  if (clash !== undefined) {
    throw new WorkbenchError(
      'ERR_KEY_EXISTS',
      `A key named "${clip(clash)}" already exists (names are unique regardless of case). Pick another name or delete it first.`,
    )
  }
}

function tagsOf(tags: string[] | undefined): string[] {
  const clean = cleanTags(tags ?? [])
  if (clean === null) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      `Up to ${LIMITS.tags} tags of ${LIMITS.tag} characters each.`,
    )
  }
  return clean
}

function verifyOnly(name: string): WorkbenchError {
  return new WorkbenchError(
    'ERR_KEY_VERIFY_ONLY',
    `Key "${clip(name)}" is a public key or certificate: it verifies but cannot sign, rotate or export private material.`,
  )
}

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
