/**
 * `npm install -g` gives a working jwtw on Node 20 without a C compiler and without Electron:
 * the package is packed as npm publishes it, installed into a fresh prefix with the compiler
 * taken away, and run. The packed files are only what the CLI needs.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/cli'

const work = mkdtempSync(join(tmpdir(), 'jwtw-npm-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string
}

describe('the npm package', () => {
  it('holds the built CLI, the browser-mode UI and the addon sources; no sources, tests or maps', () => {
    const packed = JSON.parse(
      execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as Array<{ files: Array<{ path: string }> }>
    const files = packed[0]!.files.map((f) => f.path)
    for (const needed of [
      'bin/jwtw.cjs',
      'out/cli/jwtw.cjs',
      'out/cli/cli.cjs',
      'out/cli/audit-worker.mjs',
      'out/cli/scan-worker.mjs',
      'out/renderer/index.html',
      'scripts/build-native.mjs',
      'native/hmac-scan.c',
    ]) {
      expect(files).toContain(needed)
    }
    expect(
      files.filter((f) =>
        /^(src|tests|e2e|e2e-electron|bench|resources|out\/main|out\/preload)\/|\.map$/.test(f),
      ),
    ).toEqual([])
  })

  it('installs and runs with no C compiler, and never fetches Electron', () => {
    const tarball = execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)!
    const prefix = join(work, 'prefix')
    const install = spawnSync(
      npm,
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        join(work, tarball),
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, CC: 'false', npm_config_foreground_scripts: 'true' },
        timeout: 120_000,
      },
    )
    expect(install.status, install.stderr).toBe(0)
    const installed = join(
      prefix,
      process.platform === 'win32' ? '' : 'lib',
      'node_modules',
      'jwt-workbench',
    )
    expect(existsSync(join(installed, 'node_modules', 'electron'))).toBe(false)
    expect(existsSync(join(prefix, 'lib', 'node_modules', 'electron'))).toBe(false)
    const bin = join(prefix, process.platform === 'win32' ? 'jwtw.cmd' : 'bin/jwtw')
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toContain(version)
    const check = spawnSync(bin, ['secret', 'check', '-'], {
      input: 'secret123\n',
      encoding: 'utf8',
    })
    expect(check.status).toBe(1)
    expect(check.stdout + check.stderr).toMatch(/weak|common|short/i)
  }, 180_000)
})
