// The workbench shell in real Chromium (browser mode): shortcuts and the palette, the theme
// remembered through main, a ticking countdown on a fake clock, Compare, the JSON editor in sync
// with the form, drop-anywhere, copy as curl, history off by default and signature-free when on,
// nothing secret in browser storage after a journey, Scan and JWKS views, and axe on every view
// in both themes.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createContext } from '../src/main/core/context'
import { createOsKeychain } from '../src/main/core/keychain'
import { createFileSettingsStore } from '../src/main/core/settings/settings-store'
import { providerToken } from '../tests/helpers/provider-tokens'
import { openWorkbench, screenshot, type Session } from './browser-mode'
import type { PageGlobals } from './page-globals'
import { es256, hs256, keySource, now, openView, strongSecret } from './token-fixtures'

const VIEWS = ['Inspect', 'Mint', 'Verify', 'Keys', 'JWKS', 'Secrets', 'Scan', 'Get token'] as const
const mod = process.platform === 'darwin' ? 'Meta' : 'Control'

describe('the shell', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench()
  })
  afterAll(() => session?.close())
  beforeEach(() => session.page.reload())

  const selected = () =>
    session.page.getByRole('tab', { selected: true }).first().getAttribute('aria-label')

  it('browser mode: Alt+1..8 switch views (the browser keeps Ctrl/Cmd+digits); the palette lists actions with the shortcuts in force, runs one, and opens a pasted token in Inspect; Esc closes it', async () => {
    const { page } = session
    for (const [i, name] of VIEWS.entries()) {
      await page.keyboard.press(`Alt+${i + 1}`)
      await expect.poll(selected).toBe(name)
    }
    await page.keyboard.press('Alt+k')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await palette.waitFor()
    expect(await palette.getByText('Go to Verify').count()).toBe(1)
    expect(await palette.innerText()).toMatch(/Go to Mint\s*Alt\+2/)
    await page.keyboard.type('go to mint')
    await page.keyboard.press('Enter')
    await expect.poll(selected).toBe('Mint')
    await page.keyboard.press('Alt+k')
    await palette.waitFor()
    await page.keyboard.press('Escape')
    await palette.waitFor({ state: 'detached' })

    const token = await hs256({ sub: 'from-palette', exp: now() + 600 }, strongSecret())
    await page.keyboard.press('Alt+k')
    await palette.getByRole('combobox').fill(token)
    await page.getByRole('option', { name: 'Inspect this token' }).click()
    await expect.poll(selected).toBe('Inspect')
    await page.locator('tr[data-claim="sub"] td.claim-value', { hasText: 'from-palette' }).waitFor()
  })

  it('loads every view without an error response (the favicon included) or a console error (a CSP refusal)', async () => {
    const { page } = session
    const failed: string[] = []
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`)
    })
    page.on('console', (m) => {
      if (m.type() === 'error') failed.push(m.text().slice(0, 160))
    })
    await page.reload()
    await page.getByLabel(/Token, header, cookie/).waitFor()
    for (const view of VIEWS) {
      await openView(page, view)
      await page.getByRole('tabpanel').locator('section, form, div').first().waitFor()
    }
    // The claims editor drew with its styles (they were once refused by the CSP).
    await openView(page, 'Mint')
    await page.getByLabel('Subject (sub)').fill('styled')
    expect(
      await page
        .locator('.cm-content')
        .first()
        .evaluate((e) => (globalThis as unknown as PageGlobals).getComputedStyle(e).whiteSpace),
    ).toBe('break-spaces')
    await expect
      .poll(() => page.evaluate(() => fetch('favicon.svg').then((r) => r.status)))
      .toBe(200)
    expect(failed).toEqual([])
  })

  it('the theme toggle is remembered across a reload (kept by main, not in browser storage)', async () => {
    const { page } = session
    const theme = () =>
      page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.documentElement.dataset['theme'],
      )
    const before = await theme()
    await page.keyboard.press(`${mod}+Shift+L`)
    await expect.poll(theme).not.toBe(before)
    const after = await theme()
    await page.reload()
    await expect.poll(theme).toBe(after)
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.length),
    ).toBe(0)
    await page.keyboard.press(`${mod}+Shift+L`)
    await expect.poll(theme).toBe(before)
  })

  it('Inspect: the main input has focus on load and Ctrl/Cmd+Enter hands the token to Verify', async () => {
    const { page } = session
    await openView(page, 'Inspect')
    await page.reload()
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.id),
      )
      .toBe('inspect-input')
    const token = await hs256({ sub: 'x', exp: now() + 600 }, strongSecret())
    await page.keyboard.insertText(token)
    await page.keyboard.press(`${mod}+Enter`)
    await expect.poll(selected).toBe('Verify')
    expect(await page.getByLabel('Token to verify').inputValue()).toBe(token)
  })
})

describe('Inspect and Mint', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench()
    await session.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  })
  afterAll(() => session?.close())

  it('the exp countdown ticks (fake clock): expires in 1m 5s, then expired 5s ago', async () => {
    const { page } = session
    const start = new Date('2026-11-22T12:00:00Z')
    await page.clock.install({ time: new Date(start.getTime() - 60_000) })
    await page.reload()
    await page.clock.pauseAt(start)
    const exp = start.getTime() / 1000 + 65
    await page
      .getByLabel(/Token, header, cookie/)
      .fill(await hs256({ sub: 'tick', exp }, strongSecret()))
    const relative = page.locator('li[data-time="exp"] .time-relative')
    await expect.poll(() => relative.innerText()).toBe('expires in 1m 5s')
    await page.clock.fastForward(70_000)
    await expect.poll(() => relative.innerText()).toBe('expired 5s ago')
    expect(await page.locator('li[data-time="exp"]').getAttribute('class')).toBe('expired')
    await page.clock.resume()
  })

  it('compares two tokens: changed, added and removed members, times as a distance', async () => {
    const { page } = session
    await page.reload()
    const secret = strongSecret()
    const t = now()
    const a = await hs256({ sub: 'alice', role: 'user', iat: t, exp: t + 900 }, secret)
    const b = await hs256({ sub: 'alice', scope: 'admin', iat: t, exp: t + 4500 }, secret)
    await page.getByLabel(/Token, header, cookie/).fill(`${a}\n${b}`)
    await page.getByRole('button', { name: 'Compare with another token' }).click()
    const diff = page.getByRole('region', { name: 'Compare two tokens' })
    await diff.locator('tr[data-member="payload.exp"]').waitFor()
    expect(await diff.locator('tr[data-member="payload.exp"]').innerText()).toContain(
      'changed (+1h)',
    )
    expect(await diff.locator('tr[data-member="payload.role"]').getAttribute('class')).toBe(
      'diff-removed',
    )
    expect(await diff.locator('tr[data-member="payload.scope"]').getAttribute('class')).toBe(
      'diff-added',
    )
    expect(await diff.locator('tr[data-member="payload.sub"]').getAttribute('class')).toBe(
      'diff-same',
    )
    expect(await diff.getByText('3 differences.').count()).toBe(1)
    await screenshot(page, 'inspect-compare')
  })

  it('copies as curl (read back from the clipboard), and shows the token colour-coded by segment', async () => {
    const { page } = session
    await page.reload()
    const token = await hs256(
      { sub: 'curl', aud: 'https://api.example.org/v1', exp: now() + 600 },
      strongSecret(),
    )
    await page.getByLabel(/Token, header, cookie/).fill(token)
    await page.getByRole('button', { name: 'Copy as curl' }).click()
    await page
      .getByRole('status', { name: 'Notifications' })
      .getByText('curl command copied.')
      .waitFor()
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).navigator.clipboard.readText(),
      ),
    ).toBe(`curl -H 'Authorization: Bearer ${token}' 'https://api.example.org/v1'`)
    const parts = token.split('.')
    for (const [i, part] of parts.entries()) {
      expect(await page.locator(`.colored-token code .seg-${i}`).innerText()).toBe(part)
    }
  })

  it('a 64 KiB claim is shown in part until Show all, and Copy claims copies all of it', async () => {
    const { page } = session
    await page.reload()
    const data = 'x'.repeat(48_000)
    await page
      .getByLabel(/Token, header, cookie/)
      .fill(await hs256({ sub: 'big', data, exp: now() + 600 }, strongSecret()))
    const cell = page.locator('tr[data-claim="data"] td.claim-value')
    await expect.poll(() => cell.innerText()).toContain('… 43,904 more characters')
    await cell.getByRole('button', { name: 'Show all' }).click()
    expect(await cell.innerText()).toContain(data)
    await page.getByRole('button', { name: 'Copy claims' }).click()
    const copied = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).navigator.clipboard.readText(),
    )
    expect((JSON.parse(copied) as { data: string }).data).toBe(data)
  })

  it('the claims JSON editor and the form stay in sync both ways; bad JSON says where', async () => {
    const { page } = session
    await page.reload()
    await openView(page, 'Mint')
    // Empty editors are not marked as errors (the linter runs 150 ms after a change).
    const lintErrors = page.locator('.cm-lintRange-error, .cm-lintPoint-error')
    await page.getByLabel('Claims as JSON').waitFor()
    await page.waitForTimeout(1000)
    expect(await lintErrors.count()).toBe(0)
    await page.getByLabel('Subject (sub)').fill('alice')
    const editor = page.getByLabel('Claims as JSON')
    await expect.poll(async () => JSON.parse(await editor.innerText())).toEqual({ sub: 'alice' })
    await editor.fill('{"sub": "bob", "iss": "https://id.example", "role": "ops"}')
    await expect.poll(() => page.getByLabel('Subject (sub)').inputValue()).toBe('bob')
    expect(await page.getByLabel('Issuer (iss)').inputValue()).toBe('https://id.example')
    await editor.fill('{"sub": "bob",, }')
    await page.getByText(/^line 1, column 15: /).waitFor()
    await expect.poll(() => lintErrors.count()).toBeGreaterThan(0)
    expect(await page.getByLabel('Subject (sub)').inputValue()).toBe('bob')
  })

  it('edit and re-sign: Inspect hands header and claims to Mint, and the new token verifies', async () => {
    const { page } = session
    await page.reload()
    const secret = strongSecret()
    const token = await hs256({ sub: 'round', role: 'ops', iat: now(), exp: now() + 600 }, secret)
    await openView(page, 'Inspect')
    await page.getByLabel(/Token, header, cookie/).fill(token)
    await page.getByRole('button', { name: 'Edit and re-sign' }).click()
    await page.getByLabel('Secret value').fill(secret)
    await page.keyboard.press(`${mod}+Enter`)
    const minted = await page.getByLabel('Minted token').inputValue()
    expect(JSON.parse(Buffer.from(minted.split('.')[1]!, 'base64url').toString())).toMatchObject({
      sub: 'round',
      role: 'ops',
    })
    await page.getByRole('button', { name: 'Verify this' }).click()
    await page.getByLabel('Secret value').fill(secret)
    await page.keyboard.press(`${mod}+Enter`)
    await page.getByText(/^Valid: signed by HMAC secret/).waitFor()
  })

  it('a PEM dropped on the window lands in Keys import', async () => {
    const { page } = session
    await page.reload()
    const { pem } = await es256('dropped')
    await page.evaluate((text) => {
      const g = globalThis as unknown as PageGlobals
      const data = new g.DataTransfer()
      data.items.add(new g.File([text], 'partner.pem', { type: 'application/x-pem-file' }))
      g.window.dispatchEvent(
        new g.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      )
    }, pem)
    await page.getByRole('heading', { name: 'Signing keys' }).waitFor()
    await expect.poll(() => page.getByLabel(/^Key text/).inputValue()).toBe(pem)
  })
})

describe('history and storage', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench()
  })
  afterAll(() => session?.close())

  const history = () =>
    session.page.evaluate(async () => {
      const credential = (globalThis as unknown as PageGlobals).sessionStorage.getItem(
        'jwtw.session',
      )
      const response = await fetch('api/history.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: '[]',
      })
      return ((await response.json()) as { value: Array<{ token: string; view: string }> }).value
    })

  async function toggleHistory(said: string) {
    const { page } = session
    await page.keyboard.press('Alt+k')
    await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').waitFor()
    await page.keyboard.type('turn history')
    await page.keyboard.press('Enter')
    await page.getByRole('status', { name: 'Notifications' }).getByText(said).waitFor()
  }

  it('history is off by default; when on, entries have no signature; the browser keeps no token or secret', async () => {
    const { page } = session
    const secret = strongSecret()
    const token = await hs256({ sub: 'kept', exp: now() + 600 }, secret)
    await page.getByLabel(/Token, header, cookie/).fill(token)
    await page.waitForTimeout(1800)
    expect(await history()).toEqual([])

    await toggleHistory('History is on: tokens are kept without their signature.')
    await page.getByLabel(/Token, header, cookie/).fill(`${token} `)
    // Kept once typing has stopped for 1.5 s.
    await expect.poll(async () => (await history()).length, { timeout: 5000 }).toBe(1)
    const [entry] = await history()
    expect(entry!.view).toBe('inspect')
    expect(entry!.token).toBe(`${token.split('.').slice(0, 2).join('.')}.`)

    // The History dialog: search, open an entry in Inspect.
    await page.getByRole('button', { name: /^History( \(off\))?$/ }).click()
    const dialog = page.getByRole('dialog', { name: 'History' })
    const search = dialog.getByLabel('Search history')
    await dialog.getByRole('status').getByText('1 entries, newest first.').waitFor()
    await search.fill('nobody')
    await dialog.getByText('0 of 1 entries match.').waitFor()
    await search.fill('KEPT inspect')
    await dialog.getByRole('button', { name: 'Open in Inspect' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.getByLabel(/Token, header, cookie/).inputValue()).toBe(entry!.token)

    // A full journey: mint, verify, scan; then nothing in browser storage holds a token or secret.
    await openView(page, 'Mint')
    await page.getByLabel('Secret value').fill(secret)
    await page.getByRole('button', { name: 'Mint token' }).click()
    const minted = await page.getByLabel('Minted token').inputValue()
    await page.getByRole('button', { name: 'Verify this' }).click()
    await page.getByLabel('Secret value').fill(secret)
    await page.getByRole('button', { name: 'Verify token' }).click()
    await page.getByText(/^Valid: /).waitFor()
    const stored = await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals
      return {
        local: Object.entries(g.localStorage),
        session: Object.entries(g.sessionStorage),
        databases: (await g.indexedDB.databases()).map((d) => d.name),
      }
    })
    expect(stored.local).toEqual([])
    expect(stored.databases).toEqual([])
    // Only browser mode's own session credential (security issue), never a token or a secret.
    expect(stored.session.map(([k]) => k)).toEqual(['jwtw.session'])
    const text = JSON.stringify(stored)
    for (const value of [token, minted, secret, secret.slice(4)]) expect(text).not.toContain(value)
    await toggleHistory('History is off: nothing more is kept.')

    // Clear all, after a confirmation.
    await page.getByRole('button', { name: /^History( \(off\))?$/ }).click()
    await dialog.getByRole('button', { name: 'Clear all…' }).click()
    await dialog.getByRole('button', { name: 'Clear history' }).click()
    await dialog.getByText(/^History is off: nothing is kept/).waitFor()
    expect(await history()).toEqual([])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })
})

describe('Scan and JWKS views', () => {
  let session: Session
  let server: Server
  let jwksUrl = ''
  let issuer = ''
  const key = es256('k-scan')
  beforeAll(async () => {
    session = await openWorkbench()
    const { jwk } = await key
    server = createServer((req, res) => {
      const documents: Record<string, unknown> = {
        '/jwks.json': { keys: [jwk] },
        '/realms/e2e/.well-known/openid-configuration': { issuer, jwks_uri: jwksUrl },
      }
      const body = documents[req.url ?? '']
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body ?? {}))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    jwksUrl = `${base}/jwks.json`
    issuer = `${base}/realms/e2e`
  })
  afterAll(async () => {
    await session?.close()
    server?.close()
  })

  it('scans a pasted log, sorts by count, verifies with a JWKS URL, and opens a token in Inspect', async () => {
    const { page } = session
    const { sign } = await key
    const often = await sign({ sub: 'often', exp: now() + 600 })
    const once = await sign({ sub: 'once', exp: now() - 60 })
    const forged = await (await es256('k-scan')).sign({ sub: 'forged', exp: now() + 600 })
    const log = [
      `GET /a Bearer ${often}`,
      `GET /b Bearer ${once}`,
      `GET /c Bearer ${often}`,
      `x ${often}`,
      `GET /d Bearer ${forged}`,
    ].join('\n')
    await openView(page, 'Scan')
    await page.getByLabel('Log text').fill(log)
    await page.getByLabel('Verify each unique token').check()
    await keySource(page, 'JWKS URL')
    await page.getByRole('textbox', { name: 'JWKS URL' }).fill(jwksUrl)
    await page.getByRole('button', { name: 'Scan', exact: true }).click()
    await page.getByText('5 occurrences, 3 unique tokens').waitFor()
    const rows = page.getByRole('table', { name: 'Unique tokens' }).getByRole('row')
    await expect.poll(() => rows.count()).toBe(4)
    // The result scrolls into view once the scan has ended: all of it, or its top at the top.
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'Scan result' }).evaluate((e) => {
          const box = e.getBoundingClientRect()
          const height = e.ownerDocument.documentElement.clientHeight
          return (box.top >= -1 && box.bottom <= height + 1) || Math.abs(box.top) <= 1
        }),
      )
      .toBe(true)
    expect(await rows.nth(1).innerText()).toMatch(/^3\s+–\s+often/)
    expect(await rows.nth(1).innerText()).toContain('valid')
    // Why a token failed is in its row, not only in a tooltip.
    const forgedRow = rows.filter({ hasText: 'forged' })
    expect(await forgedRow.innerText()).toContain('invalid · ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
    expect(await forgedRow.innerText()).toContain('line 5')
    await page.getByRole('button', { name: /^Seen/ }).click()
    expect(await rows.nth(1).innerText()).toMatch(/^1\s/)
    await screenshot(page, 'scan')
    // Narrower than its columns, each row becomes a card: every cell kept, nothing sideways.
    await page.setViewportSize({ width: 1024, height: 700 })
    await page.locator('.scan-grid.cards').waitFor()
    expect(await forgedRow.locator('[data-label="kid"]').isVisible()).toBe(true)
    expect(await page.evaluate(OVERFLOWS)).toEqual([])
    await page.setViewportSize({ width: 1280, height: 860 })
    await expect.poll(() => page.locator('.scan-grid.cards').count()).toBe(0)
    await rows.filter({ hasText: 'expired' }).getByRole('button', { name: 'Open' }).click()
    await page.locator('tr[data-claim="sub"] td.claim-value', { hasText: 'once' }).waitFor()
    expect(await page.getByLabel(/Token, header, cookie/).inputValue()).toBe(once)
  })

  it('JWKS: fetches a JWK Set, lists its keys with the cache state, trusts an issuer, and Inspect verifies its tokens', async () => {
    const { page } = session
    await openView(page, 'JWKS')
    await page.getByLabel('JWKS URL', { exact: true }).check()
    await page.getByRole('textbox', { name: 'JWKS URL' }).fill(jwksUrl)
    await page.getByRole('button', { name: 'Fetch keys' }).click()
    const keys = page.getByRole('region', { name: 'Keys published' })
    await keys.getByText('k-scan').waitFor()
    expect(await keys.innerText()).toContain('EC P-256')
    expect(await keys.getByRole('status').innerText()).toMatch(/fresh for|revalidated/)
    // Another URL typed after the fetch marks the keys shown as out of date.
    await page.getByRole('textbox', { name: 'JWKS URL' }).fill(`${jwksUrl}?v=2`)
    await page.getByText('Out of date: the URL changed after these keys were fetched.').waitFor()
    await page.getByRole('textbox', { name: 'JWKS URL' }).fill(jwksUrl)
    await expect.poll(() => page.getByText('Out of date:').count()).toBe(0)
    await page.getByLabel('Issuer URL').fill(issuer)
    // A trusted issuer needs the audience its tokens must carry (or "any audience", said so).
    const trust = page.getByRole('button', { name: 'Trust issuer' })
    expect(await trust.isDisabled()).toBe(true)
    await page.getByLabel('Expected audience').fill('api://orders-e2e')
    await trust.click()
    await page.getByRole('button', { name: `Stop trusting ${issuer}` }).waitFor()

    // Inspect verifies a token of the trusted issuer with its keys, found by discovery.
    const { sign } = await key
    const genuine = await sign({
      sub: 'trusted',
      iss: issuer,
      aud: 'api://orders-e2e',
      exp: now() + 600,
    })
    await openView(page, 'Inspect')
    await page.getByLabel(/Token, header, cookie/).fill(genuine)
    const verdict = page.getByRole('status', { name: 'Trusted issuer' })
    await expect.poll(() => verdict.innerText()).toMatch(/^✓ verified trusted issuer /)
    expect(await verdict.innerText()).toContain('kid k-scan')
    const forged = (await es256('k-scan')).sign({
      sub: 'forged',
      iss: issuer,
      aud: 'api://orders-e2e',
      exp: now() + 600,
    })
    await page.getByLabel(/Token, header, cookie/).fill(await forged)
    await expect
      .poll(() => verdict.innerText())
      .toMatch(/^✗ not verified trusted issuer .*Not valid: /)
    // A genuine token issued to another client of the same issuer is not valid here.
    await page
      .getByLabel(/Token, header, cookie/)
      .fill(await sign({ sub: 'other', iss: issuer, aud: 'other-client', exp: now() + 600 }))
    await expect.poll(() => verdict.innerText()).toMatch(/^✗ not verified .*audience/i)
    // A token of an issuer that is not trusted is not checked (nothing fetched for it).
    await page
      .getByLabel(/Token, header, cookie/)
      .fill(await sign({ sub: 'x', iss: 'https://elsewhere.example', exp: now() + 600 }))
    await page.locator('tr[data-claim="sub"] td.claim-value', { hasText: 'x' }).waitFor()
    expect(await verdict.count()).toBe(0)
  })
})

/**
 * What runs past its space on the page: sideways scrolling, a table wider than its pane, a
 * column header that wraps or is cut. Run in the page (the e2e code has no DOM types).
 */
const OVERFLOWS = `(() => {
  const found = []
  const root = document.documentElement
  if (root.scrollWidth > root.clientWidth + 1) found.push('the page is ' + root.scrollWidth + 'px wide')
  for (const table of document.querySelectorAll('table, [role="table"]')) {
    const box = table.getBoundingClientRect()
    const pane = table.closest('.split-pane, .panel, section').getBoundingClientRect()
    if (box.width > 0 && box.right > pane.right + 1)
      found.push((table.getAttribute('aria-label') || table.className) + ' runs ' + Math.round(box.right - pane.right) + 'px past its pane')
  }
  for (const th of document.querySelectorAll('thead th, [role="columnheader"]')) {
    if (th.getBoundingClientRect().width > 0 && (th.scrollWidth > th.clientWidth + 1 || th.getClientRects().length > 1))
      found.push('header "' + th.textContent + '" does not fit')
  }
  return found
})()`

/** Keys and a saved credential of realistic shapes, stored before browser mode starts. */
async function seededStore(): Promise<NodeJS.ProcessEnv> {
  const env = {
    JWTW_HOME: mkdtempSync(join(tmpdir(), 'jwtw-e2e-seeded-')),
    JWTW_KEYCHAIN_SERVICE: `jwtw-e2e-seeded-${process.pid}`,
  }
  const ctx = createContext({
    keychain: createOsKeychain(env.JWTW_KEYCHAIN_SERVICE),
    settings: createFileSettingsStore(env.JWTW_HOME),
    now: () => new Date(),
    warn: () => undefined,
  })
  await ctx.keys.generate('orders-api-signing', { alg: 'PS256', tags: ['prod', 'orders'] })
  await ctx.keys.generate('partner-bank-enc', { alg: 'RSA-OAEP-256', tags: ['partner'] })
  await ctx.keys.generate('device-x25519', { alg: 'ECDH-ES+A256KW', curve: 'X25519' })
  const keycloak = await providerToken('keycloak')
  await ctx.keys.importKey('shop-production-idp', JSON.stringify(keycloak.jwks), { all: true })
  await ctx.clients.add({
    profile: {
      name: 'shop-production-sso',
      issuer: 'https://sso.example-retail.com/realms/shop-production',
      clientId: 'storefront-admin-console',
      authMethod: 'none',
      scope: 'openid profile email offline_access',
    },
  })
  await ctx.clients.add({
    profile: {
      name: 'orders-api-gateway',
      issuer: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
      clientId: '9f3c1a52-7d4e-4b8a-a6c1-2f0e8d7b5c34',
      authMethod: 'private_key_jwt',
      signingKey: 'orders-api-signing',
      scope: 'api://orders-api/.default',
    },
  })
  await ctx.credentials.set({
    name: 'staging-storefront',
    value: keycloak.token,
    host: 'api.staging.example-retail.com',
    note: 'astrid.lindqvist, realm shop-production',
  })
  return env
}

describe('accessibility and screenshots', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench(await seededStore())
  })
  afterAll(() => session?.close())

  for (const theme of ['light', 'dark'] as const) {
    it(`no serious or critical axe violations on any view (${theme} theme)`, async () => {
      const { page } = session
      await page.emulateMedia({ colorScheme: theme })
      await page.reload()
      await openView(page, 'Inspect')
      await expect
        .poll(() =>
          page.evaluate(
            () => (globalThis as unknown as PageGlobals).document.documentElement.dataset['theme'],
          ),
        )
        .toBe(theme)
      // Real shapes: a Keycloak access token with nested roles, and an Entra ID v2 token.
      const keycloak = (await providerToken('keycloak')).token
      const entra = (await providerToken('entra-v2')).token
      await page
        .getByLabel(/Token, header, cookie/)
        .fill(`Authorization: Bearer ${keycloak}\nX-Forwarded-Token: ${entra}`)
      // Verify opens on the Keycloak token with its issuer's discovery prefilled.
      await page.getByRole('button', { name: 'Verify this token' }).first().click()
      await page.getByLabel('Token to verify').waitFor()
      const failures: string[] = []
      for (const view of VIEWS) {
        await openView(page, view)
        await page.getByRole('tabpanel').locator('section, div').first().waitFor()
        await page.waitForTimeout(300)
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
          .analyze()
        for (const v of result.violations.filter(
          (x) => x.impact === 'serious' || x.impact === 'critical',
        )) {
          failures.push(
            `${view}: ${v.id} (${v.impact}) ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          )
        }
        await screenshot(page, `${view.toLowerCase().replace(' ', '-')}-${theme}`)
      }
      expect(failures).toEqual([])
    })
  }

  it('at 1024×700 no view scrolls sideways and no table runs past its pane', async () => {
    const { page } = session
    await page.setViewportSize({ width: 1024, height: 700 })
    try {
      await openView(page, 'Inspect')
      const keycloak = (await providerToken('keycloak')).token
      await page.getByLabel(/Token, header, cookie/).fill(`Authorization: Bearer ${keycloak}`)
      const overflows: string[] = []
      for (const view of VIEWS) {
        await openView(page, view)
        await page.getByRole('tabpanel').locator('section, div').first().waitFor()
        await page.waitForTimeout(200)
        const found = (await page.evaluate(OVERFLOWS)) as string[]
        overflows.push(...found.map((f) => `${view}: ${f}`))
      }
      expect(overflows).toEqual([])
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 })
    }
  })
})
