/**
 * The UI's non-secret working state, kept by main in the settings file through the contract so
 * it survives a reload and a restart: theme, sidebar, the open view, split-pane sizes, Mint's
 * template, algorithm and key name, and the history switch. Never a token or a secret. (The
 * schemas are in ui-schemas.ts, so the page's first script carries no zod.)
 */
import type { JwsAlg } from './algorithms'

export const VIEW_IDS = [
  'inspect',
  'mint',
  'verify',
  'keys',
  'jwks',
  'secrets',
  'scan',
  'tokens',
] as const
export type ViewId = (typeof VIEW_IDS)[number]

export interface UiState {
  theme: 'system' | 'light' | 'dark'
  sidebarCollapsed: boolean
  view: ViewId
  /** Split-pane sizes by pane name: the first pane's share of the width. */
  panes: Record<string, number>
  mint: { template?: string; alg?: JwsAlg; keyName?: string }
  /** Keep inspected, minted and verified tokens (signatures removed). Off by default. */
  history: boolean
}

/** A change to some fields. */
export type UiStatePatch = Partial<UiState>

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
