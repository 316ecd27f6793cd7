/** Electron entry: single-instance lock, app:// protocol, IPC, the main window. */
import { fileURLToPath } from 'node:url'
import { app, dialog, ipcMain, Menu, protocol, shell, type BrowserWindow } from 'electron'
import { APP_URL, registerAppScheme, serveAppProtocol, trustedUrlCheck } from './app-protocol'
import { createDispatcher } from '../core/dispatch'
import { defaultContext } from '../core/context'
import { createHandlers } from '../core/handlers'
import { COMMAND_CHANNEL } from '../../shared/api'
import { createSenderCheck, registerIpc } from './ipc'
import { menuTemplate } from './menu'
import { createMainWindow } from './window'
import { devServerUrl } from './dev-server'
import { confirmedExport, exportQuestion } from './confirm-export'

declare const __JWTW_DEV_SERVER__: boolean | undefined
import { settingsDir } from '../core/settings/settings-dir'
import { createElectronSettingsStore } from './settings-store-electron'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const devServer = devServerUrl(process.env, {
  dev: typeof __JWTW_DEV_SERVER__ === 'boolean' && __JWTW_DEV_SERVER__,
  packaged: app.isPackaged,
})

let mainWindow: BrowserWindow | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme(protocol)
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(() => {
    serveAppProtocol(protocol, here('../renderer'))
    const isTrustedUrl = trustedUrlCheck(devServer)
    const handlers = createHandlers(
      defaultContext({
        settings: createElectronSettingsStore(settingsDir(), (m) => console.warn(m)),
      }),
      // A code flow's sign-in page (an http(s) URL main checked) in the system browser.
      { openBrowser: (url) => void shell.openExternal(url) },
    )
    registerIpc(
      ipcMain,
      createDispatcher({
        ...handlers,
        // The main process asks before a private key leaves the keychain.
        'keys.exportPrivate': confirmedExport(handlers['keys.exportPrivate'], async (name) => {
          const options = {
            type: 'warning' as const,
            buttons: ['Cancel', 'Export private key'],
            defaultId: 0,
            cancelId: 0,
            ...exportQuestion(name),
          }
          const answer = mainWindow
            ? await dialog.showMessageBox(mainWindow, options)
            : await dialog.showMessageBox(options)
          return answer.response === 1
        }),
        // The desktop's own file dialog (browser mode says to type a path or drop the file).
        'files.pick': async () => {
          const options = {
            properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
          }
          const picked = mainWindow
            ? await dialog.showOpenDialog(mainWindow, options)
            : await dialog.showOpenDialog(options)
          return picked.canceled ? [] : picked.filePaths
        },
      }),
      createSenderCheck(() => mainWindow?.webContents ?? null, isTrustedUrl),
    )
    mainWindow = createMainWindow({
      preloadPath: here('../preload/index.cjs'),
      iconPath: here('../../resources/icon.png'),
      url: devServer ?? APP_URL,
    })
    mainWindow.on('closed', () => (mainWindow = null))
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          (id) => mainWindow?.webContents.send(COMMAND_CHANNEL, id),
          (url) => void shell.openExternal(url),
        ),
      ),
    )
  })
}
