/**
 * The app's commands, once: the views and actions that the sidebar, the keyboard shortcuts, the
 * command palette, tooltips and the desktop application menu all offer, with one accelerator
 * each (Electron's syntax; the renderer reads the same string).
 */
import type { ViewId } from './ui-state'

export interface AppCommand {
  id: string
  label: string
  /** Electron accelerator syntax: CmdOrCtrl+1, CmdOrCtrl+Shift+L. */
  accelerator?: string
  /** The view it opens. */
  view?: ViewId
}

export const VIEW_COMMANDS: readonly (AppCommand & { view: ViewId })[] = [
  { id: 'view.inspect', label: 'Inspect', accelerator: 'CmdOrCtrl+1', view: 'inspect' },
  { id: 'view.mint', label: 'Mint', accelerator: 'CmdOrCtrl+2', view: 'mint' },
  { id: 'view.verify', label: 'Verify', accelerator: 'CmdOrCtrl+3', view: 'verify' },
  { id: 'view.keys', label: 'Keys', accelerator: 'CmdOrCtrl+4', view: 'keys' },
  { id: 'view.jwks', label: 'JWKS', accelerator: 'CmdOrCtrl+5', view: 'jwks' },
  { id: 'view.secrets', label: 'Secrets', accelerator: 'CmdOrCtrl+6', view: 'secrets' },
  { id: 'view.scan', label: 'Scan', accelerator: 'CmdOrCtrl+7', view: 'scan' },
  { id: 'view.tokens', label: 'Get token', accelerator: 'CmdOrCtrl+8', view: 'tokens' },
]

export const ACTION_COMMANDS: readonly AppCommand[] = [
  { id: 'action.run', label: "Run the view's main action", accelerator: 'CmdOrCtrl+Enter' },
  { id: 'palette.open', label: 'Command palette', accelerator: 'CmdOrCtrl+K' },
  { id: 'file.open', label: 'Open file…', accelerator: 'CmdOrCtrl+O' },
  { id: 'theme.toggle', label: 'Toggle light and dark theme', accelerator: 'CmdOrCtrl+Shift+L' },
  { id: 'sidebar.toggle', label: 'Collapse or expand the sidebar', accelerator: 'CmdOrCtrl+B' },
  { id: 'inspect.compare', label: 'Compare two tokens', view: 'inspect' },
  { id: 'history.toggle', label: 'Turn history on or off' },
  { id: 'history.show', label: 'Show history' },
]

export const APP_COMMANDS: readonly AppCommand[] = [...VIEW_COMMANDS, ...ACTION_COMMANDS]

export type CommandId = string

/** True for an id the app knows (a menu click from main is checked before it is acted on). */
export function isCommandId(id: unknown): id is CommandId {
  return typeof id === 'string' && APP_COMMANDS.some((c) => c.id === id)
}

/**
 * An accelerator as people read it on this platform.
 *
 * @example
 * shortcutLabel('CmdOrCtrl+Shift+L', false) // 'Ctrl+Shift+L'
 */
export function shortcutLabel(accelerator: string, mac: boolean): string {
  return accelerator.replace('CmdOrCtrl', mac ? '⌘' : 'Ctrl').replace('Enter', mac ? '↩' : 'Enter')
}

/** Shortcuts a browser keeps for itself (tabs, open file, bookmarks, its search bar). */
const BROWSER_OWNED = /^CmdOrCtrl\+([1-9]|O|B|K)$/

/**
 * The accelerator in force: in browser mode the ones the browser owns move to Alt (Alt+1…7,
 * Alt+O, Alt+B, Alt+K); the desktop app keeps Ctrl/Cmd.
 *
 * @example
 * acceleratorInForce('CmdOrCtrl+1', true) // 'Alt+1'
 */
export function acceleratorInForce(accelerator: string, browser: boolean): string {
  return browser && BROWSER_OWNED.test(accelerator)
    ? accelerator.replace('CmdOrCtrl', 'Alt')
    : accelerator
}

/** Whether a keydown matches an accelerator (CmdOrCtrl is Meta on macOS, Ctrl elsewhere). */
export function matchesAccelerator(
  event: {
    key: string
    code?: string
    ctrlKey: boolean
    metaKey: boolean
    shiftKey: boolean
    altKey: boolean
  },
  accelerator: string,
  mac: boolean,
): boolean {
  const parts = accelerator.split('+')
  const key = parts.pop()!
  const wantsMod = parts.includes('CmdOrCtrl')
  const mod = mac ? event.metaKey : event.ctrlKey
  if (wantsMod !== mod || parts.includes('Shift') !== event.shiftKey) return false
  if (parts.includes('Alt') !== event.altKey) return false
  if (event.key.toLowerCase() === key.toLowerCase()) return true
  // Alt (Option on macOS) changes the character typed: match the physical key instead.
  return event.code === (/^\d$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`)
}
