/**
 * What the services need from the outside world, built once per process (app, CLI, browser
 * mode) and injected, so tests can pass a real keychain under a test service name, a temp
 * settings directory and a frozen clock.
 */
import { createOsKeychain, type Keychain } from './keychain'
import { settingsDir } from './settings-dir'

export interface AppContext {
  keychain: Keychain
  /** Directory of the settings file (metadata only, never secrets). */
  settingsDir: string
  /** The current time; injected so results that depend on now can be tested. */
  now: () => Date
}

/** The context from the environment: OS keychain, JWTW_HOME or the default directory, real clock. */
export function defaultContext(overrides: Partial<AppContext> = {}): AppContext {
  return {
    keychain: overrides.keychain ?? createOsKeychain(),
    settingsDir: overrides.settingsDir ?? settingsDir(),
    now: overrides.now ?? (() => new Date()),
  }
}
