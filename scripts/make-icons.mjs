// Renders every platform's app icon from the one master, resources/icon.svg, with icon-gen
// (a maintained library over sharp): resources/build/icon.icns (macOS), icon.ico (Windows),
// icon.png 1024 px (Linux; electron-builder derives the sizes) and resources/icon.png, the
// window's icon. The outputs are committed; run `npm run icons` after changing the master.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import icongen from 'icon-gen'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const master = join(root, 'resources', 'icon.svg')
const build = join(root, 'resources', 'build')
const work = mkdtempSync(join(tmpdir(), 'jwtw-icons-'))
try {
  await icongen(master, build, {
    report: false,
    ico: { name: 'icon', sizes: [16, 24, 32, 48, 64, 128, 256] },
    icns: { name: 'icon', sizes: [16, 32, 64, 128, 256, 512, 1024] },
  })
  await icongen(master, work, {
    report: false,
    favicon: { name: 'png-', pngSizes: [32, 256, 1024], icoSizes: [32] },
  })
  copyFileSync(join(work, 'png-1024.png'), join(build, 'icon.png'))
  copyFileSync(join(work, 'png-256.png'), join(root, 'resources', 'icon.png'))
  console.log('icons: resources/build/icon.{icns,ico,png} and resources/icon.png')
} finally {
  rmSync(work, { recursive: true, force: true })
}
