import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openWorkbench, screenshot, type Session } from './browser-mode'
import {
  check,
  es256,
  jwtw,
  keySource,
  openView,
  partsOf,
  strongSecret,
  verdict,
  workbenchEnv,
} from './token-fixtures'

describe('Mint in real Chromium (browser mode)', () => {
  let session: Session
  const env = workbenchEnv()
  let storedKid: string
  beforeAll(async () => {
    // A stored ES256 key made by the CLI in the same settings dir and keychain service.
    await jwtw(env, 'keys', 'generate', 'e2e-signing', '--alg', 'ES256')
    storedKid = kidOf(JSON.parse(await jwtw(env, 'keys', 'list', '--json')), 'e2e-signing')
    session = await openWorkbench(env)
    await session.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(session.url).origin,
    })
  })
  afterAll(() => session?.close())
  beforeEach(async () => {
    await session.page.reload()
    await openView(session.page, 'Mint')
  })

  it('mints HS256 with a 48-byte secret and claims, copies it, and Verify calls it VALID', async () => {
    const { page } = session
    const secret = strongSecret()
    await page.getByLabel('Algorithm').selectOption('HS256')
    await page.getByLabel('Secret value').fill(secret)
    // The JSON editor holds the whole claim set; the fields then fill their part of it.
    await page.getByLabel('Claims as JSON').fill('{"role": "admin", "level": 3}')
    await page.getByLabel('Subject (sub)').fill('alice')
    await page.getByLabel('Issuer (iss)').fill('https://issuer.example')
    await page.getByLabel('Audience (aud, comma separated)').fill('api, admin')
    await page.getByLabel('Expires in').fill('15m')
    await page.getByLabel('Random jti').check()
    expect(JSON.parse(await page.getByLabel('Claims as JSON').innerText())).toEqual({
      sub: 'alice',
      iss: 'https://issuer.example',
      aud: ['api', 'admin'],
      role: 'admin',
      level: 3,
    })
    await page.getByRole('button', { name: 'Mint token' }).click()

    const output = page.getByLabel('Minted token')
    await output.waitFor()
    const token = await output.inputValue()
    const { header, payload } = partsOf(token)
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' })
    expect(payload).toMatchObject({
      sub: 'alice',
      iss: 'https://issuer.example',
      aud: ['api', 'admin'],
      role: 'admin',
      level: 3,
    })
    expect((payload['exp'] as number) - (payload['iat'] as number)).toBe(900)
    expect(payload['jti']).toMatch(/^[0-9a-f-]{36}$/)
    expect(await page.locator('[data-warning]').count()).toBe(0)
    expect(await page.locator('tr[data-claim="role"] td.claim-value').innerText()).toBe('admin')
    await page.evaluate('window.scrollTo(0, 0)')
    await screenshot(page, 'mint')

    await page.getByRole('button', { name: 'Copy token' }).click()
    await page.getByRole('button', { name: 'Copied' }).waitFor()
    const copied = await page.evaluate<string>('navigator.clipboard.readText()')
    expect(copied).toBe(token)

    await openView(page, 'Verify')
    await page.getByLabel('Token to verify').fill(copied)
    await page.getByLabel('Secret value').fill(secret)
    await page.getByLabel('Audience (aud, comma separated: any one)').fill('api')
    await page.getByLabel('Required claims').fill('role=admin\njti')
    await page.getByRole('button', { name: 'Verify token' }).click()
    expect(await verdict(page)).toBe('VALID')
    expect((await check(page, 'signature')).state).toBe('ok')
    expect((await check(page, 'aud')).state).toBe('ok')
    expect((await check(page, 'require:role')).state).toBe('ok')
  })

  it('marks the minted token out of date when the claims change, and mints again on request', async () => {
    const { page } = session
    await page.getByLabel('Secret value').fill(strongSecret())
    await page.getByLabel('Subject (sub)').fill('00u1a2b3c4d5e6f7g8h9')
    await page.getByRole('button', { name: 'Mint token' }).click()
    const first = await page.getByLabel('Minted token').inputValue()
    expect(await page.getByText('Out of date').count()).toBe(0)
    await page.getByLabel('Subject (sub)').fill('00u9z8y7x6w5v4u3t2s1')
    await page.getByText('Out of date').waitFor()
    await page.getByRole('button', { name: 'Mint again' }).click()
    await expect.poll(() => page.getByLabel('Minted token').inputValue()).not.toBe(first)
    expect(partsOf(await page.getByLabel('Minted token').inputValue()).payload).toMatchObject({
      sub: '00u9z8y7x6w5v4u3t2s1',
    })
    expect(await page.getByText('Out of date').count()).toBe(0)
  })

  it('shows the WEAK_SECRET warning for a short secret, and strict refuses it', async () => {
    const { page } = session
    await page.getByLabel('Secret value').fill('short-secret')
    // The strength is shown under the field as it is typed, with the way to a strong one.
    const strength = page.locator('.strength-line')
    await expect.poll(() => strength.innerText()).toMatch(/^\s*weak for HS256 · 12 key bytes/)
    expect(await page.getByLabel('Secret strength').getAttribute('value')).toBe('1')
    expect(await strength.getByRole('button', { name: 'Generate a strong one' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Mint token' }).click()
    const warning = page.locator('[data-warning="WEAK_SECRET"]')
    await warning.waitFor()
    expect(await warning.innerText()).toContain('The secret is 12 bytes; HS256 needs at least 32')
    expect(await page.getByLabel('Minted token').inputValue()).toMatch(
      /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/,
    )

    await page.getByLabel('Strict: refuse weak secrets').check()
    await page.getByRole('button', { name: 'Mint token' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('ERR_WEAK_SECRET')
    expect(await page.getByLabel('Minted token').count()).toBe(0)
  })

  it('shows ERR_INVALID_CLAIMS inline for invalid claims JSON and sends nothing', async () => {
    const { page } = session
    const calls: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/mint')) calls.push(r.url())
    })
    // Claims first: a secret typed while the claims are still valid would rightly start a live
    // preview (a mint call) before the claims break.
    await page.getByLabel('Claims as JSON').fill('{role: admin}')
    await page.getByLabel('Secret value').fill(strongSecret())
    // Where the JSON breaks, as you type.
    await page.getByText(/^line 1, column 2: /).waitFor()
    await page.getByRole('button', { name: 'Mint token' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    const text = await alert.innerText()
    expect(text).toContain('ERR_INVALID_CLAIMS')
    expect(text).toContain('Claims are not valid JSON')
    await page.getByLabel('Claims as JSON').fill('["not", "an object"]')
    await page.getByRole('button', { name: 'Mint token' }).click()
    await page.getByRole('alert').getByText('Claims must be a JSON object').waitFor()
    expect(calls).toEqual([])
    expect(await page.getByLabel('Minted token').count()).toBe(0)
  })

  it('fills the form from a template and mints an unsecured token with its warning', async () => {
    const { page } = session
    await page.getByLabel('Template').selectOption('dashboard-user')
    expect(await page.getByLabel('Subject (sub)').inputValue()).toBe('user-1234')
    expect(await page.getByLabel('Expires in').inputValue()).toBe('24h')
    expect(JSON.parse(await page.getByLabel('Claims as JSON').innerText())).toMatchObject({
      sub: 'user-1234',
      name: 'Ada Lovelace',
      role: 'admin',
    })
    await page.getByLabel('Unsecured (alg none)').check()
    await page.getByRole('button', { name: 'Mint token' }).click()
    const token = await page.getByLabel('Minted token').inputValue()
    expect(token.endsWith('.')).toBe(true)
    const { header, payload } = partsOf(token)
    expect(header['alg']).toBe('none')
    expect(payload).toMatchObject({ sub: 'user-1234', role: 'admin' })
    expect((payload['exp'] as number) - (payload['iat'] as number)).toBe(24 * 3600)
    expect(await page.locator('[data-warning="UNSECURED"]').innerText()).toContain('alg none')
  })

  it('mints with a pasted private JWK and Verify accepts it with the public PEM', async () => {
    const { page } = session
    const pair = await es256('pasted-1')
    await keySource(page, 'Pasted key')
    await page.getByLabel(/^Key text/).fill(JSON.stringify(pair.privateJwk))
    await page.getByLabel('Subject (sub)').fill('pasted')
    await page.getByRole('button', { name: 'Mint token' }).click()
    const token = await page.getByLabel('Minted token').inputValue()
    expect(partsOf(token).header).toMatchObject({ alg: 'ES256', kid: 'pasted-1' })
    expect(await page.locator('.key-description').innerText()).toContain('from JWK')

    // "No kid header" leaves out even the key's own kid (and disables the kid field).
    await page.getByRole('checkbox', { name: 'No kid header' }).check()
    expect(await page.getByLabel(/^kid \(empty/).isDisabled()).toBe(true)
    await page.getByRole('button', { name: 'Mint token' }).click()
    const minted = page.getByLabel('Minted token')
    await expect.poll(() => minted.inputValue()).not.toBe(token)
    expect(partsOf(await minted.inputValue()).header).not.toHaveProperty('kid')
    await page.getByRole('checkbox', { name: 'No kid header' }).uncheck()

    await openView(page, 'Verify')
    await page.getByLabel('Token to verify').fill(token)
    await keySource(page, 'Pasted key')
    await page.getByLabel(/^Key text/).fill(pair.pem)
    await page.getByRole('button', { name: 'Verify token' }).click()
    expect(await verdict(page)).toBe('VALID')
  })

  it('mints with a stored key and verifies with the same stored key', async () => {
    const { page } = session
    await keySource(page, 'Stored key')
    const select = page.getByLabel('Stored key name')
    await expect
      .poll(() => select.locator('option').allInnerTexts())
      .toContain('e2e-signing · ES256 · EC P-256')
    await select.selectOption('e2e-signing')
    await page.getByLabel('Subject (sub)').fill('svc-1')
    // A stored key gets a live preview like a secret does.
    const preview = page.getByRole('region', { name: 'Live preview' }).locator('code')
    await expect
      .poll(async () => partsOf((await preview.innerText()).replace(/\s/g, '')).payload['sub'])
      .toBe('svc-1')
    expect(partsOf((await preview.innerText()).replace(/\s/g, '')).header['kid']).toBe(storedKid)
    await page.getByRole('button', { name: 'Mint token' }).click()
    const token = await page.getByLabel('Minted token').inputValue()
    const { header } = partsOf(token)
    expect(header).toMatchObject({ alg: 'ES256', kid: storedKid })
    expect(await page.locator('.key-description').innerText()).toContain(
      'EC P-256 private key · stored key "e2e-signing"',
    )

    // Verify this: the stored key whose kid the token names is picked for it.
    await page.getByRole('button', { name: 'Verify this' }).click()
    await expect.poll(() => page.getByLabel('Token to verify').inputValue()).toBe(token)
    await expect.poll(() => page.getByLabel('Stored key name').inputValue()).toBe('e2e-signing')
    await page.getByRole('button', { name: 'Verify token' }).click()
    expect(await verdict(page)).toBe('VALID')
    expect((await check(page, 'alg')).state).toBe('ok')
  })
})

function kidOf(keys: { name: string; kid: string }[], name: string): string {
  const key = keys.find((k) => k.name === name)
  if (!key) throw new Error(`no stored key ${name} in ${JSON.stringify(keys)}`)
  return key.kid
}

describe('Mint without a reachable keychain (real Chromium)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/jwtw-e2e' })
    await openView(session.page, 'Mint')
  })
  afterAll(() => session?.close())

  it('shows ERR_KEYCHAIN_UNAVAILABLE for stored keys and still signs with a secret', async () => {
    const { page } = session
    await keySource(page, 'Stored key')
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('ERR_KEYCHAIN_UNAVAILABLE')
    const select = page.getByLabel('Stored key name')
    expect(await select.isDisabled()).toBe(true)
    expect(await select.locator('option').allInnerTexts()).toEqual(['No stored keys'])

    await keySource(page, 'Secret')
    await page.getByLabel('Secret value').fill(strongSecret())
    await page.getByLabel('Subject (sub)').fill('no-keychain')
    await page.getByRole('button', { name: 'Mint token' }).click()
    expect(partsOf(await page.getByLabel('Minted token').inputValue()).payload['sub']).toBe(
      'no-keychain',
    )
  })
})
