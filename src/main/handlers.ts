/** The handler table: one plain-Node implementation per contract method. */
import type { Handlers } from '../shared/api'
import type { AppContext } from './context'
import { createKeyHandlers } from './key-handlers'
import { decodeText } from './services/decode'
import { mintToken } from './services/mint'
import { verifyToken } from './services/verify'

/** Builds the table the IPC layer, the browser-mode server and tests dispatch through. */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    decode: (text) => decodeText(text, ctx.now()),
    mint: (request) => mintToken(request, ctx),
    verify: (request) => verifyToken(request, ctx),
    ...createKeyHandlers(ctx),
  }
}
