/**
 * Recovery after a lost or corrupt settings file: keychain entries of our service that no key
 * record or saved credential names any more. They are listed by what they hold (never their
 * content), and on request rebuilt into records (from the material: the public part, the kid
 * by thumbprint) or deleted.
 */
import { createPublicKey } from 'node:crypto'
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'
import type { OrphanEntry, RecoverResult } from '../../../shared/stored-key-types'
import { keyNameProblem } from '../../../shared/stored-key-types'
import { credentialNames, restoreCredential } from '../credentials/credential-store'
import type { CoreEnv } from '../env'
import { isJwsAlg, type StoredKeyAlg } from '../../../shared/algorithms'
import { isStoredJweAlg } from '../../../shared/jwe-algorithms'
import { keyNameOfAccount, keyOfMaterial, parseMaterial, type Material } from '../keys/key-material'
import { readKeyRecords } from '../keys/key-records'
import type { KeyStore } from '../keys/key-store'
import { describeKeyObject } from '../keys/usable-key'

/** Our keychain entries that nothing points at, described. */
export async function findOrphans(env: CoreEnv): Promise<OrphanEntry[]> {
  const { records, malformed } = readKeyRecords(env)
  const referenced = new Set<string>()
  for (const record of Object.values(records)) {
    for (const v of record.versions) if (v.account) referenced.add(v.account)
  }
  // A malformed record may still point at its entries: never offer them for deletion.
  const protectedNames = new Set(malformed)
  const credentials = new Set(credentialNames(env).map((n) => `cred/${n}`))
  const orphans: OrphanEntry[] = []
  for (const account of (await env.keychain.list()).sort()) {
    if (referenced.has(account) || credentials.has(account)) continue
    if (account.startsWith('cred/')) {
      orphans.push({
        account,
        kind: 'credential',
        detail: 'saved credential',
        name: account.slice(5),
        restorable: true,
      })
      continue
    }
    const name = keyNameOfAccount(account)
    if (name === undefined || protectedNames.has(name)) continue
    const text = await env.keychain.get(account)
    const material = text === null ? null : parseMaterial(text)
    orphans.push({
      account,
      kind: 'key',
      detail: material === null ? 'not an entry the workbench wrote' : describeMaterial(material),
      name,
      restorable: material !== null,
    })
  }
  return orphans
}

/** Restores or deletes the orphans named by `accounts`; anything else is refused. */
export async function recoverOrphans(
  env: CoreEnv,
  store: KeyStore,
  action: 'restore' | 'delete',
  requested: string[],
): Promise<RecoverResult> {
  let accounts = requested
  const orphans = new Map((await findOrphans(env)).map((o) => [o.account, o]))
  const unknown = accounts.filter((a) => !orphans.has(a))
  if (unknown.length > 0) {
    throw new WorkbenchError(
      'ERR_KEY_NOT_FOUND',
      `Not an orphaned keychain entry: ${unknown.map((a) => clip(a, 80)).join(', ')}. Run \`jwtw keys recover\` to list them.`,
    )
  }
  const result: RecoverResult = { restored: [], deleted: [] }
  if (action === 'restore') {
    for (const account of accounts) {
      if (!orphans.get(account)!.restorable) {
        throw new WorkbenchError(
          'ERR_INVALID_KEY',
          `The keychain entry ${clip(account, 80)} is not one the workbench wrote; it can only be deleted.`,
        )
      }
    }
    // Versions of one key that say so (their kid, alg, age) are rebuilt together: the newest
    // active, the others retiring, as they were.
    const byKey = new Map<string, Array<{ account: string; material: Material }>>()
    for (const account of accounts) {
      const orphan = orphans.get(account)!
      if (orphan.kind !== 'key') continue
      const material = parseMaterial((await env.keychain.get(account))!)!
      const meta = material.meta
      if (!meta || (!isJwsAlg(meta.alg) && !isStoredJweAlg(meta.alg))) continue
      const group = byKey.get(meta.name) ?? []
      group.push({ account, material })
      byKey.set(meta.name, group)
    }
    for (const [wanted, group] of byKey) {
      const name = await freeName(store, wanted)
      const alg = group[0]!.material.meta!.alg as StoredKeyAlg
      await store.restoreVersions(
        name,
        alg,
        group.map(({ material }) => ({
          key: keyOfMaterial(material),
          kid: material.meta!.kid,
          createdAt: material.meta!.createdAt,
        })),
      )
      for (const { account } of group) {
        await env.keychain.delete(account)
        result.restored.push({ account, name, kind: 'key' })
      }
    }
    const grouped = new Set([...byKey.values()].flat().map((g) => g.account))
    accounts = accounts.filter((a) => !grouped.has(a))
  }
  for (const account of accounts) {
    const orphan = orphans.get(account)!
    if (action === 'delete') {
      await env.keychain.delete(account)
      result.deleted.push(account)
      continue
    }
    if (orphan.kind === 'credential') {
      await restoreCredential(env, orphan.name)
      result.restored.push({ account, name: orphan.name, kind: 'credential' })
      continue
    }
    const name = await freeName(store, orphan.name)
    const material = parseMaterial((await env.keychain.get(account))!)!
    const key = keyOfMaterial(material)
    const alg =
      key instanceof Uint8Array ? 'HS256' : describeKeyObject(createPublicKey(key)).algs[0]
    if (alg === undefined) {
      throw new WorkbenchError(
        'ERR_UNSUPPORTED_ALG',
        `The key in ${clip(account, 80)} has no JWS algorithm.`,
      )
    }
    // Restored as a new key (new entry, thumbprint kid), then the orphaned entry is removed.
    if (key instanceof Uint8Array) await store.saveHmacSecret(name, key, 'HS256')
    else {
      await store.importKey(name, key.export({ type: 'pkcs8', format: 'pem' }) as string, { alg })
    }
    await env.keychain.delete(account)
    result.restored.push({ account, name, kind: 'key' })
  }
  return result
}

function describeMaterial(material: Material): string {
  const key = keyOfMaterial(material)
  if (key instanceof Uint8Array) return `HMAC secret, ${key.length} bytes (restored as HS256)`
  return `${describeKeyObject(createPublicKey(key)).detail} private key`
}

/** The orphan's own name when free and valid, else NAME-recovered-N. */
async function freeName(store: KeyStore, wanted: string): Promise<string> {
  const taken = new Set((await store.list()).map((k) => k.name.toLowerCase()))
  const base = keyNameProblem(wanted) === null ? wanted : 'recovered'
  if (!taken.has(base.toLowerCase())) return base
  for (let n = 1; ; n++) {
    const candidate = `${base.slice(0, 50)}-recovered-${n}`
    if (!taken.has(candidate.toLowerCase())) return candidate
  }
}
