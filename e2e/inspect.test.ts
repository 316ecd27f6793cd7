import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, screenshot, type Session } from './browser-mode'

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'

describe('Inspect in real Chromium (browser mode)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench()
  })
  afterAll(() => session?.close())

  it('logs in through the one-time URL and drops the token from the address bar', () => {
    expect(session.page.url()).not.toContain('token=')
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
})
