/** Electron entry: single-instance lock, app:// protocol, IPC, the main window. */
import { fileURLToPath } from 'node:url'
import { app, ipcMain, protocol, type BrowserWindow } from 'electron'
import { APP_URL, registerAppScheme, serveAppProtocol, trustedUrlCheck } from './app-protocol'
import { createDispatcher } from '../core/dispatch'
import { defaultContext } from '../core/context'
import { createHandlers } from '../core/handlers'
import { createSenderCheck, registerIpc } from './ipc'
import { createMainWindow } from './window'
import { settingsDir } from '../core/settings/settings-dir'
import { createElectronSettingsStore } from './settings-store-electron'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
// electron-vite sets this only in `electron-vite dev`; the built app always uses app://.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

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
    const isTrustedUrl = trustedUrlCheck(devServerUrl)
    registerIpc(
      ipcMain,
      createDispatcher(
        createHandlers(
          defaultContext({
            settings: createElectronSettingsStore(settingsDir(), (m) => console.warn(m)),
          }),
        ),
      ),
      createSenderCheck(() => mainWindow?.webContents ?? null, isTrustedUrl),
    )
    mainWindow = createMainWindow({
      preloadPath: here('../preload/index.cjs'),
      iconPath: here('../../resources/icon.png'),
      url: devServerUrl ?? APP_URL,
    })
    mainWindow.on('closed', () => (mainWindow = null))
  })
}
