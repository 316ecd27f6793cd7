import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeElectron, FakeBrowserWindow } from '../helpers/fake-electron'

vi.mock('electron', () => fakeElectron)
const { createMainWindow, isExternalLinkAllowed, windowOptions } =
  await import('../../src/main/electron/window')

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('main window', () => {
  beforeEach(() => {
    FakeBrowserWindow.created = []
    fakeElectron.shell.openExternal.mockClear()
    fakeElectron.dialog.showMessageBox.mockClear()
  })

  it('turns on every isolation setting of the checklist', () => {
    const prefs = windowOptions('/preload.cjs').webPreferences!
    expect(prefs).toMatchObject({
      preload: '/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('creates the window with those options and loads the app URL', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://workbench/index.html' })
    const win = FakeBrowserWindow.created[0]!
    expect((win.options['webPreferences'] as Record<string, unknown>)['sandbox']).toBe(true)
    expect(win.loadedUrl).toBe('app://workbench/index.html')
  })

  it('prevents navigation, redirects and webviews', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://workbench/index.html' })
    const contents = FakeBrowserWindow.created[0]!.webContents
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn()
      contents.emit(event, { preventDefault }, 'https://evil.example/')
      expect(preventDefault, event).toHaveBeenCalled()
    }
  })

  it('denies window.open and opens only https links, after confirmation', async () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://workbench/index.html' })
    const contents = FakeBrowserWindow.created[0]!.webContents
    expect(contents.windowOpenHandler!({ url: 'http://example.com/' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    await flush()
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled()
    expect(contents.windowOpenHandler!({ url: 'https://jwt.io/' })).toEqual({ action: 'deny' })
    await flush()
    expect(fakeElectron.dialog.showMessageBox).toHaveBeenCalledTimes(1)
    expect(fakeElectron.shell.openExternal).toHaveBeenCalledWith('https://jwt.io/')
  })

  it('does not open an https link the user declined', async () => {
    fakeElectron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 })
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://workbench/index.html' })
    FakeBrowserWindow.created[0]!.webContents.windowOpenHandler!({ url: 'https://jwt.io/' })
    await flush()
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled()
  })

  it('denies every permission request and check', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://workbench/index.html' })
    const session = FakeBrowserWindow.created[0]!.webContents.session
    const callback = vi.fn()
    session.permissionRequestHandler!({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(session.permissionCheckHandler!({}, 'clipboard-read')).toBe(false)
  })

  it('allows only https for external links', () => {
    expect(isExternalLinkAllowed('https://a.example/')).toBe(true)
    expect(isExternalLinkAllowed('http://a.example/')).toBe(false)
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false)
    expect(isExternalLinkAllowed('not a url')).toBe(false)
  })
})
