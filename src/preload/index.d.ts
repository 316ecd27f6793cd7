import type { Api } from '../shared/api'

declare global {
  interface Window {
    /** The application menu's commands (desktop only). */
    workbenchMenu?: { onCommand(listener: (id: string) => void): void }
    /** Present under Electron (the preload bridge); absent in browser mode. */
    workbench?: Api
  }
}
