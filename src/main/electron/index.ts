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
import { CLI_MODE_FLAG } from '../../shared/app-launch'
import { runCliInApp } from './cli-in-app'
import { dirname } from 'node:path'
import { setUpdatePreferences, updatePreferences } from '../core/preferences'
import { createUpdates, installKind, type Updater } from './updates'
import {
  installLauncher,
  launcherDir,
  launcherFor,
  uninstallLauncher,
  type LauncherOutcome,
} from './cli-launcher'

declare const __JWTW_DEV_SERVER__: boolean | undefined
import { settingsDir } from '../core/settings/settings-dir'
import { createElectronSettingsStore } from './settings-store-electron'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const devServer = devServerUrl(process.env, {
  dev: typeof __JWTW_DEV_SERVER__ === 'boolean' && __JWTW_DEV_SERVER__,
  packaged: app.isPackaged,
})

let mainWindow: BrowserWindow | null = null

if (process.argv.includes(CLI_MODE_FLAG)) {
  void runCliInApp(app)
} else if (!app.requestSingleInstanceLock()) {
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
    const ctx = defaultContext({
      settings: createElectronSettingsStore(settingsDir(), (m) => console.warn(m)),
    })
    const handlers = createHandlers(ctx, {
      // A code flow's sign-in page (an http(s) URL main checked) in the system browser.
      openBrowser: (url) => void shell.openExternal(url),
    })
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
    const ask = async (options: { message: string; detail?: string; buttons: string[] }) => {
      const box = {
        type: 'question' as const,
        defaultId: 0,
        cancelId: options.buttons.length - 1,
        ...options,
      }
      const answer = mainWindow
        ? await dialog.showMessageBox(mainWindow, box)
        : await dialog.showMessageBox(box)
      return answer.response
    }
    const updates = createUpdates({
      kind: installKind(process.platform, process.env, app.isPackaged),
      updater: async () => (await import('electron-updater')).autoUpdater as unknown as Updater,
      preferences: {
        get: () => updatePreferences(ctx),
        set: (value) => setUpdatePreferences(ctx, value),
      },
      ask: (message, detail, buttons) => ask({ message, detail, buttons }),
      inform: async (message) => void (await ask({ message, buttons: ['OK'] })),
    })
    const cliLauncher = () => {
      // An AppImage runs from a temporary mount: the launcher calls the AppImage file itself.
      const runtime = process.env['APPIMAGE'] ?? process.execPath
      const command = app.isPackaged
        ? [runtime, CLI_MODE_FLAG]
        : [runtime, app.getAppPath(), CLI_MODE_FLAG]
      return {
        launcher: launcherFor(process.platform, command),
        dir: launcherDir(process.platform, process.env, app.getPath('home')),
      }
    }
    const report = (outcome: LauncherOutcome, installed: boolean) =>
      ask({
        message: outcome.done
          ? installed
            ? `jwtw is installed at ${outcome.path}.`
            : `jwtw was removed from ${outcome.path}.`
          : outcome.reason,
        ...(outcome.done && installed && !outcome.onPath
          ? {
              detail: `${dirname(outcome.path)} is not on your PATH: add it to use jwtw from any terminal.`,
            }
          : {}),
        buttons: ['OK'],
      })
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          (id) => mainWindow?.webContents.send(COMMAND_CHANNEL, id),
          (url) => void shell.openExternal(url),
          process.platform,
          {
            checkForUpdates: () => void updates.check(true),
            autoUpdates: updatePreferences(ctx).enabled,
            setAutoUpdates: (on) => void updates.setEnabled(on),
            installCli: () => {
              const { launcher, dir } = cliLauncher()
              void report(installLauncher(dir, launcher, process.env['PATH'] ?? ''), true)
            },
            uninstallCli: () => {
              const { launcher, dir } = cliLauncher()
              void report(uninstallLauncher(dir, launcher), false)
            },
          },
        ),
      ),
    )
    void updates.start()
  })
}
