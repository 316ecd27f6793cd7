// The browser-mode session cannot leak: in real Chromium with a real profile, another server
// on 127.0.0.1 receives no credential, the login link works once, the browser's history holds
// no live credential, and a stalled request is cut off while the page keeps working.
import { execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium'
import { startUi } from './browser-mode'

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'

/** The session credential the page keeps (evaluated in the page, which has sessionStorage). */
function storedCredential(page: Page): Promise<string | null> {
  return page.evaluate<string | null>("sessionStorage.getItem('jwtw.session')")
}

describe('browser-mode session (real Chromium, persistent profile)', () => {
  let ui: { url: string; server: ChildProcess }
  let profile: string
  let context: BrowserContext
  let page: Page
  let other: Server
  let otherPort = 0
  const seenByOther: Array<{ url: string; headers: IncomingHttpHeaders }> = []
  const origin = () => new URL(ui.url).origin
  const credential = () => storedCredential(page)

  beforeAll(async () => {
    ui = await startUi()
    profile = mkdtempSync(join(tmpdir(), 'jwtw-e2e-profile-'))
    other = createServer((req, res) => {
      seenByOther.push({ url: req.url ?? '', headers: req.headers })
      res.end('another local server')
    })
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
    otherPort = (other.address() as { port: number }).port
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    })
    page = context.pages()[0] ?? (await context.newPage())
    await page.goto(ui.url)
    await page.waitForURL((url) => url.hash === '')
  })
  afterAll(async () => {
    await context?.close()
    other?.close()
    ui?.server.kill('SIGTERM')
    rmSync(profile, { recursive: true, force: true })
  })

  it('signs in: the code leaves the address bar, a separate credential is kept per tab', async () => {
    expect(page.url()).toBe(`${origin()}/`)
    await expect.poll(credential).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const kept = await credential()
    expect(ui.url).not.toContain(kept!)
    expect(await context.cookies()).toEqual([])
  })

  it('another server on 127.0.0.1 receives no credential while the page is used', async () => {
    await page.getByLabel(/Token, header, cookie/).fill(JWT)
    await page.locator('tr[data-claim="name"]').waitFor()
    const second = await context.newPage()
    await second.goto(`http://127.0.0.1:${otherPort}/anything`)
    await second.goto(`http://localhost:${otherPort}/api/decode`)
    await second.close()
    await page.getByLabel(/Token, header, cookie/).fill(`${JWT} `)
    const secret = (await credential())!
    expect(seenByOther.length).toBeGreaterThanOrEqual(2)
    for (const request of seenByOther) {
      expect(request.headers.cookie).toBeUndefined()
      expect(request.headers.authorization).toBeUndefined()
      expect(JSON.stringify(request)).not.toContain(secret)
    }
  })

  it('the login link works once: a second tab is refused and the code opens no route', async () => {
    const code = new URL(ui.url).hash.slice('#login='.length)
    const second = await context.newPage()
    await second.goto(ui.url)
    await expect.poll(() => second.getByRole('alert').first().innerText()).toMatch(/already used/)
    expect(await storedCredential(second)).toBeNull()
    await second.close()
    const exchange = await fetch(`${origin()}/session`, {
      method: 'POST',
      body: JSON.stringify({ code }),
    })
    expect(exchange.status).toBe(401)
    const asBearer = await fetch(`${origin()}/api/keys.list`, {
      method: 'POST',
      body: '[]',
      headers: { authorization: `Bearer ${code}` },
    })
    expect(asBearer.status).toBe(401)
  })

  it('a fresh link on request (Enter in the terminal) signs in another browser without weakening the rules', async () => {
    const lines: string[] = []
    ui.server.stdout!.on('data', (chunk: string) => lines.push(...chunk.split('\n')))
    ui.server.stdin!.write('\n')
    await expect.poll(() => lines.find((l) => l.startsWith('http://127.0.0.1:'))).toBeTruthy()
    const fresh = lines.find((l) => l.startsWith('http://127.0.0.1:'))!
    expect(fresh).not.toBe(ui.url)
    const third = await context.newPage()
    await third.goto(fresh)
    await third.waitForURL((url) => url.hash === '')
    await expect.poll(() => storedCredential(third)).toMatch(/^[A-Za-z0-9_-]{43}$/)
    await third.close()
  })

  it('a stalled request is cut off within the timeouts while the page keeps working', async () => {
    const port = Number(new URL(ui.url).port)
    const stall = (bytes: string) =>
      new Promise<number>((resolve) => {
        const started = Date.now()
        const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
        socket.resume() // read the 408, so the server's close is seen
        socket.on('close', () => resolve(Date.now() - started))
        socket.on('error', () => undefined)
      })
    const body = stall(
      `POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n["ab`,
    )
    const headers = stall(`POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`)
    // Meanwhile the page goes on working.
    for (let i = 0; i < 5; i++) {
      await page.getByLabel(/Token, header, cookie/).fill(i % 2 === 0 ? JWT : `${JWT}\n`)
      await page.locator('tr[data-claim="name"]').waitFor()
      await new Promise((r) => setTimeout(r, 1000))
    }
    expect(await headers).toBeLessThan(12_000)
    expect(await body).toBeLessThan(32_000)
  }, 45_000)

  it("the browser's history holds no live credential", async () => {
    const secret = (await credential())!
    await context.close()
    const urls = execFileSync(
      'python3',
      [
        '-c',
        'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\\n".join(r[0] for r in c.execute("select url from urls")))',
        join(profile, 'Default', 'History'),
      ],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean)
    expect(urls.some((u) => u.startsWith(origin()))).toBe(true)
    for (const url of urls) expect(url).not.toContain(secret)
    for (const code of urls.flatMap((u) => /#login=([A-Za-z0-9_-]+)/.exec(u)?.[1] ?? [])) {
      const reply = await fetch(`${origin()}/session`, {
        method: 'POST',
        body: JSON.stringify({ code }),
      })
      expect(reply.status).toBe(401)
    }
  })
})
