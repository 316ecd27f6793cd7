/**
 * Saved credentials: tokens and secrets per named environment or host. The value lives in the
 * keychain; host, kind, expiry (read from the token's exp) and note live in the settings file.
 */
import { WorkbenchError } from '../../../shared/errors'
import type { CredentialInput, CredentialSummary } from '../../../shared/stored-key-types'
import type { AppContext } from '../context'
import type { JsonValue } from '../settings/settings-store'
import { settingsOf } from '../keys/key-store'

interface CredentialRecord {
  name: string
  host?: string
  kind: 'token' | 'secret'
  note?: string
  expiresAt?: string
  createdAt: string
  updatedAt: string
}

type CredentialMap = Record<string, CredentialRecord>

export interface CredentialStore {
  list(): Promise<CredentialSummary[]>
  set(input: CredentialInput): Promise<CredentialSummary>
  /** The stored value. */
  get(name: string): Promise<string>
  remove(name: string): Promise<void>
}

const SECTION = 'credentials'
const DAY_MS = 24 * 60 * 60 * 1000
export const MAX_CREDENTIAL_CHARS = 64 << 10

/** Opens the credential store over the context's keychain and settings file. */
export function openCredentialStore(ctx: AppContext): CredentialStore {
  const settings = settingsOf(ctx)
  const keychain = ctx.keychain
  const account = (name: string) => `cred/${name}`
  const readAll = (): CredentialMap => {
    const value = settings.get(SECTION)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as unknown as CredentialMap)
      : {}
  }
  const find = (name: string): CredentialRecord => {
    const record = readAll()[name]
    if (!record) {
      throw new WorkbenchError(
        'ERR_CREDENTIAL_NOT_FOUND',
        `No saved credential named "${clip(name)}". Run \`jwtw creds list\`.`,
      )
    }
    return record
  }
  const summarize = (record: CredentialRecord, accounts: Set<string>): CredentialSummary => {
    const summary: CredentialSummary = {
      ...record,
      state: stateOf(record.expiresAt, ctx.now()),
      secret: accounts.has(account(record.name)) ? 'present' : 'missing',
    }
    return summary
  }

  return {
    async list() {
      const accounts = new Set(await keychain.list())
      return Object.values(readAll())
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((r) => summarize(r, accounts))
    },

    async set(input) {
      assertCredentialName(input.name)
      const value = input.value
      if (value.length === 0)
        throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'The value is empty.')
      if (value.length > MAX_CREDENTIAL_CHARS) {
        throw new WorkbenchError('ERR_INPUT_TOO_LARGE', 'A saved credential is at most 64 KiB.')
      }
      const now = ctx.now().toISOString()
      const existing = readAll()[input.name]
      const record: CredentialRecord = {
        name: input.name,
        kind: 'secret',
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      }
      const host = input.host ?? existing?.host
      if (host) record.host = clip(host, 512)
      const note = input.note ?? existing?.note
      if (note) record.note = clip(note, 1024)
      const exp = tokenExpiry(value.trim())
      if (exp !== undefined) {
        record.kind = 'token'
        if (exp !== null) record.expiresAt = exp
      }
      await keychain.set(account(input.name), value)
      settings.update(SECTION, (current) => {
        const all = (typeof current === 'object' && current !== null && !Array.isArray(current)
          ? current
          : {}) as unknown as CredentialMap
        all[input.name] = record
        return all as unknown as JsonValue
      })
      return summarize(record, new Set([account(input.name)]))
    },

    async get(name) {
      find(name)
      const value = await keychain.get(account(name))
      if (value === null) {
        throw new WorkbenchError(
          'ERR_KEY_SECRET_MISSING',
          `The keychain entry of credential "${clip(name)}" was deleted outside the workbench. Save it again with \`jwtw creds set\`.`,
        )
      }
      return value
    },

    async remove(name) {
      find(name)
      await keychain.delete(account(name))
      settings.update(SECTION, (current) => {
        const all = { ...(current as unknown as CredentialMap) }
        delete all[name]
        return all as unknown as JsonValue
      })
    },
  }
}

/** Names like `staging api` or `spacetime://localhost:3000/blackholio`: printable, 1-200 chars. */
export function assertCredentialName(name: string): void {
  const hasControl = [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  if (name.trim() !== name || name.length === 0 || name.length > 200 || hasControl) {
    throw new WorkbenchError(
      'ERR_INVALID_CREDENTIAL_NAME',
      'A credential name is 1-200 printable characters without leading or trailing spaces.',
    )
  }
}

/**
 * undefined when `value` is not a JWT; null for a JWT without exp; else exp as an ISO time.
 * The token is only decoded, never verified: the expiry is a reminder, not a check.
 */
export function tokenExpiry(value: string): string | null | undefined {
  const token = value.replace(/^(Authorization:\s*)?Bearer\s+/i, '')
  const parts = token.split('.')
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) return undefined
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown
    if (typeof header !== 'object' || header === null || !('alg' in header)) return undefined
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as {
      exp?: unknown
    }
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return null
    const at = new Date(payload.exp * 1000)
    return Number.isNaN(at.getTime()) ? null : at.toISOString()
  } catch {
    return undefined
  }
}

function stateOf(expiresAt: string | undefined, now: Date): CredentialSummary['state'] {
  if (expiresAt === undefined) return 'no-expiry'
  const left = new Date(expiresAt).getTime() - now.getTime()
  if (left <= 0) return 'expired'
  return left <= DAY_MS ? 'expiring' : 'valid'
}

function clip(text: string, max = 128): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
