/** A fake of the parts of 'electron' our glue modules use, recording what they do. */
import { vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

export class FakeEmitter {
  listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener)
  }
  emit(event: string, ...args: unknown[]) {
    return (this.listeners.get(event) ?? []).map((l) => l(...args))
  }
}

export class FakeSession {
  permissionRequestHandler?: (
    wc: unknown,
    permission: string,
    cb: (granted: boolean) => void,
  ) => void
  permissionCheckHandler?: (...args: unknown[]) => boolean
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = h
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = h
  }
}

export class FakeWebContents extends FakeEmitter {
  session = new FakeSession()
  windowOpenHandler?: (details: { url: string }) => { action: string }
  mainFrame = { processId: 1, routingId: 1, url: 'app://workbench/index.html' }
  setWindowOpenHandler(h: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = h
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = []
  webContents = new FakeWebContents()
  loadedUrl?: string
  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.created.push(this)
  }
  loadURL(url: string) {
    this.loadedUrl = url
    return Promise.resolve()
  }
  show() {}
}

export const fakeElectron = {
  BrowserWindow: FakeBrowserWindow,
  dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })) },
  shell: { openExternal: vi.fn(async () => undefined) },
}
