/**
 * Where the settings file lives: one directory shared by the app (electron-store) and the CLI
 * (reading the JSON file itself). `JWTW_HOME` overrides it; the default matches Electron's userData for our app name.
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
