/**
 * The UI's non-secret working state, kept by main in the settings file through the contract so
 * it survives a reload and a restart: theme, sidebar, the open view, split-pane sizes, Mint's
 * template, algorithm and key name, and the history switch. Never a token or a secret. (The
 * schemas are in ui-schemas.ts, so the page's first script carries no zod.)
 */
import type { z } from 'zod'
import type { UiStatePatchSchema, UiStateSchema } from './ui-schemas'

export const VIEW_IDS = ['inspect', 'mint', 'verify', 'keys', 'jwks', 'secrets', 'scan'] as const
export type ViewId = (typeof VIEW_IDS)[number]

export type UiState = z.infer<typeof UiStateSchema>
export type UiStatePatch = z.infer<typeof UiStatePatchSchema>

export const DEFAULT_UI_STATE: UiState = {
  theme: 'system',
  sidebarCollapsed: false,
  view: 'inspect',
  panes: {},
  mint: {},
  history: false,
}

/** One history entry: a token without its signature (it cannot be replayed), when and where. */
export interface HistoryEntry {
  at: string
  view: 'inspect' | 'mint' | 'verify'
  /** header.payload. — the signature removed. */
  token: string
  verdict?: string
  sub?: string
  iss?: string
}
