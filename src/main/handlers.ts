/** The handler table: one plain-Node implementation per contract method. */
import type { Handlers } from '../shared/api'
import type { AppContext } from './context'
import { decodeText } from './services/decode'

/** Builds the table the IPC layer, the browser-mode server and tests dispatch through. */
export function createHandlers(_ctx: AppContext): Handlers {
  return {
    decode: (text) => decodeText(text),
  }
}
