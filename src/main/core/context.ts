/**
 * The services' context: the environment (keychain, settings, clock, warnings) and the stores
 * built on it once per process, so the app, the CLI and browser mode share one of each.
 */
import { openCredentialStore, type CredentialStore } from './credentials/credential-store'
import type { CoreEnv } from './env'
import { proxySettings, type ProxySettings } from './jwks/proxy'
import { createRemoteKeys, type RemoteKeys } from './jwks/remote-keys'
import { openTrustedIssuers, type TrustedIssuers } from './jwks/trusted-issuers'
import { createOsKeychain, keychainService } from './keychain'
import { openKeyStore, type KeyStore } from './keys/key-store'
import { remotePreferences } from './preferences'
import { openClientProfiles, type ClientProfiles } from './oauth/client-profiles'
import { settingsDir } from './settings/settings-dir'
import { createFileSettingsStore, type SettingsStore } from './settings/settings-store'

export interface AppContext extends CoreEnv {
  readonly keys: KeyStore
  readonly credentials: CredentialStore
  /** Keys from the network, with the process-wide cache. */
  readonly remote: RemoteKeys
  readonly trustedIssuers: TrustedIssuers
  /** OAuth client profiles (their secrets in the keychain). */
  readonly clients: ClientProfiles
}

/** The stores over an environment, each built on first use; `proxy` for fetches. */
export function createContext(env: CoreEnv, proxy: ProxySettings = {}): AppContext {
  let keys: KeyStore | undefined
  let credentials: CredentialStore | undefined
  let remote: RemoteKeys | undefined
  let trusted: TrustedIssuers | undefined
  let clients: ClientProfiles | undefined
  return {
    get keychain() {
      return env.keychain
    },
    get settings() {
      return env.settings
    },
    now: () => env.now(),
    warn: (message) => env.warn(message),
    get keys() {
      return (keys ??= openKeyStore(env))
    },
    get credentials() {
      return (credentials ??= openCredentialStore(env))
    },
    get remote() {
      return (remote ??= createRemoteKeys(env, () => remotePreferences(env), proxy))
    },
    get trustedIssuers() {
      return (trusted ??= openTrustedIssuers(env))
    },
    get clients() {
      return (clients ??= openClientProfiles(env))
    },
  }
}

export interface ContextOptions {
  /** Where JWTW_HOME and JWTW_KEYCHAIN_SERVICE are read (default: the process's). */
  env?: NodeJS.ProcessEnv
  settingsDir?: string
  settings?: SettingsStore
  warn?: (message: string) => void
  now?: () => Date
  keychain?: CoreEnv['keychain']
}

/**
 * The context from the environment: OS keychain, JWTW_HOME or the default directory, real
 * clock, warnings to stderr unless `warn` says otherwise.
 */
export function defaultContext(options: ContextOptions = {}): AppContext {
  const env = options.env ?? process.env
  const dir = options.settingsDir ?? settingsDir(env)
  const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`))
  let settings = options.settings
  return createContext(
    {
      keychain: options.keychain ?? createOsKeychain(keychainService(env)),
      // Opened on first use: commands that never touch settings never create the file.
      get settings() {
        return (settings ??= createFileSettingsStore(dir, warn))
      },
      now: options.now ?? (() => new Date()),
      warn,
    },
    proxySettings(env),
  )
}
