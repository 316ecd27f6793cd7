/**
 * The per-user directories. The settings file: one directory shared by the app (electron-store)
 * and the CLI (reading the JSON file itself); `JWTW_HOME` overrides it; the default matches
 * Electron's userData for our app name. The CLI's code cache (cli/code-cache.ts).
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'jwt-workbench'

/** The settings directory for this platform and environment. */
export function settingsDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const override = env['JWTW_HOME']?.trim()
  if (override) return override
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), APP_NAME)
}

/**
 * Where the CLI's code cache lives: JWTW_CODE_CACHE_DIR, else the platform's per-user cache
 * directory; undefined when JWTW_CODE_CACHE=0 (or no cache directory is known).
 */
export function codeCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string | undefined {
  if (env['JWTW_CODE_CACHE'] === '0') return undefined
  if (env['JWTW_CODE_CACHE_DIR']) return env['JWTW_CODE_CACHE_DIR']
  const base =
    platform === 'win32'
      ? env['LOCALAPPDATA']
      : platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : env['XDG_CACHE_HOME'] || join(home, '.cache')
  return base ? join(base, APP_NAME, 'code-cache') : undefined
}
