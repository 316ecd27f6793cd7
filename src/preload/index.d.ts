import type { Api } from '../shared/api'

declare global {
  interface Window {
    /** Present under Electron (the preload bridge); absent in browser mode. */
    workbench?: Api
  }
}
