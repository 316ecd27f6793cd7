import { createHmac, generateKeyPairSync, createSign } from 'node:crypto'
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, screenshot, type Session } from './browser-mode'

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')

function hs(secret: string, bits: 256 | 512 = 256): string {
  const input = `${b64url({ alg: `HS${bits}`, typ: 'JWT' })}.${b64url({ sub: 'audit-e2e' })}`
  return `${input}.${createHmac(`sha${bits}`, secret).update(input).digest('base64url')}`
}

function rs256(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const input = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'audit-e2e' })}`
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')
  return `${input}.${signature}`
}

async function writeLines(path: string, count: number, line: (i: number) => string) {
  const out = createWriteStream(path)
  const batch = 10_000
  for (let start = 0; start < count; start += batch) {
    let text = ''
    for (let i = start; i < Math.min(count, start + batch); i++) text += `${line(i)}\n`
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  )
}

describe('Secrets in real Chromium (browser mode)', () => {
  let session: Session
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jwtw-e2e-secrets-'))
    session = await openWorkbench()
    await session.page.getByRole('tab', { name: 'Secrets' }).click()
  })
  afterAll(async () => {
    await session?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const verdict = () => session.page.locator('[data-verdict]').getAttribute('data-verdict')

  it('rates "your-256-bit-secret" weak: a known placeholder, too few key bytes', async () => {
    const { page } = session
    const input = page.getByLabel('Secret to check')
    expect(await input.getAttribute('type')).toBe('password')
    await input.fill('your-256-bit-secret')
    await expect.poll(verdict).toBe('weak')
    const knownWeak = page.locator('li[data-rule="known-weak"]')
    expect(await knownWeak.getAttribute('data-passed')).toBe('false')
    expect(await knownWeak.innerText()).toContain('placeholder')
    // One fix for the whole check, linking to the generator.
    expect(await page.locator('p.fix').innerText()).toContain('Fix:')
    expect(await page.locator('li[data-rule="min-key-bytes"]').getAttribute('data-passed')).toBe(
      'false',
    )
    const text = page.locator('tr[data-reading="text"]')
    expect(await text.innerText()).toMatch(/19\s+19 < 32 required/)

    await page.getByRole('button', { name: 'Show secret' }).click()
    expect(await input.getAttribute('type')).toBe('text')
    await page.getByRole('button', { name: 'Hide secret' }).click()
    expect(await input.getAttribute('type')).toBe('password')
  })

  it('generates a secret that rates strong, with its .env line, and saves it as an HS key', async () => {
    const { page } = session
    await page.getByRole('button', { name: 'Generate secret' }).click()
    const generated = page.getByLabel('Generated secret')
    await generated.waitFor()
    const secret = await generated.inputValue()
    expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/) // 48 bytes, base64url
    expect(await page.getByLabel('.env line').inputValue()).toBe(`JWT_SECRET=${secret}`)

    await page.getByRole('button', { name: 'Check its strength' }).click()
    expect(await page.getByLabel('Secret to check').inputValue()).toBe(secret)
    await expect.poll(verdict).toBe('strong')
    expect(await page.locator('li[data-passed="false"]').count()).toBe(0)
    expect(await page.locator('tr[data-reading="base64url"]').innerText()).toContain('48')
    await screenshot(page, 'secrets')

    await page.getByLabel('Key name to save as').fill('e2e-generated-hs')
    await page.getByRole('button', { name: 'Save to keychain as HS key' }).click()
    await page.getByText('Saved as key e2e-generated-hs').waitFor()
  })

  it('refuses a bad environment variable name with its code', async () => {
    const { page } = session
    await page.getByLabel('Environment variable name').fill('1-not-a-name')
    await page.getByRole('button', { name: 'Generate secret' }).click()
    const alert = page.getByRole('region', { name: 'Generate a secret' }).getByRole('alert')
    await expect.poll(() => alert.innerText()).toContain('ERR_INVALID_ARGUMENT')
    await page.getByLabel('Environment variable name').fill('JWT_SECRET')
  })

  it('finds the secret of an HS256 token in a wordlist, the progress bar at its end', async () => {
    const { page } = session
    const secret = 'e2e-horse-battery-staple-42'
    const wordlist = join(dir, 'words.txt')
    writeFileSync(
      wordlist,
      [...Array.from({ length: 500 }, (_, i) => `candidate-${i}`), secret, 'after-1'].join('\n'),
    )
    await page.getByLabel('HS token to audit').fill(hs(secret))
    await page.getByLabel(/^known-weak/).uncheck()
    await page.getByLabel('common-passwords').uncheck()
    await page.getByLabel(/^Wordlist files/).fill(wordlist)
    await page.getByRole('button', { name: 'Start audit' }).click()
    const finding = page.locator('.finding')
    await finding.waitFor()
    expect(await finding.innerText()).toContain('secret found')
    expect(await finding.locator('.found-secret').innerText()).toBe(secret)
    const bar = page.getByLabel('Audit progress')
    const { value, max } = await bar.evaluate((el) => ({
      value: (el as unknown as { value: number }).value,
      max: (el as unknown as { max: number }).max,
    }))
    // The line after the secret may be left unread (the scan stops at a match); the job is done.
    expect(max).toBeGreaterThan(0)
    expect(value).toBe(max)
    expect(await page.locator('.audit-status').innerText()).toMatch(/[\d,]+ candidates tried/)
  })

  it('reports "not found" after every candidate of the built-in list', async () => {
    const { page } = session
    await page.getByLabel('HS token to audit').fill(hs('a-secret-in-no-list-Xq93v7'))
    await page.getByLabel(/^known-weak/).check()
    await page.getByLabel(/^Wordlist files/).fill('')
    await page.getByRole('button', { name: 'Start audit' }).click()
    const outcome = page.locator('.audit-outcome')
    await outcome.waitFor()
    expect(await outcome.innerText()).toMatch(/^Not found after [\d,]+ candidates/)
    expect(await page.locator('.finding').count()).toBe(0)
  })

  it('shows ERR_NOT_HMAC_TOKEN for an RS256 token', async () => {
    const { page } = session
    await page.getByLabel('HS token to audit').fill(rs256())
    await page.getByRole('button', { name: 'Start audit' }).click()
    const alert = page.getByRole('region', { name: /Audit a token/ }).getByRole('alert')
    await expect.poll(() => alert.innerText()).toContain('ERR_NOT_HMAC_TOKEN')
  })

  /** 5M lines under HS512: seconds of work for the native engine (~2M HS256 candidates/s). */
  async function fillBigAudit() {
    const big = join(dir, 'big.txt')
    if (!existsSync(big)) await writeLines(big, 5_000_000, (i) => `not-the-secret-${i}`)
    await session.page.getByLabel('HS token to audit').fill(hs('missing-from-the-big-list', 512))
    await session.page.getByLabel(/^Wordlist files/).fill(big)
  }

  it('cancels an audit of a 5M-line wordlist and says so', async () => {
    const { page } = session
    await fillBigAudit()
    await page.getByRole('button', { name: 'Start audit' }).click()
    await page.getByRole('button', { name: 'Cancel audit' }).click()
    const status = page.locator('.audit-status[data-state="cancelled"]')
    await status.waitFor()
    expect(await status.innerText()).toMatch(/Cancelled after [\d,]+ candidates/)
    const { value, max } = await page.getByLabel('Audit progress').evaluate((el) => ({
      value: (el as unknown as { value: number }).value,
      max: (el as unknown as { max: number }).max,
    }))
    expect(value).toBeLessThan(max)
  })

  it('stops polling and cancels the running audit when the view is left', async () => {
    const { page } = session
    const calls: string[] = []
    const onRequest = (r: { url(): string }) => {
      const method = /\/api\/(audit\.\w+)$/.exec(r.url())?.[1]
      if (method) calls.push(method)
    }
    page.on('request', onRequest)
    try {
      await fillBigAudit()
      await page.getByRole('button', { name: 'Start audit' }).click()
      await expect.poll(() => calls.filter((c) => c === 'audit.status').length).toBeGreaterThan(1)
      await page.getByRole('tab', { name: 'Inspect' }).click()
      await expect.poll(() => calls.includes('audit.cancel')).toBe(true)
      const polls = calls.filter((c) => c === 'audit.status').length
      await page.waitForTimeout(800) // four poll intervals
      expect(calls.filter((c) => c === 'audit.status').length).toBe(polls)
    } finally {
      page.off('request', onRequest)
      await page.getByRole('tab', { name: 'Secrets' }).click()
    }
  })
})
