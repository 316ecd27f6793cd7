/**
 * The UI as a user feels it, in real Chromium through browser mode (the built `jwtw ui`):
 *
 * - time to interactive: from navigation to the Inspect input focused and the app drawn, warm
 *   (HTTP cache kept) and cold (cache cleared), with the JavaScript the first load runs; the
 *   reference is the same measure for a bare page holding one textarea, in the same browser;
 * - keystroke latency: from a key press in Inspect to the frame after the decoded token is
 *   redrawn, for an 800-byte and a 64 KiB token (median and p95); the reference is a bare
 *   textarea in the same page whose input handler decodes the same token and writes its sub
 *   into a div.
 *
 * Run: npm run bench:ui (BENCH_RUNS reloads, default 12; BENCH_KEYS key presses, default 80).
 * Targets: warm under 300 ms; keystroke p95 within 1.25x the reference's for both sizes.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT } from 'jose'
import type { Page } from 'playwright-core'
import { openWorkbench } from '../e2e/browser-mode'
import type { PageGlobals } from '../e2e/page-globals'

const RUNS = Number(process.env['BENCH_RUNS'] ?? 12)
const KEYS = Number(process.env['BENCH_KEYS'] ?? 80)
const secret = new TextEncoder().encode('bench-ui-secret-bench-ui-secret-bench-ui')

const median = (values: number[]) => quantile(values, 0.5)
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
const ms = (value: number) => `${value.toFixed(1)} ms`

/** Milliseconds from navigation start to the first frame where the Inspect input has focus. */
async function loadToInteractive(page: Page, load: () => Promise<unknown>): Promise<number> {
  await load()
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const g = globalThis as unknown as PageGlobals
        const check = () =>
          g.document.activeElement?.id === 'inspect-input'
            ? resolve(g.performance.now())
            : g.requestAnimationFrame(check)
        check()
      }),
  )
}

/** The bare reference page: one textarea with autofocus, served over HTTP on 127.0.0.1 too. */
async function referenceServer(): Promise<{ url: string; close(): void }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      '<!doctype html><title>reference</title><textarea id="inspect-input" autofocus></textarea>',
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => server.close(),
  }
}

/** Installs the latency probe on a textarea: key press to the frame after the DOM changes. */
async function installProbe(page: Page, inputId: string, watched: string): Promise<void> {
  await page.evaluate(
    ([inputId, watched]) => {
      const g = globalThis as unknown as PageGlobals
      g.benchLatencies = []
      let pressed: number | null = null
      new g.MutationObserver(() => {
        if (pressed === null) return
        const at = pressed
        pressed = null
        g.requestAnimationFrame(() => g.benchLatencies!.push(g.performance.now() - at))
      }).observe(g.document.querySelector(watched)!, {
        subtree: true,
        childList: true,
        characterData: true,
      })
      g.document.getElementById(inputId)!.addEventListener('keydown', (event) => {
        pressed = event.timeStamp
      })
    },
    [inputId, watched] as const,
  )
}

/** Presses a key then Backspace, KEYS times in all, each measured. */
async function typeAndMeasure(page: Page): Promise<number[]> {
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'A' : 'Backspace')
    await page.waitForFunction(
      (n) => ((globalThis as unknown as PageGlobals).benchLatencies ?? []).length > n,
      i,
    )
  }
  return page.evaluate(() => (globalThis as unknown as PageGlobals).benchLatencies!)
}

async function token(bytes: number): Promise<string> {
  const base = {
    sub: 'bench',
    iss: 'https://id.example',
    exp: Math.floor(Date.now() / 1000) + 3600,
  }
  let fill = ''
  for (;;) {
    const jwt = await new SignJWT({ ...base, ...(fill ? { data: fill } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(secret)
    if (jwt.length >= bytes) return jwt
    fill += 'x'.repeat(Math.max(1, Math.floor(((bytes - jwt.length) * 3) / 4)))
  }
}

async function keystrokes(page: Page, size: number) {
  const text = await token(size)
  const input = page.locator('#inspect-input')
  await input.fill(text)
  await page.locator('.colored-token').waitFor()
  await input.focus()
  await page.evaluate((length) => {
    const g = globalThis as unknown as PageGlobals
    g.document.getElementById('inspect-input')!.setSelectionRange(length, length)
  }, text.length)
  await installProbe(page, 'inspect-input', 'section.inspect')
  const app = await typeAndMeasure(page)
  // The reference: a bare textarea in the same page holding the same token, whose input
  // handler decodes the token's payload and writes its sub into a div (the least a decoder
  // must do per keystroke).
  await page.evaluate(`(() => {
    const text = ${JSON.stringify(text)}
    const area = document.createElement('textarea')
    const out = document.createElement('div')
    area.id = 'bench-ref'
    out.id = 'bench-ref-out'
    area.value = text
    area.addEventListener('input', () => {
      try {
        const part = area.value.trim().split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
        const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0))
        out.textContent = String(JSON.parse(new TextDecoder().decode(bytes)).sub)
      } catch {
        out.textContent = 'not a token'
      }
    })
    document.body.appendChild(area)
    document.body.appendChild(out)
    area.focus()
    area.setSelectionRange(text.length, text.length)
  })()`)
  await installProbe(page, 'bench-ref', '#bench-ref-out')
  const reference = await typeAndMeasure(page)
  await page.reload()
  return { bytes: text.length, app, reference }
}

const session = await openWorkbench()
try {
  const { page } = session
  await page.getByRole('tab', { name: 'Inspect', exact: true }).click()
  const cdp = await page.context().newCDPSession(page)

  const warm: number[] = []
  const cold: number[] = []
  for (let i = 0; i < RUNS; i++) warm.push(await loadToInteractive(page, () => page.reload()))
  let scriptBytes = 0
  for (let i = 0; i < Math.max(3, RUNS / 2); i++) {
    await cdp.send('Network.clearBrowserCache')
    cold.push(await loadToInteractive(page, () => page.reload()))
    scriptBytes = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).performance
        .getEntriesByType('resource')
        .filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link')
        .reduce((sum, e) => sum + (e.encodedBodySize ?? 0), 0),
    )
  }
  const reference: number[] = []
  const bare = await referenceServer()
  const refPage = await page.context().newPage()
  await refPage.goto(bare.url)
  for (let i = 0; i < RUNS; i++)
    reference.push(await loadToInteractive(refPage, () => refPage.reload()))
  await refPage.close()
  bare.close()

  console.log('Time to interactive (navigation to the Inspect input focused):')
  console.log(`  warm  median ${ms(median(warm))}  (target < 300 ms)`)
  console.log(
    `  cold  median ${ms(median(cold))}  (script and style fetched: ${(scriptBytes / 1024).toFixed(0)} KiB)`,
  )
  console.log(`  bare page with one textarea (same server kind): median ${ms(median(reference))}`)
  console.log(`  ratio warm / bare page: ${(median(warm) / median(reference)).toFixed(2)}`)

  console.log('Paste-to-screen per keystroke (key press to the frame after the redraw):')
  console.log('  reference: a bare textarea decoding the same token and writing its sub into a div')
  for (const size of [800, 64 * 1024]) {
    const run = await keystrokes(page, size)
    const [p50, p95] = [median(run.app), quantile(run.app, 0.95)]
    const [r50, r95] = [median(run.reference), quantile(run.reference, 0.95)]
    console.log(
      `  ${run.bytes} B token: workbench p50 ${ms(p50)}, p95 ${ms(p95)}; reference p50 ${ms(r50)}, p95 ${ms(r95)}` +
        `; ratio p50 ${(p50 / r50).toFixed(2)}, p95 ${(p95 / r95).toFixed(2)} (target p95 ratio <= 1.25)`,
    )
  }
} finally {
  await session.close()
}
