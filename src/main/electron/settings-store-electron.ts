/** The app's settings store: electron-store over the same config.json the CLI reads and writes. */
import ElectronStore from 'electron-store'
import { createSettingsStore, type SettingsStore, type Warn } from '../core/settings/settings-store'

export function createElectronSettingsStore(dir: string, warn?: Warn): SettingsStore {
  return createSettingsStore(
    dir,
    ({ configName, ...options }) => new ElectronStore({ ...options, name: configName }),
    warn,
  )
}
