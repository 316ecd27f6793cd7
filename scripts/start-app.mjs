// `npm start` / `npm run dev`: the desktop app through electron-vite, after making sure the
// Electron binary is there. Electron downloads it on first use; when that cannot happen (no
// network, a proxy, Node older than Electron's tooling needs), this says what is wrong and
// what works without it, instead of electron-vite's bare "Electron uninstall".
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const mode = process.argv[2] === 'dev' ? 'dev' : 'preview'
const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const installed = () => existsSync(join(electronDir, 'path.txt'))
const [major, minor] = process.versions.node.split('.').map(Number)
const nodeOk = major > 22 || (major === 22 && minor >= 12)

function fail(why) {
  process.stderr.write(`ERR_ELECTRON_MISSING: ${why}

The desktop app needs the Electron binary; the CLI and browser mode do not:
  npx jwtw ui            the same UI in your browser, on 127.0.0.1
  npx jwtw --help        every command

To get the binary: use Node 22.12 or newer (Electron's installer needs it), make sure
https://github.com is reachable (or set ELECTRON_MIRROR, and HTTPS_PROXY behind a proxy), then
run \`node node_modules/electron/install.js\`, or delete node_modules/electron and run \`npm ci\`.
`)
  process.exit(1)
}

if (!installed()) {
  if (!nodeOk)
    fail(
      `the Electron binary is not installed, and Electron's installer needs Node 22.12 or newer (this is ${process.versions.node}).`,
    )
  process.stderr.write('Downloading the Electron binary (once)...\n')
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'inherit',
  })
  if (download.status !== 0 || !installed())
    fail('the Electron binary is not installed and could not be downloaded.')
}
const run = spawnSync(
  process.execPath,
  [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), mode],
  { stdio: 'inherit' },
)
process.exit(run.status ?? 1)
