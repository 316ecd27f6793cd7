/**
 * CLI mode (`JWT Workbench --jwtw-cli ...`) runs the built jwtw in the app's own runtime and
 * exits only once the command has finished, with its exit code: the entry is CommonJS, so
 * loading it returns before the command's first await.
 */
import { decodeJwt } from 'jose'
import type { App } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCliInApp } from '../../src/main/electron/cli-in-app'
import { CLI_MODE_FLAG } from '../../src/shared/app-launch'
import { tempFiles } from '../helpers/temp-files'

const files = tempFiles('cli-in-app')
const argv = process.argv
afterEach(() => {
  process.argv = argv
  process.exitCode = undefined
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('CLI mode in the app', () => {
  it('waits for the command, then exits with its code', async () => {
    const secretFile = files.file(
      'orders-api.secret',
      'k3Vq9-orders-api-hs256-secret-2026-Xw7pLm\n',
    )
    vi.stubEnv('JWTW_HOME', files.dir)
    vi.stubEnv('JWTW_CODE_CACHE', '0')
    process.argv = [
      process.execPath,
      '/opt/JWT Workbench/resources/app.asar',
      CLI_MODE_FLAG,
      'mint',
      '--alg',
      'HS256',
      '--secret-file',
      secretFile,
      '--iss',
      'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
      '--sub',
      'maria.fernandez@contoso.example',
      '--claim',
      'roles=["Orders.Read","Orders.Write"]',
    ]
    const written: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    let outputAtExit = ''
    const app = { exit: vi.fn(() => (outputAtExit = written.join(''))) }
    await runCliInApp(app as unknown as App)
    expect(app.exit).toHaveBeenCalledWith(0)
    expect(decodeJwt(outputAtExit.trim())).toMatchObject({
      sub: 'maria.fernandez@contoso.example',
      roles: ['Orders.Read', 'Orders.Write'],
    })
  })
})
