/**
 * Stored keys: private material only in the OS keychain (one entry per key version), metadata
 * (kind, alg, kid, public JWK, times, status, tags) in the settings file. Rotation keeps the
 * previous version as "retiring": published and accepted, never used to sign.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto'
import { promisify } from 'node:util'
import { calculateJwkThumbprint, type JWK } from 'jose'
import { WorkbenchError } from '../../../shared/errors'
import { isJwsAlg, type JwsAlg } from '../../../shared/key-types'
import {
  KEY_NAME_PATTERN,
  type GenerateKeyOptions,
  type ImportKeyOptions,
  type KeySummary,
  type KeyVersionSummary,
  type PrivateExportFormat,
  type PublicExportFormat,
  type StoredKeyKind,
} from '../../../shared/stored-key-types'
import type { AppContext } from '../context'
import { createConfSettingsStore, type JsonValue, type SettingsStore } from '../settings/settings-store'
import { keysFromText, secretBytes, type UsableKey } from './key-source'

/** A key ready to sign or verify with; material never leaves the main process. */
export interface LoadedKey {
  name: string
  alg: JwsAlg
  kid: string
  /** KeyObject (private to sign, public to verify) or the HMAC secret bytes. */
  key: KeyObject | Uint8Array
  status: 'active' | 'retiring'
}

interface VersionRecord {
  kid: string
  status: 'active' | 'retiring'
  createdAt: string
  /** Keychain account holding the private material; absent for verify-only keys. */
  account?: string
  publicJwk?: Record<string, string>
}

interface KeyRecord {
  name: string
  kind: StoredKeyKind
  alg: JwsAlg
  detail: string
  /** RSA modulus bits or HMAC secret bytes: what rotation reproduces. */
  size?: number
  createdAt: string
  rotatedAt?: string
  tags: string[]
  verifyOnly: boolean
  versions: VersionRecord[]
}

type KeyMap = Record<string, KeyRecord>

/** Private material as it sits in the keychain. */
type Material = { v: 1; pkcs8: string } | { v: 1; oct: string }

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
    alg: 'HS256' | 'HS384' | 'HS512',
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

const SECTION = 'keys'
const RSA_BITS = [2048, 3072, 4096]
const HMAC_DEFAULT_BYTES = 64
const EC_CURVES: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }

const generateKeyPairAsync = promisify(generateKeyPair)

/** The settings store of a context (conf at ctx.settingsDir when the context brings none). */
export function settingsOf(ctx: AppContext): SettingsStore {
  return ctx.settings ?? createConfSettingsStore(ctx.settingsDir, ctx.warn)
}

/** Opens the key store over the context's keychain and settings file. */
export function openKeyStore(ctx: AppContext): KeyStore {
  const settings = settingsOf(ctx)
  const keychain = ctx.keychain
  const now = () => ctx.now().toISOString()

  const readAll = (): KeyMap => asKeyMap(settings.get(SECTION))
  const find = (name: string): KeyRecord => {
    const record = readAll()[name]
    if (!record) {
      throw new WorkbenchError(
        'ERR_KEY_NOT_FOUND',
        `No stored key named "${clip(name)}". Run \`jwtw keys list\` to see the stored keys.`,
      )
    }
    return record
  }
  const write = (change: (keys: KeyMap) => void): void => {
    settings.update(SECTION, (current) => {
      const keys = asKeyMap(current)
      change(keys)
      return keys as unknown as JsonValue
    })
  }
  const summaryOf = (record: KeyRecord, accounts: Set<string> | null): KeySummary =>
    summarize(record, accounts)
  const freshSummary = async (name: string): Promise<KeySummary> =>
    summaryOf(find(name), new Set(await keychain.list()))

  async function loadMaterial(record: KeyRecord, version: VersionRecord): Promise<Material> {
    if (!version.account) throw verifyOnly(record.name)
    const text = await keychain.get(version.account)
    if (text === null) {
      throw new WorkbenchError(
        'ERR_KEY_SECRET_MISSING',
        `The keychain entry of key "${clip(record.name)}" (kid ${clip(version.kid)}) was deleted outside the workbench. Delete the key (\`jwtw keys delete ${clip(record.name)}\`) and import or generate it again.`,
      )
    }
    return parseMaterial(text, record.name)
  }

  /** Stores new versions: keychain first, then metadata; undoes the keychain on failure. */
  async function create(
    records: Array<{ record: KeyRecord; material?: Material }>,
  ): Promise<KeySummary[]> {
    const written: string[] = []
    try {
      for (const { record, material } of records) {
        const version = record.versions[0]!
        if (material) {
          version.account = `key/${record.name}/${randomUUID()}`
          await keychain.set(version.account, JSON.stringify(material))
          written.push(version.account)
        }
      }
      write((keys) => {
        for (const { record } of records) {
          assertFree(keys, record.name)
          keys[record.name] = record
        }
      })
    } catch (error) {
      for (const account of written) await keychain.delete(account).catch(() => false)
      throw error
    }
    const accounts = new Set(written)
    return records.map(({ record }) => summaryOf(record, accounts))
  }

  async function newVersion(
    kind: StoredKeyKind,
    alg: JwsAlg,
    size: number | undefined,
  ): Promise<{ material: Material; publicKey?: KeyObject; detail: string; size?: number }> {
    if (kind === 'hmac') {
      const bytes = size ?? HMAC_DEFAULT_BYTES
      return {
        material: { v: 1, oct: randomBytes(bytes).toString('base64url') },
        detail: `HMAC secret, ${bytes} bytes`,
        size: bytes,
      }
    }
    let pair: { privateKey: KeyObject; publicKey: KeyObject }
    let detail: string
    if (kind === 'rsa') {
      const bits = size ?? 2048
      pair = await generateKeyPairAsync('rsa', { modulusLength: bits })
      detail = `RSA ${bits} bits`
    } else if (kind === 'ec') {
      const curve = EC_CURVES[alg]!
      pair = await generateKeyPairAsync('ec', { namedCurve: curve })
      detail = `EC ${curve}`
    } else {
      pair = await generateKeyPairAsync('ed25519')
      detail = 'Ed25519'
    }
    return {
      material: { v: 1, pkcs8: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
      publicKey: pair.publicKey,
      detail,
      ...(kind === 'rsa' ? { size: size ?? 2048 } : {}),
    }
  }

  async function versionFor(
    alg: JwsAlg,
    publicKey: KeyObject | undefined,
    kid: string | undefined,
  ): Promise<VersionRecord> {
    const version: VersionRecord = { kid: '', status: 'active', createdAt: now() }
    if (publicKey) {
      const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>
      const thumbprint = await calculateJwkThumbprint(jwk as JWK)
      version.kid = kid ?? thumbprint
      version.publicJwk = { ...jwk, kid: version.kid, alg, use: 'sig' }
    } else {
      // A thumbprint of an HMAC key would hash the secret itself: a random kid gives nothing away.
      version.kid = kid ?? randomBytes(12).toString('base64url')
    }
    return version
  }

  const store: KeyStore = {
    async list() {
      const accounts = new Set(await keychain.list())
      return Object.values(readAll())
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((record) => summaryOf(record, accounts))
    },

    get: (name) => freshSummary(name),

    async signingKey(name) {
      const record = find(name)
      if (record.verifyOnly) throw verifyOnly(name)
      const version = active(record)
      const material = await loadMaterial(record, version)
      return {
        name,
        alg: record.alg,
        kid: version.kid,
        key: 'oct' in material ? octBytes(material.oct) : createPrivateKey(material.pkcs8),
        status: 'active',
      }
    },

    async verificationKeys(name) {
      const record = find(name)
      const keys: LoadedKey[] = []
      for (const version of ordered(record)) {
        const base = { name, alg: record.alg, kid: version.kid, status: version.status }
        if (version.publicJwk) {
          keys.push({ ...base, key: createPublicKey({ key: version.publicJwk, format: 'jwk' }) })
          continue
        }
        try {
          const material = await loadMaterial(record, version)
          if ('oct' in material) keys.push({ ...base, key: octBytes(material.oct) })
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
      assertFree(readAll(), name)
      const { alg } = options
      const kind = kindForAlg(alg)
      let size: number | undefined
      if (kind === 'rsa') {
        size = options.bits ?? 2048
        if (!RSA_BITS.includes(size)) {
          throw new WorkbenchError(
            'ERR_INVALID_ARGUMENT',
            `RSA keys are 2048, 3072 or 4096 bits, not ${size}.`,
          )
        }
      } else if (kind === 'hmac') {
        size = options.bits === undefined ? HMAC_DEFAULT_BYTES : options.bits / 8
        const min = { HS256: 32, HS384: 48, HS512: 64 }[alg as 'HS256'] ?? 32
        if (!Number.isInteger(size) || size < min || size > 1024) {
          throw new WorkbenchError(
            'ERR_INVALID_ARGUMENT',
            `An ${alg} secret is ${min * 8} to 8192 bits, in whole bytes.`,
          )
        }
      }
      const made = await newVersion(kind, alg, size)
      const version = await versionFor(alg, made.publicKey, options.kid)
      const record: KeyRecord = {
        name,
        kind,
        alg,
        detail: made.detail,
        ...(made.size === undefined ? {} : { size: made.size }),
        createdAt: version.createdAt,
        tags: cleanTags(options.tags),
        verifyOnly: false,
        versions: [version],
      }
      const [summary] = await create([{ record, material: made.material }])
      return summary!
    },

    async importKey(name, input, options = {}) {
      assertName(name)
      const keys = readAll()
      assertFree(keys, name)
      // Bytes that are not UTF-8 can only be a raw HMAC secret; text may be a key or a secret.
      const text = typeof input === 'string' ? input : utf8OrNull(input)
      const trimmed = (text ?? '').trim()
      if (text === null || (!/^-----BEGIN /.test(trimmed) && !trimmed.startsWith('{'))) {
        const bytes =
          text === null ? (input as Uint8Array) : plainSecret(text, options.secretEncoding)
        if (options.alg === undefined || kindForAlg(options.alg) !== 'hmac') {
          throw new WorkbenchError(
            'ERR_INVALID_KEY',
            'This is not a PEM key, certificate or JWK. To import it as an HMAC secret, give --alg HS256, HS384 or HS512.',
          )
        }
        return [await store.saveHmacSecret(name, bytes, options.alg as 'HS256', options)]
      }
      let usable = await keysFromText(trimmed, options.all ? undefined : options.kid)
      if (usable.length > 1 && !options.all) {
        throw new WorkbenchError(
          'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
          `The JWKS holds ${usable.length} keys: pick one with --kid KID, or import them all with --all (as ${clip(name)}-1, ${clip(name)}-2, ...).`,
        )
      }
      if (options.all && options.kid !== undefined) {
        usable = usable.filter((k) => k.description.kid === options.kid)
        if (usable.length === 0) {
          throw new WorkbenchError(
            'ERR_JWKS_NO_MATCHING_KEY',
            `The JWKS has no key with kid "${clip(options.kid)}".`,
          )
        }
      }
      const names = usable.length > 1 ? usable.map((_, i) => `${name}-${i + 1}`) : [name]
      for (const n of names) {
        assertName(n)
        assertFree(keys, n)
      }
      const records: Array<{ record: KeyRecord; material?: Material }> = []
      for (const [i, key] of usable.entries()) {
        const kid = usable.length > 1 ? key.description.kid : (options.kid ?? key.description.kid)
        records.push(await importedRecord(names[i]!, key, kid, options))
      }
      return create(records)
    },

    async saveHmacSecret(name, bytes, alg, options = {}) {
      assertName(name)
      assertFree(readAll(), name)
      if (bytes.length === 0) throw new WorkbenchError('ERR_NO_KEY', 'The secret is empty.')
      if (bytes.length > 4096) {
        throw new WorkbenchError(
          'ERR_INPUT_TOO_LARGE',
          'An HMAC secret over 4096 bytes is refused.',
        )
      }
      const version = await versionFor(alg, undefined, undefined)
      const record: KeyRecord = {
        name,
        kind: 'hmac',
        alg,
        detail: `HMAC secret, ${bytes.length} bytes`,
        size: bytes.length,
        createdAt: version.createdAt,
        tags: cleanTags(options.tags),
        verifyOnly: false,
        versions: [version],
      }
      const material: Material = { v: 1, oct: Buffer.from(bytes).toString('base64url') }
      const [summary] = await create([{ record, material }])
      return summary!
    },

    async exportPublic(name, format) {
      const record = find(name)
      if (record.kind === 'hmac') {
        throw new WorkbenchError(
          'ERR_KEY_SYMMETRIC',
          `Key "${clip(name)}" is an HMAC secret: it has no public part. Export it with --private if you really must.`,
        )
      }
      const jwks = ordered(record).map((v) => v.publicJwk!)
      if (format === 'jwks') return `${JSON.stringify({ keys: jwks }, null, 2)}\n`
      const jwk = active(record).publicJwk!
      if (format === 'jwk') return `${JSON.stringify(jwk, null, 2)}\n`
      return createPublicKey({ key: jwk, format: 'jwk' }).export({
        type: 'spki',
        format: 'pem',
      }) as string
    },

    async exportPrivate(name, format) {
      const record = find(name)
      if (record.verifyOnly) throw verifyOnly(name)
      const version = active(record)
      const material = await loadMaterial(record, version)
      if ('oct' in material) {
        const bytes = Buffer.from(material.oct, 'base64url')
        const jwk = { kty: 'oct', k: material.oct, kid: version.kid, alg: record.alg }
        switch (format ?? 'jwk') {
          case 'jwk':
            return `${JSON.stringify(jwk, null, 2)}\n`
          case 'jwks':
            return `${JSON.stringify({ keys: [jwk] }, null, 2)}\n`
          case 'base64':
            return `${bytes.toString('base64')}\n`
          case 'hex':
            return `${bytes.toString('hex')}\n`
          default:
            throw new WorkbenchError(
              'ERR_INVALID_ARGUMENT',
              'An HMAC secret exports as jwk, jwks, base64 or hex, not pem.',
            )
        }
      }
      const key = createPrivateKey(material.pkcs8)
      const jwk = {
        ...(key.export({ format: 'jwk' }) as Record<string, string>),
        kid: version.kid,
        alg: record.alg,
        use: 'sig',
      }
      switch (format ?? 'pem') {
        case 'pem':
          return material.pkcs8
        case 'jwk':
          return `${JSON.stringify(jwk, null, 2)}\n`
        case 'jwks':
          return `${JSON.stringify({ keys: [jwk] }, null, 2)}\n`
        default:
          throw new WorkbenchError(
            'ERR_INVALID_ARGUMENT',
            'A private key exports as pem, jwk or jwks.',
          )
      }
    },

    async rotate(name) {
      const record = find(name)
      if (record.verifyOnly) throw verifyOnly(name)
      const made = await newVersion(record.kind, record.alg, record.size)
      const version = await versionFor(record.alg, made.publicKey, undefined)
      version.account = `key/${name}/${randomUUID()}`
      await keychain.set(version.account, JSON.stringify(made.material))
      try {
        write((keys) => {
          const current = keys[name]
          if (!current)
            throw new WorkbenchError(
              'ERR_KEY_NOT_FOUND',
              `Key "${clip(name)}" was deleted meanwhile.`,
            )
          for (const v of current.versions) v.status = 'retiring'
          current.versions.unshift(version)
          current.rotatedAt = version.createdAt
        })
      } catch (error) {
        await keychain.delete(version.account).catch(() => false)
        throw error
      }
      return freshSummary(name)
    },

    async setKid(name, kid) {
      if (kid.length === 0 || kid.length > 256) {
        throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'A kid is 1 to 256 characters.')
      }
      find(name)
      write((keys) => {
        const record = keys[name]
        if (!record)
          throw new WorkbenchError('ERR_KEY_NOT_FOUND', `No stored key named "${clip(name)}".`)
        const version = active(record)
        if (record.versions.some((v) => v !== version && v.kid === kid)) {
          throw new WorkbenchError(
            'ERR_KEY_EXISTS',
            `Another version of "${clip(name)}" has kid ${clip(kid)}.`,
          )
        }
        version.kid = kid
        if (version.publicJwk) version.publicJwk.kid = kid
      })
      return freshSummary(name)
    },

    async setTags(name, tags) {
      find(name)
      write((keys) => {
        const record = keys[name]
        if (record) record.tags = cleanTags(tags)
      })
      return freshSummary(name)
    },

    async remove(name, options = {}) {
      const record = find(name)
      const doomed = record.versions.filter((v) => !options.retiringOnly || v.status === 'retiring')
      // Keychain first: if it is unreachable the metadata stays, so no secret is orphaned.
      for (const v of doomed) if (v.account) await keychain.delete(v.account)
      write((keys) => {
        const current = keys[name]
        if (!current) return
        if (options.retiringOnly)
          current.versions = current.versions.filter((v) => v.status === 'active')
        else delete keys[name]
      })
    },

    publishedJwks(names) {
      const keys = readAll()
      const chosen =
        names === undefined || names.length === 0
          ? Object.values(keys).filter((k) => !k.verifyOnly)
          : names.map((n) => {
              const record = keys[n]
              if (!record)
                throw new WorkbenchError('ERR_KEY_NOT_FOUND', `No stored key named "${clip(n)}".`)
              return record
            })
      return {
        keys: chosen
          .filter((k) => k.kind !== 'hmac')
          .flatMap((k) => ordered(k).map((v) => v.publicJwk!))
          .filter(Boolean),
      }
    },
  }

  async function importedRecord(
    name: string,
    key: UsableKey,
    kid: string | undefined,
    options: ImportKeyOptions,
  ): Promise<{ record: KeyRecord; material?: Material }> {
    const { description } = key
    const alg = options.alg ?? description.algs[0]
    if (alg === undefined) {
      throw new WorkbenchError(
        'ERR_UNSUPPORTED_ALG',
        `${description.detail} has no JWS algorithm here.`,
      )
    }
    if (!description.algs.includes(alg)) {
      throw new WorkbenchError(
        'ERR_KEY_ALG_MISMATCH',
        `${alg} does not fit ${description.detail}; it fits ${description.algs.join(', ')}.`,
      )
    }
    const tags = cleanTags(options.tags)
    if (description.kind === 'secret') {
      const bytes = key.signing as Uint8Array
      const version = await versionFor(alg, undefined, kid)
      return {
        record: {
          name,
          kind: 'hmac',
          alg,
          detail: description.detail,
          size: bytes.length,
          createdAt: version.createdAt,
          tags,
          verifyOnly: false,
          versions: [version],
        },
        material: { v: 1, oct: Buffer.from(bytes).toString('base64url') },
      }
    }
    const publicKey = key.verifying as KeyObject
    const version = await versionFor(alg, publicKey, kid)
    const kind = kindOfKeyObject(publicKey)
    const record: KeyRecord = {
      name,
      kind,
      alg,
      detail: description.detail,
      ...(kind === 'rsa' ? { size: publicKey.asymmetricKeyDetails?.modulusLength ?? 2048 } : {}),
      createdAt: version.createdAt,
      tags,
      verifyOnly: description.kind === 'public',
      versions: [version],
    }
    if (description.kind === 'public') return { record }
    const pkcs8 = (key.signing as KeyObject).export({ type: 'pkcs8', format: 'pem' }) as string
    return { record, material: { v: 1, pkcs8 } }
  }

  return store
}

function summarize(record: KeyRecord, accounts: Set<string> | null): KeySummary {
  const secretOf = (v: VersionRecord): KeyVersionSummary['secret'] =>
    !v.account ? 'none' : accounts === null || accounts.has(v.account) ? 'present' : 'missing'
  const versions = ordered(record).map((v) => {
    const s: KeyVersionSummary = {
      kid: v.kid,
      status: v.status,
      createdAt: v.createdAt,
      secret: secretOf(v),
    }
    if (v.publicJwk) s.publicJwk = { ...v.publicJwk }
    return s
  })
  const current = active(record)
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

function active(record: KeyRecord): VersionRecord {
  const version = record.versions.find((v) => v.status === 'active')
  if (!version) {
    throw new WorkbenchError(
      'ERR_KEY_NOT_FOUND',
      `Key "${clip(record.name)}" has no active version.`,
    )
  }
  return version
}

/** Active first, then retiring, newest first. */
function ordered(record: KeyRecord): VersionRecord[] {
  return [...record.versions].sort((a, b) =>
    a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'active' ? -1 : 1,
  )
}

/** The kind of key an algorithm needs. */
export function kindForAlg(alg: string): StoredKeyKind {
  if (!isJwsAlg(alg)) {
    throw new WorkbenchError(
      'ERR_UNSUPPORTED_ALG',
      `Unknown algorithm "${clip(alg, 20)}": use HS256/384/512, RS*, PS*, ES256/384/512 or EdDSA.`,
    )
  }
  if (alg.startsWith('HS')) return 'hmac'
  if (alg.startsWith('RS') || alg.startsWith('PS')) return 'rsa'
  if (alg.startsWith('ES')) return 'ec'
  return 'ed25519'
}

function kindOfKeyObject(key: KeyObject): StoredKeyKind {
  const type = key.asymmetricKeyType
  if (type === 'rsa' || type === 'rsa-pss') return 'rsa'
  if (type === 'ec') return 'ec'
  if (type === 'ed25519') return 'ed25519'
  throw new WorkbenchError(
    'ERR_UNSUPPORTED_ALG',
    `A ${type ?? 'unknown'} key cannot be stored here.`,
  )
}

/** Validates a key name: ERR_INVALID_KEY_NAME with the rule when it breaks it. */
export function assertName(name: string): void {
  if (!KEY_NAME_PATTERN.test(name)) {
    throw new WorkbenchError(
      'ERR_INVALID_KEY_NAME',
      `Invalid key name "${clip(name, 64)}": use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
    )
  }
}

function assertFree(keys: KeyMap, name: string): void {
  const lower = name.toLowerCase()
  const taken = Object.keys(keys).find((n) => n.toLowerCase() === lower)
  if (taken !== undefined) {
    throw new WorkbenchError(
      'ERR_KEY_EXISTS',
      `A key named "${clip(taken)}" already exists (names are unique regardless of case). Pick another name or delete it first.`,
    )
  }
}

function verifyOnly(name: string): WorkbenchError {
  return new WorkbenchError(
    'ERR_KEY_VERIFY_ONLY',
    `Key "${clip(name)}" is a public key or certificate: it verifies but cannot sign, rotate or export private material.`,
  )
}

function plainSecret(text: string, encoding: ImportKeyOptions['secretEncoding']): Uint8Array {
  // Files end with a newline that is not part of the secret.
  const body = text.replace(/\r?\n$/, '')
  if (encoding === 'base64') return secretBytes(`b64:${body.trim()}`)
  if (encoding === 'hex') return secretBytes(`hex:${body.trim()}`)
  return secretBytes(body)
}

function parseMaterial(text: string, name: string): Material {
  try {
    const parsed = JSON.parse(text) as Material
    if (parsed.v === 1 && ('pkcs8' in parsed || 'oct' in parsed)) return parsed
  } catch {
    // Reported below without the entry's content.
  }
  throw new WorkbenchError(
    'ERR_KEY_SECRET_MISSING',
    `The keychain entry of key "${clip(name)}" is not one the workbench wrote. Delete the key and import it again.`,
  )
}

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function octBytes(k: string): Uint8Array {
  return new Uint8Array(Buffer.from(k, 'base64url'))
}

function cleanTags(tags: string[] | undefined): string[] {
  const clean = [...new Set((tags ?? []).map((t) => t.trim()).filter((t) => t.length > 0))]
  if (clean.length > 32 || clean.some((t) => t.length > 64)) {
    throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'Up to 32 tags of 64 characters each.')
  }
  return clean
}

function asKeyMap(value: JsonValue | undefined): KeyMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return value as unknown as KeyMap
}

function clip(text: string, max = 128): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
