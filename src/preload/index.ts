/**
 * Exposes window.workbench: exactly one function per contract method, never ipcRenderer; and
 * window.workbenchMenu.onCommand for the application menu's commands (known ids only).
 */
import { contextBridge, ipcRenderer } from 'electron'
import { channelOf, COMMAND_CHANNEL, methodNames, type Api } from '../shared/api'
import { isCommandId } from '../shared/app-commands'

const workbench = Object.fromEntries(
  methodNames.map((name) => [
    name,
    (...args: unknown[]) => ipcRenderer.invoke(channelOf(name), ...args),
  ]),
) as Api

contextBridge.exposeInMainWorld('workbench', Object.freeze(workbench))

contextBridge.exposeInMainWorld(
  'workbenchMenu',
  Object.freeze({
    onCommand(listener: (id: string) => void): void {
      ipcRenderer.on(COMMAND_CHANNEL, (_event, id: unknown) => {
        if (isCommandId(id)) listener(id)
      })
    },
  }),
)
