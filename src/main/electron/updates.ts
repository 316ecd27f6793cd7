/**
 * Updates through electron-updater against GitHub Releases, off until the user says so: the
 * first run of an updatable install asks once; a setting and Help > Check for Updates follow.
 * An update downloads in the background (electron-updater checks its signature: the Windows
 * publisherName, the macOS code signature) and is installed only when the user says so, never
 * on quit without asking. deb/rpm and portable installs say what updates them instead.
 */
import type { UpdatePreferences } from '../core/preferences'

/** The parts of electron-updater's autoUpdater used here. */
export interface Updater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  checkForUpdates(): Promise<unknown>
  quitAndInstall(): void
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown
  on(event: 'update-not-available' | 'error', listener: (arg: unknown) => void): unknown
}

export type InstallKind = 'updatable' | 'package-manager' | 'portable' | 'development'

/** How this copy was installed: only AppImage, NSIS and the macOS app update themselves. */
export function installKind(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  packaged: boolean,
): InstallKind {
  if (!packaged) return 'development'
  if (platform === 'linux') return env['APPIMAGE'] ? 'updatable' : 'package-manager'
  if (platform === 'win32') return env['PORTABLE_EXECUTABLE_DIR'] ? 'portable' : 'updatable'
  return 'updatable'
}

export const NOT_UPDATABLE: Record<Exclude<InstallKind, 'updatable'>, string> = {
  'package-manager':
    'This copy was installed with your package manager (deb or rpm): it updates JWT Workbench with the rest of the system.',
  portable: 'This is the portable version: download the new one from the releases page.',
  development: 'This copy runs from source: update it with git.',
}

export interface UpdateDeps {
  kind: InstallKind
  /** electron-updater, loaded only when an update check runs. */
  updater: () => Promise<Updater>
  preferences: { get(): UpdatePreferences; set(value: UpdatePreferences): Promise<void> }
  /** A question with buttons; resolves with the index of the one chosen. */
  ask: (message: string, detail: string, buttons: string[]) => Promise<number>
  inform: (message: string) => Promise<void>
}

export function createUpdates(deps: UpdateDeps) {
  let wired: Updater | undefined
  /** Ends the manual check in progress, if any, once the updater has answered it. */
  let answerManual: (() => void) | undefined
  const settle = async (message?: string) => {
    const done = answerManual
    answerManual = undefined
    if (done && message) await deps.inform(message)
    done?.()
  }
  const wire = async (): Promise<Updater> => {
    if (wired) return wired
    const updater = await deps.updater()
    updater.autoDownload = true
    // Installing is the user's decision, never a side effect of quitting.
    updater.autoInstallOnAppQuit = false
    updater.on('update-downloaded', (info) => {
      void settle()
      void deps
        .ask(
          `JWT Workbench ${info.version} is ready to install.`,
          'It was downloaded and its signature checked. Install it now (the app restarts) or later (the next time you choose to).',
          ['Restart and install', 'Later'],
        )
        .then((choice) => choice === 0 && updater.quitAndInstall())
    })
    updater.on('update-not-available', () => void settle('JWT Workbench is up to date.'))
    updater.on(
      'error',
      (error) =>
        void settle(`The update check failed: ${(error as Error)?.message ?? 'unknown error'}`),
    )
    return (wired = updater)
  }

  /** A check: quiet when automatic, with an answer when the user asked. */
  const check = async (manual: boolean): Promise<void> => {
    if (deps.kind !== 'updatable') {
      if (manual) await deps.inform(NOT_UPDATABLE[deps.kind])
      return
    }
    const updater = await wire()
    const answered = manual ? new Promise<void>((resolve) => (answerManual = resolve)) : undefined
    await updater.checkForUpdates().catch(() => undefined)
    await answered
  }

  return {
    check,
    /** At start: the first-run question, then an automatic check when turned on. */
    async start(): Promise<void> {
      if (deps.kind !== 'updatable') return
      let prefs = deps.preferences.get()
      if (!prefs.asked) {
        const choice = await deps.ask(
          'Check for updates automatically?',
          'JWT Workbench can look for new versions on GitHub Releases when it starts. Nothing is installed without asking you. You can change this in the Help menu.',
          ['Check automatically', 'Not now'],
        )
        prefs = { asked: true, enabled: choice === 0 }
        await deps.preferences.set(prefs)
      }
      if (prefs.enabled) await check(false)
    },
    async setEnabled(enabled: boolean): Promise<void> {
      await deps.preferences.set({ asked: true, enabled })
    },
  }
}
