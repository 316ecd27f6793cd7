/**
 * Saved credentials: tokens and secrets per named environment or host. The value lives in the
 * keychain; host, kind, expiry (read from the token's exp) and note live in the settings file,
 * read through a schema (a malformed record is skipped with a warning and kept untouched).
 */
import * as z from 'zod/mini'
import { WorkbenchError } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import type { CredentialInput } from '../../../shared/stored-key-schemas'
import type { CredentialSummary } from '../../../shared/stored-key-types'
import { decodeToken } from '../../../shared/token-decode'
import { isRecord } from '../../../shared/is-record'
import type { CoreEnv } from '../env'
import { credentialAccount } from '../keys/key-material'
import { readRecords, recordNames, removeRecord, writeRecord } from '../settings/record-section'

const CredentialRecordSchema = z.lazy(() =>
  z.looseObject({
    name: z.string().check(z.minLength(1), z.maxLength(LIMITS.credentialName)),
    host: z.optional(z.string().check(z.maxLength(LIMITS.credentialHost))),
    kind: z.enum(['token', 'secret']),
    note: z.optional(z.string().check(z.maxLength(LIMITS.credentialNote))),
    expiresAt: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
)
type CredentialRecord = z.infer<typeof CredentialRecordSchema>

export interface CredentialStore {
  list(): Promise<CredentialSummary[]>
  set(input: CredentialInput): Promise<CredentialSummary>
  /** The stored value. */
  get(name: string): Promise<string>
  /** The value saved for `host` (the newest, when several are). */
  getByHost(host: string): Promise<string>
  remove(name: string): Promise<void>
}

const SECTION = 'credentials'
const DAY_MS = 24 * 60 * 60 * 1000
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** Opens the credential store over the environment's keychain and settings file. */
export function openCredentialStore(env: CoreEnv): CredentialStore {
  const { keychain } = env
  const find = (name: string): CredentialRecord => {
    const record = credentialRecords(env)[name]
    if (!record) {
      throw new WorkbenchError(
        'ERR_CREDENTIAL_NOT_FOUND',
        `No saved credential named "${clip(name)}". Run \`jwtw creds list\`.`,
      )
    }
    return record
  }
  const summarize = (record: CredentialRecord, accounts: Set<string>): CredentialSummary => ({
    ...record,
    state: stateOf(record.expiresAt, env.now()),
    secret: accounts.has(credentialAccount(record.name)) ? 'present' : 'missing',
  })

  return {
    async list() {
      const accounts = new Set(await keychain.list())
      return Object.values(credentialRecords(env))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((r) => summarize(r, accounts))
    },

    async set(input) {
      assertCredentialName(input.name)
      const value = input.value
      if (value.length === 0)
        throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'The value is empty.')
      if (value.length > LIMITS.credential) {
        throw new WorkbenchError('ERR_INPUT_TOO_LARGE', 'A saved credential is at most 64 KiB.')
      }
      const existing = credentialRecords(env)[input.name]
      const record = recordFor(input.name, value, env.now(), existing)
      // Saving a secret over a saved token (or the reverse) is most likely the wrong name.
      if (existing && existing.kind !== record.kind && !input.replace) {
        throw new WorkbenchError(
          'ERR_CREDENTIAL_KIND',
          `Credential "${clip(input.name)}" holds a ${existing.kind}; this value is a ${record.kind}. Save it under another name, or replace it (--replace).`,
        )
      }
      if (record.expiresAt === undefined && input.expiresAt !== undefined) {
        record.expiresAt = new Date(input.expiresAt).toISOString()
      }
      const host = input.host ?? existing?.host
      if (host) record.host = clip(host, LIMITS.credentialHost)
      const note = input.note ?? existing?.note
      if (note) record.note = clip(note, LIMITS.credentialNote)
      await keychain.set(credentialAccount(input.name), value)
      await writeRecord(env, SECTION, record)
      return summarize(record, new Set([credentialAccount(input.name)]))
    },

    async get(name) {
      find(name)
      const value = await keychain.get(credentialAccount(name))
      if (value === null) {
        throw new WorkbenchError(
          'ERR_KEY_SECRET_MISSING',
          `The keychain entry of credential "${clip(name)}" was deleted outside the workbench. Save it again with \`jwtw creds set\`.`,
        )
      }
      return value
    },

    async getByHost(host) {
      const wanted = host.trim().toLowerCase()
      const matching = Object.values(credentialRecords(env))
        .filter((r) => r.host?.toLowerCase() === wanted)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      if (matching.length === 0) {
        throw new WorkbenchError(
          'ERR_CREDENTIAL_NOT_FOUND',
          `No saved credential for host "${clip(host)}". Run \`jwtw creds list\`.`,
        )
      }
      if (matching.length > 1) {
        env.warn(
          `${matching.length} credentials are saved for ${clip(host)} (${matching.map((r) => r.name).join(', ')}); the newest, "${matching[0]!.name}", is used.`,
        )
      }
      return this.get(matching[0]!.name)
    },

    async remove(name) {
      find(name)
      await keychain.delete(credentialAccount(name))
      await removeRecord(env, SECTION, name)
    },
  }
}

/** Names of the saved credentials, malformed records included (their entries are not orphans). */
export function credentialNames(env: CoreEnv): string[] {
  return recordNames(env, SECTION)
}

/** Rebuilds the record of a credential whose keychain entry outlived the settings file. */
export async function restoreCredential(env: CoreEnv, name: string): Promise<void> {
  const value = await env.keychain.get(credentialAccount(name))
  if (value === null)
    throw new WorkbenchError('ERR_CREDENTIAL_NOT_FOUND', `No entry for "${clip(name)}".`)
  await writeRecord(env, SECTION, recordFor(name, value, env.now(), undefined))
}

function recordFor(
  name: string,
  value: string,
  now: Date,
  existing: CredentialRecord | undefined,
): CredentialRecord {
  const at = now.toISOString()
  const record: CredentialRecord = {
    name,
    kind: 'secret',
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  }
  const exp = tokenExpiry(value.trim())
  if (exp !== undefined) {
    record.kind = 'token'
    if (exp !== null) record.expiresAt = exp
  }
  return record
}

function credentialRecords(env: CoreEnv): Record<string, CredentialRecord> {
  return readRecords(env, SECTION, CredentialRecordSchema, 'saved credential record')
}

/** Names like `staging api` or `spacetime://localhost:3000/blackholio`: printable, 1-200 chars. */
export function assertCredentialName(name: string): void {
  const hasControl = [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  if (
    name.trim() !== name ||
    name.length === 0 ||
    name.length > LIMITS.credentialName ||
    hasControl
  ) {
    throw new WorkbenchError(
      'ERR_INVALID_CREDENTIAL_NAME',
      `A credential name is 1-${LIMITS.credentialName} printable characters without leading or trailing spaces.`,
    )
  }
}

/**
 * undefined when `value` is not a JWT; null for a JWT without exp; else exp as an ISO time.
 * The token is only decoded, never verified: the expiry is a reminder, not a check.
 */
export function tokenExpiry(value: string): string | null | undefined {
  const token = value.replace(/^(Authorization:\s*)?Bearer\s+/i, '')
  if (!COMPACT_JWS.test(token)) return undefined
  const decoded = decodeToken(token, new Date(0), { display: false })
  if (decoded.header === null || !('alg' in decoded.header) || !isRecord(decoded.payload)) {
    return undefined
  }
  const exp = decoded.payload['exp']
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null
  const at = new Date(exp * 1000)
  return Number.isNaN(at.getTime()) ? null : at.toISOString()
}

function stateOf(expiresAt: string | undefined, now: Date): CredentialSummary['state'] {
  if (expiresAt === undefined) return 'no-expiry'
  const left = new Date(expiresAt).getTime() - now.getTime()
  if (left <= 0) return 'expired'
  return left <= DAY_MS ? 'expiring' : 'valid'
}
