/**
 * Private key material as it sits in the OS keychain: one entry per key version, under an
 * account named after the key, holding PKCS#8 PEM or an HMAC secret as base64url.
 */
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto'
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'
import type { Keychain } from '../keychain'

/**
 * What a version's entry says about itself, so the key can be rebuilt from the keychain alone
 * after a lost settings file (kid, alg and age; the newest version is the active one).
 */
export interface VersionMeta {
  name: string
  kid: string
  alg: string
  createdAt: string
}

export type Material = ({ v: 1; pkcs8: string } | { v: 1; oct: string }) & { meta?: VersionMeta }

/** A fresh keychain account for a version of key `name`. */
export function newKeyAccount(name: string): string {
  return `key/${name}/${randomUUID()}`
}

/** The key name an account was made for (`key/NAME/uuid`), if it is one of ours. */
export function keyNameOfAccount(account: string): string | undefined {
  const match = /^key\/(.+)\/[0-9a-f-]{36}$/.exec(account)
  return match?.[1]
}

/** The keychain account of a saved credential. */
export function credentialAccount(name: string): string {
  return `cred/${name}`
}

export function materialOf(key: KeyObject | Uint8Array): Material {
  return key instanceof Uint8Array
    ? { v: 1, oct: Buffer.from(key).toString('base64url') }
    : { v: 1, pkcs8: key.export({ type: 'pkcs8', format: 'pem' }) as string }
}

/** The material with what its version says about itself. */
export function withMeta(material: Material, meta: VersionMeta): Material {
  return { ...material, meta }
}

/** The key in a material: the private KeyObject or the secret's bytes. */
export function keyOfMaterial(material: Material): KeyObject | Uint8Array {
  return 'oct' in material
    ? new Uint8Array(Buffer.from(material.oct, 'base64url'))
    : createPrivateKey(material.pkcs8)
}

/** Parses a keychain entry the workbench wrote; null for anything else. */
export function parseMaterial(text: string): Material | null {
  try {
    const parsed = JSON.parse(text) as Partial<{
      v: number
      pkcs8: unknown
      oct: unknown
      meta: Partial<Record<keyof VersionMeta, unknown>>
    }>
    const m = parsed.meta
    const meta =
      m &&
      typeof m.name === 'string' &&
      typeof m.kid === 'string' &&
      typeof m.alg === 'string' &&
      typeof m.createdAt === 'string'
        ? { meta: { name: m.name, kid: m.kid, alg: m.alg, createdAt: m.createdAt } }
        : {}
    if (parsed.v === 1 && typeof parsed.pkcs8 === 'string') {
      return { v: 1, pkcs8: parsed.pkcs8, ...meta }
    }
    if (parsed.v === 1 && typeof parsed.oct === 'string') return { v: 1, oct: parsed.oct, ...meta }
  } catch {
    // Not ours: reported by the caller without the entry's content.
  }
  return null
}

/** Reads a version's material; ERR_KEY_SECRET_MISSING when the entry is gone or foreign. */
export async function loadMaterial(
  keychain: Keychain,
  account: string,
  name: string,
  kid: string,
): Promise<Material> {
  const text = await keychain.get(account)
  if (text === null) {
    throw new WorkbenchError(
      'ERR_KEY_SECRET_MISSING',
      `The keychain entry of key "${clip(name)}" (kid ${clip(kid)}) was deleted outside the workbench. Delete the key (\`jwtw keys delete ${clip(name)}\`) and import or generate it again.`,
    )
  }
  const material = parseMaterial(text)
  if (material === null) {
    throw new WorkbenchError(
      'ERR_KEY_SECRET_MISSING',
      `The keychain entry of key "${clip(name)}" is not one the workbench wrote. Delete the key and import it again.`,
    )
  }
  return material
}
