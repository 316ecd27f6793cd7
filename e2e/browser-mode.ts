/**
 * Starts the built `jwtw ui --no-open` and a real headless Chromium (Debian's, driven by
 * playwright-core; no browser is ever downloaded) logged in through the one-time URL.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { PageGlobals } from './page-globals'
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium'

/** The project's root: the nearest folder up with a package.json (also from a bundled bench). */
function projectRoot(from: string): string {
  let dir = from
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir)
  return dir
}
export const ROOT = projectRoot(import.meta.dirname)

export interface Session {
  url: string
  page: Page
  browser: Browser
  server: ChildProcess
  close(): Promise<void>
}

/** Starts `jwtw ui --no-open` with its own settings dir and keychain service; resolves with its login URL. */
export async function startUi(
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'jwtw.cjs'), 'ui', '--no-open', ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        JWTW_HOME: mkdtempSync(join(tmpdir(), 'jwtw-e2e-home-')),
        JWTW_KEYCHAIN_SERVICE: `jwtw-e2e-${process.pid}`,
        ...env,
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = ''
    server.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const line = out.split('\n').find((l) => l.startsWith('http://127.0.0.1:'))
      if (line) resolveUrl(line.trim())
    })
    server.on('exit', (code) =>
      reject(new Error(`jwtw ui exited with ${code} before printing its URL`)),
    )
  })
  return { url, server }
}

/** Starts browser mode and opens the UI, logged in through the one-time URL. */
export async function openWorkbench(env: NodeJS.ProcessEnv = {}): Promise<Session> {
  const { url, server } = await startUi(env)
  const browser = await chromium
    .launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
    .catch((error: unknown) => {
      server.kill('SIGTERM')
      throw error
    })
  // A context of its own (not browser.newPage) so that axe can open frames in it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(url)
  // Signed in once the login code has been traded for the session credential (a reload
  // before that would find neither).
  await page.waitForFunction(() => {
    const storage = (globalThis as unknown as PageGlobals).sessionStorage
    return storage.getItem('jwtw.session') !== null
  })
  return {
    url,
    page,
    browser,
    server,
    async close() {
      await browser.close()
      server.kill('SIGTERM')
    },
  }
}

/** Saves a screenshot for the README when UPDATE_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env['UPDATE_SCREENSHOTS'] !== '1') return
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', `${name}.png`), fullPage: false })
}
