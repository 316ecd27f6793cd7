/**
 * The smoke test of the real Electron app (npm run test:electron): the packaged app (or this
 * checkout's electron binary) is launched with Playwright's Electron support. The window shows
 * Inspect from app://; a pasted token is decoded; a token is minted with a key held in the OS
 * keychain and verified; a second instance focuses the first; CLI mode answers. It needs the
 * Electron binary: on machines without it, scripts/test-electron.mjs exits 3 and this never runs.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openView, verdict } from '../e2e/token-fixtures'

const ROOT = resolve(import.meta.dirname, '..')
const packaged = process.env['JWTW_APP_PATH']
const executable = packaged ?? process.env['JWTW_ELECTRON_PATH']!
const appArgs = packaged ? [] : [ROOT]
const env = {
  ...process.env,
  JWTW_HOME: mkdtempSync(join(tmpdir(), 'jwtw-electron-home-')),
  JWTW_KEYCHAIN_SERVICE: `jwtw-electron-smoke-${process.pid}`,
} as Record<string, string>

let app: ElectronApplication
let page: Page

beforeAll(async () => {
  // A signing key in the OS keychain, made by the CLI: the app must see the same store.
  const made = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'jwtw.cjs'), 'keys', 'generate', 'orders-api-signing', '--alg', 'ES256'],
    { env, encoding: 'utf8' },
  )
  expect(made.status, made.stderr).toBe(0)
  app = await _electron.launch({ executablePath: executable, args: appArgs, env })
  page = await app.firstWindow()
})

afterAll(async () => {
  await app?.close()
  spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'jwtw.cjs'), 'keys', 'delete', 'orders-api-signing', '--yes'],
    { env },
  )
})

describe('the real app', () => {
  it('opens on Inspect, served from app://', async () => {
    expect(page.url()).toMatch(/^app:\/\/workbench\//)
    await page.getByRole('tab', { name: 'Inspect', exact: true }).waitFor()
  })

  it('decodes a pasted token', async () => {
    const token =
      'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjJaUXBKM1VwYmpBWVhZR2FYRUpsOGxWMFRPSSJ9.eyJpc3MiOiJodHRwczovL2xvZ2luLm1pY3Jvc29mdG9ubGluZS5jb20vNzJmOTg4YmYtODZmMS00MWFmLTkxYWItMmQ3Y2QwMTFkYjQ3L3YyLjAiLCJzdWIiOiJBQUFBQUFBQUFBQUFBQUFBQUFBQUFJa3pxRlZyU2FTYUZIeTc4MmJidGFRIiwiYXVkIjoiNmNiMDQwMTgtYTNmNS00NmE3LWI5OTUtOTQwYzc4ZjVhZWYzIiwiZW1haWxfdmVyaWZpZWQiOnRydWV9.c2lnbmF0dXJl'
    await page.getByLabel(/Token, header, cookie/).fill(`Authorization: Bearer ${token}`)
    await page.locator('tr[data-claim="email_verified"]').waitFor()
  })

  it('mints with the key held in the OS keychain and verifies the token', async () => {
    await openView(page, 'Mint')
    await page.getByRole('tab', { name: 'Stored key' }).click()
    await page.getByLabel('Stored key name').selectOption('orders-api-signing')
    await page.getByLabel('Subject (sub)').fill('maria.fernandez@orders.example.test')
    await page.getByRole('button', { name: 'Mint token' }).click()
    const token = await page.getByLabel('Minted token').inputValue()
    expect(token.split('.')).toHaveLength(3)
    await openView(page, 'Verify')
    await page.getByLabel('Token to verify').fill(token)
    await page.getByRole('tab', { name: /Stored key/ }).click()
    await page
      .getByLabel(/Stored key/)
      .last()
      .selectOption('orders-api-signing')
    await page.getByRole('button', { name: 'Verify token' }).click()
    expect(await verdict(page)).toBe('VALID')
  })

  it('a second instance hands over to the first and exits', async () => {
    const second = spawn(executable, appArgs, { env, stdio: 'ignore' })
    const code = await new Promise<number | null>((r) => second.on('exit', r))
    expect(code).toBe(0)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  })

  it.skipIf(process.platform === 'win32')("CLI mode: jwtw runs in the app's own runtime", () => {
    const run = spawnSync(executable, [...appArgs, '--jwtw-cli', 'keys', 'list', '--json'], {
      env,
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject([{ name: 'orders-api-signing', alg: 'ES256' }])
  })
})
