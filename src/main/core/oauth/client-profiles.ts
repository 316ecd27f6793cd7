/**
 * Client profiles: the metadata in the settings file (section `clients`, read through a schema);
 * the client secret and the refresh token in the keychain, under `client/NAME/secret` and
 * `client/NAME/refresh`. A profile is checked when saved: an issuer the fetch rules allow, a
 * loopback redirect URI, a signing key for private_key_jwt, a secret for the secret methods.
 */
import * as z from 'zod/mini'
import { WorkbenchError } from '../../../shared/errors'
import {
  clientProfileObject,
  type ClientAdd,
  type ClientProfile,
} from '../../../shared/oauth-schemas'
import { usesClientSecret } from '../../../shared/oauth-names'
import type { ClientSummary } from '../../../shared/oauth-types'
import { clip } from '../../../shared/redact'
import type { CoreEnv } from '../env'
import { checkRemoteUrl } from '../jwks/remote-url'
import { readRecords, removeRecord, writeRecord } from '../settings/record-section'
import { loopbackRedirect } from './redirect-uri'

const SECTION = 'clients'
const RecordSchema = z.lazy(() =>
  z.safeExtend(clientProfileObject(), { createdAt: z.string(), updatedAt: z.string() }),
)
type ClientRecord = z.infer<typeof RecordSchema>

export const clientSecretAccount = (name: string) => `client/${name}/secret`
export const refreshTokenAccount = (name: string) => `client/${name}/refresh`

export interface ClientProfiles {
  list(): Promise<ClientSummary[]>
  get(name: string): ClientProfile
  /** The profile with what the keychain holds for it. */
  summary(name: string): Promise<ClientSummary>
  add(input: ClientAdd): Promise<ClientSummary>
  remove(name: string): Promise<void>
  /** The client secret (for the secret-based methods). */
  secret(name: string): Promise<string>
  refreshToken(name: string): Promise<string | null>
  /** Saves (or with null, forgets) the refresh token: one keychain write replaces the old one. */
  setRefreshToken(name: string, token: string | null): Promise<void>
}

export function openClientProfiles(env: CoreEnv): ClientProfiles {
  const records = () => readRecords(env, SECTION, RecordSchema, 'client profile')
  const find = (name: string): ClientRecord => {
    const record = records()[name]
    if (!record) {
      throw new WorkbenchError(
        'ERR_CLIENT_NOT_FOUND',
        `No client profile named "${clip(name)}". Run \`jwtw clients list\`, or add one with \`jwtw clients add\`.`,
      )
    }
    return record
  }
  const summarize = (record: ClientRecord, accounts: Set<string>): ClientSummary => ({
    ...record,
    secret: !usesClientSecret(record.authMethod)
      ? 'not-needed'
      : accounts.has(clientSecretAccount(record.name))
        ? 'present'
        : 'missing',
    refreshToken: accounts.has(refreshTokenAccount(record.name)),
  })

  return {
    async list() {
      const accounts = new Set(await env.keychain.list())
      const all = Object.values(records()).sort((a, b) => a.name.localeCompare(b.name))
      return all.map((r) => summarize(r, accounts))
    },

    summary: async (name) => summarize(find(name), new Set(await env.keychain.list())),

    get: (name) => {
      const profile: Partial<ClientRecord> = { ...find(name) }
      delete profile.createdAt
      delete profile.updatedAt
      return profile as ClientProfile
    },

    async add({ profile, clientSecret, replace }) {
      checkProfile(profile, clientSecret)
      const existing = records()[profile.name]
      if (existing && !replace) {
        throw new WorkbenchError(
          'ERR_CLIENT_EXISTS',
          `A client profile named "${clip(profile.name)}" exists. Remove it first, or replace it (--replace).`,
        )
      }
      const secretAccount = clientSecretAccount(profile.name)
      const hasSecret =
        clientSecret !== undefined || (await env.keychain.get(secretAccount)) !== null
      if (usesClientSecret(profile.authMethod) && !hasSecret) {
        throw new WorkbenchError(
          'ERR_CLIENT_SECRET_MISSING',
          `${profile.authMethod} needs the client secret: give it (typed at a prompt, or --secret-file).`,
        )
      }
      if (clientSecret !== undefined) await env.keychain.set(secretAccount, clientSecret)
      // A new issuer or client makes the old refresh token useless (and someone else's).
      if (
        existing &&
        (existing.issuer !== profile.issuer || existing.clientId !== profile.clientId)
      ) {
        await env.keychain.delete(refreshTokenAccount(profile.name))
      }
      const at = env.now().toISOString()
      const record: ClientRecord = {
        ...profile,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      }
      await writeRecord(env, SECTION, record)
      return summarize(record, new Set(await env.keychain.list()))
    },

    async remove(name) {
      find(name)
      await env.keychain.delete(clientSecretAccount(name))
      await env.keychain.delete(refreshTokenAccount(name))
      await removeRecord(env, SECTION, name)
    },

    async secret(name) {
      const value = await env.keychain.get(clientSecretAccount(find(name).name))
      if (value === null) {
        throw new WorkbenchError(
          'ERR_CLIENT_SECRET_MISSING',
          `The client secret of "${clip(name)}" is not in the keychain. Save it again with \`jwtw clients add ${name} ... --replace\`.`,
        )
      }
      return value
    },

    refreshToken: (name) => env.keychain.get(refreshTokenAccount(find(name).name)),

    async setRefreshToken(name, token) {
      if (token === null) await env.keychain.delete(refreshTokenAccount(name))
      else await env.keychain.set(refreshTokenAccount(name), token)
    },
  }
}

/** The rules a profile must meet before it is saved. */
function checkProfile(profile: ClientProfile, clientSecret: string | undefined): void {
  checkRemoteUrl(profile.issuer, 'DISCOVERY')
  if (profile.redirectUri !== undefined) loopbackRedirect(profile.redirectUri)
  if (profile.authMethod === 'private_key_jwt' && profile.signingKey === undefined) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      'private_key_jwt signs its client assertion with a stored key: give --signing-key NAME.',
    )
  }
  if (profile.authMethod !== 'private_key_jwt' && profile.signingKey !== undefined) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      `A signing key is only used by private_key_jwt, not ${profile.authMethod}.`,
    )
  }
  if (clientSecret !== undefined && !usesClientSecret(profile.authMethod)) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      `${profile.authMethod} uses no client secret; it would sit unused in the keychain.`,
    )
  }
}
