/**
 * Preferences kept in the settings file: how remote keys are fetched (a private CA, the
 * timeout, how stale a copy may be, whether redirects are followed) and the UI's non-secret
 * working state. Read through a schema; never a token or a secret.
 */
import { RemotePreferencesSchema, type RemotePreferences } from '../../shared/jwks-schemas'
import { UiStatePatchSchema } from '../../shared/ui-schemas'
import { DEFAULT_UI_STATE, type UiState, type UiStatePatch } from '../../shared/ui-state'
import type { CoreEnv } from './env'
import { readCaFile } from './jwks/ca-file'
import type { RemoteOptions } from './jwks/remote-keys'

const SECTION = 'preferences'

/** The remote-keys preferences (a malformed section reads as none). */
export function remotePreferences(env: CoreEnv): RemoteOptions {
  const raw = (env.settings.get(SECTION) as { remote?: unknown } | undefined)?.remote
  const parsed = RemotePreferencesSchema.safeParse(raw ?? {})
  return parsed.success ? parsed.data : {}
}

/** Replaces the remote-keys preferences. */
export async function setRemotePreferences(
  env: CoreEnv,
  value: RemotePreferences,
): Promise<RemotePreferences> {
  const clean = RemotePreferencesSchema.parse(value)
  // A CA file is checked when it is set, not at the first fetch that needs it.
  if (clean.caFile !== undefined) readCaFile(clean.caFile)
  await env.settings.update(SECTION, (current) => ({
    ...(typeof current === 'object' && current !== null && !Array.isArray(current) ? current : {}),
    remote: clean,
  }))
  return clean
}

/** Whether the desktop app checks for updates, and whether the user was asked (first run). */
export interface UpdatePreferences {
  enabled: boolean
  asked: boolean
}

/** The update preferences: off and not asked until the user answers. */
export function updatePreferences(env: CoreEnv): UpdatePreferences {
  const raw = (env.settings.get(SECTION) as { updates?: Partial<UpdatePreferences> } | undefined)
    ?.updates
  return { enabled: raw?.enabled === true, asked: raw?.asked === true }
}

export async function setUpdatePreferences(env: CoreEnv, value: UpdatePreferences): Promise<void> {
  await env.settings.update(SECTION, (current) => ({
    ...(typeof current === 'object' && current !== null && !Array.isArray(current) ? current : {}),
    updates: { enabled: value.enabled, asked: value.asked },
  }))
}

/** The UI's working state; fields that do not read back are their defaults. */
export function uiState(env: CoreEnv): UiState {
  const raw = (env.settings.get(SECTION) as { ui?: unknown } | undefined)?.ui
  const parsed = UiStatePatchSchema.safeParse(raw ?? {})
  return { ...DEFAULT_UI_STATE, ...(parsed.success ? parsed.data : {}) }
}

/** Changes some fields of the UI's working state. */
export async function setUiState(env: CoreEnv, patch: UiStatePatch): Promise<UiState> {
  const next = { ...uiState(env), ...UiStatePatchSchema.parse(patch) }
  await env.settings.update(SECTION, (current) => ({
    ...(typeof current === 'object' && current !== null && !Array.isArray(current) ? current : {}),
    ui: next,
  }))
  return next
}
