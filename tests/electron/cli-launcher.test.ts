/**
 * The jwtw launcher for each platform, by content; on Linux it is run against the built tree
 * with plain node. CLI mode reads its arguments after --jwtw-cli. A jwtw that the workbench did
 * not write is never replaced or removed.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  installLauncher,
  LAUNCHER_MARK,
  launcherDir,
  launcherFor,
  uninstallLauncher,
} from '../../src/main/electron/cli-launcher'
import { CLI_MODE_FLAG, cliArgv } from '../../src/shared/app-launch'
import { ROOT } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'jwtw-launcher-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const version = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version

describe('the jwtw launcher', () => {
  it('on Linux and macOS: a POSIX script that execs the app in CLI mode, paths with spaces quoted', () => {
    const { fileName, text } = launcherFor('darwin', [
      '/Applications/JWT Workbench.app/Contents/MacOS/JWT Workbench',
      CLI_MODE_FLAG,
    ])
    expect(fileName).toBe('jwtw')
    expect(text).toBe(
      `#!/bin/sh\n# ${LAUNCHER_MARK}\nexec '/Applications/JWT Workbench.app/Contents/MacOS/JWT Workbench' '--jwtw-cli' "$@"\n`,
    )
  })

  it('on Windows: a .cmd in WindowsApps (on the PATH by default) passing every argument', () => {
    const { fileName, text } = launcherFor('win32', [
      'C:\\Users\\maria\\AppData\\Local\\Programs\\JWT Workbench\\JWT Workbench.exe',
      CLI_MODE_FLAG,
    ])
    expect(fileName).toBe('jwtw.cmd')
    expect(text).toBe(
      `@echo off\r\nrem ${LAUNCHER_MARK}\r\n"C:\\Users\\maria\\AppData\\Local\\Programs\\JWT Workbench\\JWT Workbench.exe" "--jwtw-cli" %*\r\n`,
    )
    expect(
      launcherDir(
        'win32',
        { LOCALAPPDATA: 'C:\\Users\\maria\\AppData\\Local' },
        'C:\\Users\\maria',
      ),
    ).toMatch(/Microsoft.WindowsApps$/)
    expect(launcherDir('linux', {}, '/home/maria')).toBe('/home/maria/.local/bin')
  })

  it.runIf(process.platform === 'linux')(
    'runs the built CLI with plain node, arguments passed through',
    () => {
      const launcher = launcherFor('linux', [
        process.execPath,
        join(ROOT, 'out', 'cli', 'jwtw.cjs'),
      ])
      const outcome = installLauncher(dir, launcher, `/usr/bin:${dir}`)
      expect(outcome).toMatchObject({ done: true, onPath: true })
      const path = join(dir, 'jwtw')
      expect(statSync(path).mode & 0o111).not.toBe(0)
      expect(execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()).toContain(version)
      const decoded = execFileSync(path, ['decode', '--json', '-'], {
        input:
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtYXJpYS5mZXJuYW5kZXoiLCJyb2xlcyI6WyJvcmRlcnM6cmVhZCJdfQ.c2lnbmF0dXJl\n',
        encoding: 'utf8',
      })
      expect(JSON.parse(decoded)).toMatchObject([{ payload: { sub: 'maria.fernandez' } }])
    },
  )

  it('never replaces or removes a jwtw it did not write', () => {
    const foreign = mkdtempSync(join(tmpdir(), 'jwtw-foreign-'))
    try {
      writeFileSync(join(foreign, 'jwtw'), '#!/bin/sh\necho "someone else\'s jwtw"\n')
      const launcher = launcherFor('linux', ['/opt/JWT Workbench/jwt-workbench', CLI_MODE_FLAG])
      expect(installLauncher(foreign, launcher, '')).toMatchObject({ done: false })
      expect(uninstallLauncher(foreign, launcher)).toMatchObject({ done: false })
      expect(readFileSync(join(foreign, 'jwtw'), 'utf8')).toContain('someone else')
      expect(uninstallLauncher(dir, launcher)).toMatchObject({ done: true })
    } finally {
      rmSync(foreign, { recursive: true, force: true })
    }
  })

  it('CLI mode reads the arguments after --jwtw-cli; plain node after the script', () => {
    expect(
      cliArgv(['/opt/JWT Workbench/jwt-workbench', CLI_MODE_FLAG, 'verify', '--key', 'orders']),
    ).toEqual(['verify', '--key', 'orders'])
    expect(
      cliArgv(['/usr/bin/electron', '/home/maria/jwt-workbench', CLI_MODE_FLAG, 'keys', 'list']),
    ).toEqual(['keys', 'list'])
    expect(cliArgv(['/usr/bin/node', '/usr/local/bin/jwtw', 'decode'])).toEqual(['decode'])
  })
})
