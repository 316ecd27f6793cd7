import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { providerToken } from '../tests/helpers/provider-tokens'
import { openWorkbench, screenshot, type Session } from './browser-mode'
import { hs256, now, openView, strongSecret, verdict } from './token-fixtures'

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'

describe('Inspect in real Chromium (browser mode)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench()
  })
  afterAll(() => session?.close())

  it('logs in through the one-time URL and drops the login code from the address bar', async () => {
    await session.page.waitForURL((url) => url.hash === '')
    expect(session.page.url()).not.toContain('login=')
  })

  it('decodes a pasted token and shows the claim name = John Doe', async () => {
    const { page } = session
    await page.getByLabel(/Token, header, cookie/).fill(JWT)
    const row = page.locator('tr[data-claim="name"]')
    await row.waitFor()
    expect(await row.locator('th').innerText()).toBe('name')
    expect(await row.locator('td.claim-value').innerText()).toBe('John Doe')
    await screenshot(page, 'inspect')
  })

  it('finds every token in a log excerpt and shows an error code for text without one', async () => {
    const { page } = session
    const input = page.getByLabel(/Token, header, cookie/)
    await input.fill(`GET /api Authorization: Bearer ${JWT}\nset-cookie: session=${JWT}\n`)
    await page.getByText('1 token found').waitFor()
    await expect.poll(() => page.locator('article.token-card').count()).toBe(1)
    await input.fill('no token in here')
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').innerText()).toContain('ERR_NO_TOKEN_FOUND')
  })

  it('a Keycloak token: raw JSON with syntax colours, the input folded away and back', async () => {
    const { page } = session
    const keycloak = await providerToken('keycloak')
    await page.getByLabel(/Token, header, cookie/).fill(keycloak.token)
    await page.locator('tr[data-claim="realm_access"]').waitFor()
    // The header is JSON with its names and strings coloured (classes, no inline style).
    const header = page.locator('.token-parts pre.json-view').first()
    expect(await header.locator('.tok-propertyName', { hasText: '"kid"' }).count()).toBe(1)
    expect(await header.locator('.tok-string', { hasText: keycloak.kid }).count()).toBe(1)
    const raw = page.getByRole('button', { name: 'Raw JSON' })
    await raw.click()
    expect(await raw.getAttribute('aria-pressed')).toBe('true')
    const claims = page.locator('.token-parts pre.json-view').nth(1)
    expect(JSON.parse(await claims.innerText())).toEqual(keycloak.claims)
    expect(await claims.locator('.tok-number').count()).toBeGreaterThan(2)
    expect(await claims.locator('[style]').count()).toBe(0)
    await raw.click()
    await page.locator('tr[data-claim="realm_access"]').waitFor()

    // Folding the input gives the decoded token the width; the text is kept.
    const card = page.locator('article.token-card')
    const before = (await card.boundingBox())!.width
    await page.getByRole('button', { name: /Hide the input/ }).click()
    expect(await page.getByLabel(/Token, header, cookie/).count()).toBe(0)
    expect((await card.boundingBox())!.width).toBeGreaterThan(before * 1.4)
    await page.getByRole('button', { name: /Show the input/ }).click()
    expect(await page.getByLabel(/Token, header, cookie/).inputValue()).toBe(keycloak.token)
  })
})

describe('Inspect: times, lint, log files and hand-offs (real Chromium)', () => {
  let session: Session
  const secret = strongSecret()
  beforeAll(async () => {
    session = await openWorkbench()
  })
  afterAll(() => session?.close())
  beforeEach(() => session.page.reload())

  it('shows an expired token as expired 3h ago in red, with its ISO time and lint', async () => {
    const { page } = session
    const exp = now() - 3 * 3600 - 30
    const token = await hs256({ sub: 'alice', iat: exp - 600, exp }, secret)
    await page.getByLabel(/Token, header, cookie/).fill(token)
    const expiry = page.locator('li[data-time="exp"]')
    await expiry.waitFor()
    expect(await expiry.getAttribute('class')).toBe('expired')
    expect(await expiry.locator('.time-relative').getAttribute('class')).toContain('bad')
    expect(await expiry.innerText()).toContain('expired 3h')
    expect(await expiry.innerText()).toContain(new Date(exp * 1000).toISOString().slice(0, 19))
    expect(await page.locator('li[data-time="iat"]').innerText()).toContain('issued')
    expect(await page.locator('.summary').innerText()).toBe('1 token found, 1 expired')
    expect(await page.locator('.token-card-header .badge.sev-error').innerText()).toBe(
      'expired 3h ago',
    )
    expect(await page.locator('tr[data-claim="exp"] td.muted').innerText()).toContain('Expiration')
  })

  it('shows lint findings: alg none and no exp', async () => {
    const { page } = session
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'mallory', admin: true })}.`
    await page.getByLabel(/Token, header, cookie/).fill(none)
    const algNone = page.locator('li[data-lint="alg_none"]')
    await algNone.waitFor()
    expect(await algNone.locator('.badge').innerText()).toBe('error')
    expect(await algNone.innerText()).toContain('unsigned')
    expect(await page.locator('li[data-lint="no_exp"] .badge').innerText()).toBe('warning')
    expect(await page.locator('li[data-time]').count()).toBe(0)
  })

  it('opens a log file with several tokens, counts duplicates, and refuses one over 1 MiB', async () => {
    const { page } = session
    const a = await hs256({ sub: 'alice', iat: now(), exp: now() + 600 }, secret)
    const b = await hs256({ sub: 'bob', iat: now(), exp: now() + 600 }, secret)
    const c = await hs256({ sub: 'carol', iat: now() }, secret)
    const log = [
      `2026-01-01T10:00:00Z GET /api Authorization: Bearer ${a}`,
      `2026-01-01T10:00:01Z {"msg":"login","token":"${b}"}`,
      `2026-01-01T10:00:02Z GET /api Authorization: Bearer ${a}`,
      `2026-01-01T10:00:03Z set-cookie: session=${c}; HttpOnly`,
      `2026-01-01T10:00:04Z GET /api Authorization: Bearer ${a}`,
    ].join('\n')
    await page.getByLabel('Open log file…').setInputFiles({
      name: 'api.log',
      mimeType: 'text/plain',
      buffer: Buffer.from(log),
    })
    await page.getByText('3 tokens found').waitFor()
    expect(await page.locator('.summary').innerText()).toBe('3 tokens found')
    expect(await page.getByText('From api.log').count()).toBe(1)
    // The list names each token; the selected one is shown in full.
    const rows = page.getByRole('list', { name: 'Tokens found' }).getByRole('button')
    expect(await rows.locator('.token-name').allInnerTexts()).toEqual(['alice', 'bob', 'carol'])
    const cards = page.locator('article.token-card')
    expect(await cards.count()).toBe(1)
    expect(await cards.locator('.duplicate-count').innerText()).toBe('seen 3 times in the input')
    await rows.nth(1).click()
    expect(await cards.locator('tr[data-claim="sub"] td.claim-value').innerText()).toBe('bob')
    expect(await cards.locator('.duplicate-count').count()).toBe(0)
    await rows.nth(2).click()
    expect(await cards.locator('li[data-lint="no_exp"]').count()).toBe(1)
    // The selected token is selected in the pasted text too (set once the click is handled).
    await expect
      .poll(() =>
        page.getByLabel(/Token, header, cookie/).evaluate((el) => {
          const area = el as unknown as {
            value: string
            selectionStart: number
            selectionEnd: number
          }
          return area.value.slice(area.selectionStart, area.selectionEnd)
        }),
      )
      .toBe(c)

    await page.getByLabel('Open log file…').setInputFiles({
      name: 'huge.log',
      mimeType: 'text/plain',
      buffer: Buffer.alloc((1 << 20) + 1, 0x61),
    })
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('ERR_INPUT_TOO_LARGE')
    expect(await alert.innerText()).toContain('huge.log is 1,048,577 bytes')
    expect(await cards.count()).toBe(0)
  })

  it('hands a token to Verify (prefilled, VALID) and to Mint (alg and claims prefilled)', async () => {
    const { page } = session
    const token = await hs256(
      { sub: 'alice', aud: ['api', 'web'], role: 'ops', iat: now(), exp: now() + 3600 },
      secret,
    )
    await page
      .getByLabel(/Token, header, cookie/)
      .fill(`curl -H "Authorization: Bearer ${token}" https://x`)
    await page.getByRole('button', { name: 'Verify this token' }).click()
    expect(await page.getByLabel('Token to verify').inputValue()).toBe(token)
    await page.getByLabel('Secret value').fill(secret)
    await page.getByRole('button', { name: 'Verify token' }).click()
    expect(await verdict(page)).toBe('VALID')

    await openView(page, 'Inspect')
    await page.getByLabel(/Token, header, cookie/).fill(token)
    await page.getByRole('button', { name: 'Edit and re-sign' }).click()
    expect(await page.getByLabel('Algorithm').inputValue()).toBe('HS256')
    expect(await page.getByLabel('Subject (sub)').inputValue()).toBe('alice')
    expect(await page.getByLabel('Audience (aud, comma separated)').inputValue()).toBe('api, web')
    expect(await page.getByLabel('Expires in').inputValue()).toBe('3600s')
    await page.getByLabel('Claims as JSON').waitFor()
    expect(JSON.parse(await page.getByLabel('Claims as JSON').innerText())).toEqual({
      sub: 'alice',
      aud: ['api', 'web'],
      role: 'ops',
    })
  })
})

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
