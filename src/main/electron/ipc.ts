/**
 * Electron glue: one ipcMain.handle per contract method. The sender is checked first (our
 * window, its main frame, the app origin), then the call goes through the shared dispatcher.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { channelOf, methodNames } from '../../shared/api'
import { fail } from '../../shared/result'
import type { Dispatch } from '../core/dispatch'

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

/** Trusts only the main frame of `getContents()` at an origin `isTrustedUrl` accepts. */
export function createSenderCheck(
  getContents: () => WebContents | null,
  isTrustedUrl: (url: string) => boolean,
): SenderCheck {
  return (event) => {
    const contents = getContents()
    if (!contents || event.sender !== contents) return false
    const frame = event.senderFrame
    const main = contents.mainFrame
    if (!frame || !main) return false
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false
    return isTrustedUrl(frame.url)
  }
}

/** Registers every method of the contract on `ipcMain`. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrustedSender: SenderCheck,
): void {
  for (const name of methodNames) {
    ipcMain.handle(channelOf(name), (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        return fail({
          code: 'ERR_UNTRUSTED_SENDER',
          message: 'Call refused: not from the app window.',
        })
      }
      return dispatch(name, args)
    })
  }
}
