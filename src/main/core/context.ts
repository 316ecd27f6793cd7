/**
 * What the services need from the outside world, built once per process (app, CLI, browser
 * mode) and injected, so tests can pass a real keychain under a test service name, a temp
 * settings directory and a frozen clock.
 */
import { createOsKeychain, type Keychain } from './keychain'
import { settingsDir } from './settings/settings-dir'
import { createConfSettingsStore, type SettingsStore } from './settings/settings-store'

export interface AppContext {
  keychain: Keychain
  /** Directory of the settings file (metadata only, never secrets). */
  settingsDir: string
  /** The current time; injected so results that depend on now can be tested. */
  now: () => Date
  /** The settings file; when absent, services open conf at settingsDir. */
  settings?: SettingsStore
  /** Non-fatal notices (a corrupt settings file moved aside); the CLI prints them to stderr. */
  warn?: (message: string) => void
}

/** The context from the environment: OS keychain, JWTW_HOME or the default directory, real clock. */
export function defaultContext(overrides: Partial<AppContext> = {}): AppContext {
  const dir = overrides.settingsDir ?? settingsDir()
  const warn =
    overrides.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`))
  let settings = overrides.settings
  return {
    keychain: overrides.keychain ?? createOsKeychain(),
    settingsDir: dir,
    now: overrides.now ?? (() => new Date()),
    // Opened on first use: commands that never touch settings never create the file.
    get settings() {
      settings ??= createConfSettingsStore(dir, warn)
      return settings
    },
    warn,
  }
}
