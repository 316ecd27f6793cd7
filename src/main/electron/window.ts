/**
 * Electron glue: the main window and the Electron security checklist (README) — isolation, sandbox,
 * no node, web security, navigation and new windows denied, https-only external links after
 * confirmation, every permission request denied.
 */
import { BrowserWindow, dialog, shell, type BrowserWindowConstructorOptions } from 'electron'

/** The window options; exported so tests can assert every security setting. */
export function windowOptions(
  preloadPath: string,
  iconPath?: string,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'JWT Workbench',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  }
}

/** True only for https URLs: the one kind of link we hand to the OS browser. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

async function openExternalAfterConfirm(win: BrowserWindow, url: string): Promise<void> {
  if (!isExternalLinkAllowed(url)) return
  const { response } = await dialog.showMessageBox(win, {
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your browser?',
    detail: url.slice(0, 500),
  })
  if (response === 0) await shell.openExternal(url)
}

/** Creates the main window with every guard attached, and loads `url`. */
export function createMainWindow(options: {
  preloadPath: string
  url: string
  iconPath?: string
}): BrowserWindow {
  const win = new BrowserWindow(windowOptions(options.preloadPath, options.iconPath))
  const contents = win.webContents
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalAfterConfirm(win, url)
    return { action: 'deny' }
  })
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  contents.session.setPermissionCheckHandler(() => false)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(options.url)
  return win
}
