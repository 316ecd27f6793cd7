/**
 * What the services need from the outside world: the OS keychain, the settings file, the
 * clock and a place for warnings. Built once per process (app, CLI, browser mode) and
 * injected, so tests pass a real keychain under a test service name, a temp settings
 * directory and a frozen clock.
 */
import type { Keychain } from './keychain'
import type { SettingsStore } from './settings/settings-store'

export interface CoreEnv {
  keychain: Keychain
  /** The settings file (metadata only, never secrets). */
  readonly settings: SettingsStore
  /** The current time; injected so results that depend on now can be tested. */
  now: () => Date
  /** Non-fatal notices (a corrupt settings file moved aside); the CLI prints them to stderr. */
  warn: (message: string) => void
}
