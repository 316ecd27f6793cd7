/** Exposes window.workbench: exactly one function per contract method, never ipcRenderer. */
import { contextBridge, ipcRenderer } from 'electron'
import { channelOf, methodNames, type Api } from '../shared/api'

const workbench = Object.fromEntries(
  methodNames.map((name) => [
    name,
    (...args: unknown[]) => ipcRenderer.invoke(channelOf(name), ...args),
  ]),
) as Api

contextBridge.exposeInMainWorld('workbench', Object.freeze(workbench))
