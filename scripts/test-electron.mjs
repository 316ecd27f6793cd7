// `npm run test:electron`: the end-to-end smoke test in the real Electron app (packaged by
// `npm run dist:dir`, or the electron binary on this checkout). Where the Electron binary is
// not installed (it cannot be downloaded on every machine) this says so and exits 3: it never
// pretends to pass. `.ci/run` does not call it; the release workflow does, on all three OSes.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const NO_ELECTRON_EXIT = 3
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The packaged app in dist/ (from electron-builder --dir), if there is one. */
function packagedApp() {
  const dist = join(root, 'dist')
  if (!existsSync(dist)) return undefined
  const candidates =
    {
      linux: ['linux-unpacked/jwt-workbench'],
      darwin: [
        'mac/JWT Workbench.app/Contents/MacOS/JWT Workbench',
        'mac-arm64/JWT Workbench.app/Contents/MacOS/JWT Workbench',
      ],
      win32: ['win-unpacked/JWT Workbench.exe'],
    }[process.platform] ?? []
  return candidates.map((c) => join(dist, c)).find((p) => existsSync(p))
}

/**
 * The electron binary of this checkout, if its download happened (read from the package's own
 * path.txt: require('electron') would try to download it).
 */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

const app = process.env.JWTW_APP_PATH ?? packagedApp()
const electron = app ? undefined : electronBinary()
if (!app && !electron) {
  console.error(
    'test:electron: no Electron binary here (node_modules/electron has none, and dist/ holds no packaged app).\n' +
      'The real app is tested by the release workflow (.github/workflows/release.yml) on Linux, macOS and Windows.\n' +
      'To run it here: npm run dist:dir (needs the Electron download), then npm run test:electron.',
  )
  process.exit(NO_ELECTRON_EXIT)
}
const run = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--config',
    'vitest.electron.config.ts',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...(app ? { JWTW_APP_PATH: app } : { JWTW_ELECTRON_PATH: electron }) },
  },
)
process.exit(run.status ?? 1)
