/**
 * Updates are off until the user says so, asked once at the first run of an updatable install;
 * a downloaded update installs only when the user chooses to (never on quit); deb/rpm and
 * portable installs say what updates them. electron-updater is replaced by a recording fake.
 */
import { describe, expect, it, vi } from 'vitest'
import {
  createUpdates,
  installKind,
  type Updater,
  type UpdateDeps,
} from '../../src/main/electron/updates'
import type { UpdatePreferences } from '../../src/main/core/preferences'

class FakeUpdater implements Updater {
  autoDownload = false
  autoInstallOnAppQuit = true
  checks = 0
  installs = 0
  listeners = new Map<string, Array<(arg: never) => void>>()
  constructor(private readonly answer: 'available' | 'none') {}
  on(event: string, listener: (arg: never) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  emit(event: string, arg: unknown) {
    for (const l of this.listeners.get(event) ?? []) l(arg as never)
  }
  async checkForUpdates() {
    this.checks++
    queueMicrotask(() =>
      this.answer === 'available'
        ? this.emit('update-downloaded', { version: '0.2.0' })
        : this.emit('update-not-available', {}),
    )
    return {}
  }
  quitAndInstall() {
    this.installs++
  }
}

function setup(
  kind: UpdateDeps['kind'],
  answers: number[],
  updater = new FakeUpdater('available'),
) {
  let prefs: UpdatePreferences = { enabled: false, asked: false }
  const asked: string[] = []
  const informed: string[] = []
  const updates = createUpdates({
    kind,
    updater: async () => updater,
    preferences: { get: () => prefs, set: async (v) => void (prefs = v) },
    ask: async (message) => {
      asked.push(message)
      return answers.shift() ?? 1
    },
    inform: async (message) => void informed.push(message),
  })
  return { updates, updater, asked, informed, prefs: () => prefs }
}

const settle = () => new Promise((r) => setTimeout(r, 5))

describe('updates', () => {
  it('asks once at the first run; "Not now" means no check, now or at the next start', async () => {
    const s = setup('updatable', [1])
    await s.updates.start()
    await s.updates.start()
    expect(s.asked).toEqual(['Check for updates automatically?'])
    expect(s.prefs()).toEqual({ asked: true, enabled: false })
    expect(s.updater.checks).toBe(0)
  })

  it('turned on: checks, downloads, and installs only when the user says so (never on quit)', async () => {
    const s = setup('updatable', [0, 1])
    await s.updates.start()
    await settle()
    expect(s.updater.checks).toBe(1)
    expect(s.updater.autoInstallOnAppQuit).toBe(false)
    expect(s.asked.at(-1)).toBe('JWT Workbench 0.2.0 is ready to install.')
    expect(s.updater.installs).toBe(0)
    await s.updates.check(true)
    await settle()
    expect(s.updater.installs).toBe(0) // "Later" again (no answer left)
  })

  it('"Restart and install" installs', async () => {
    const s = setup('updatable', [0, 0])
    await s.updates.start()
    await settle()
    expect(s.updater.installs).toBe(1)
  })

  it('a manual check says when it is up to date', async () => {
    const s = setup('updatable', [], new FakeUpdater('none'))
    await s.updates.check(true)
    expect(s.informed).toEqual(['JWT Workbench is up to date.'])
  })

  it('deb/rpm and portable installs never check and say what updates them', async () => {
    for (const kind of ['package-manager', 'portable'] as const) {
      const s = setup(kind, [0])
      await s.updates.start()
      await s.updates.check(true)
      expect(s.asked).toEqual([])
      expect(s.updater.checks).toBe(0)
      expect(s.informed[0]).toMatch(kind === 'portable' ? /portable/ : /package manager/)
    }
  })

  it('tells the installs apart', () => {
    expect(
      installKind('linux', { APPIMAGE: '/home/maria/Apps/JWT-Workbench.AppImage' }, true),
    ).toBe('updatable')
    expect(installKind('linux', {}, true)).toBe('package-manager')
    expect(installKind('win32', { PORTABLE_EXECUTABLE_DIR: 'D:\\tools' }, true)).toBe('portable')
    expect(installKind('win32', {}, true)).toBe('updatable')
    expect(installKind('darwin', {}, true)).toBe('updatable')
    expect(installKind('darwin', {}, false)).toBe('development')
    void vi
  })
})
