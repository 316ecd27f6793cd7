import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, screenshot, type Session } from './browser-mode'
import { openView } from './token-fixtures'

const SERVICE = `jwtw-e2e-jwe-${process.pid}`

describe('Encrypted tokens in real Chromium (browser mode, real keychain)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench({ JWTW_KEYCHAIN_SERVICE: SERVICE })
  })
  afterAll(() => session?.close())

  async function generate(name: string, type: string) {
    const { page } = session
    await openView(page, 'Keys')
    await page.getByRole('tab', { name: 'Signing keys', exact: true }).click()
    const add = page.getByRole('button', { name: 'Add a key' })
    if (await add.isEnabled()) await add.click()
    await page.getByRole('tab', { name: 'Generate', exact: true }).click()
    await page.getByLabel('New key name').fill(name)
    await page.getByLabel('Key type').selectOption({ label: type })
    await page.getByRole('button', { name: 'Generate key' }).click()
    await page.locator(`tr[data-key="${name}"]`).waitFor()
  }

  it('generates an encryption key, mints a nested token to it, decrypts it in Inspect and sees the inner token verified', async () => {
    const { page } = session
    await generate('partner-bank-enc', 'Encryption: RSA 2048 bits')
    expect(await page.locator('tr[data-key="partner-bank-enc"]').innerText()).toContain(
      'RSA-OAEP-256',
    )
    await generate('api-signing', 'EC P-256')

    await openView(page, 'Mint')
    await page.getByRole('tab', { name: 'Stored key' }).click()
    const select = page.getByLabel('Stored key name')
    await expect
      .poll(() => select.locator('option').allInnerTexts())
      .toContain('api-signing · ES256 · EC P-256')
    // Encryption keys are not offered for signing.
    expect((await select.locator('option').allInnerTexts()).join()).not.toContain(
      'partner-bank-enc',
    )
    await select.selectOption('api-signing')
    await page.getByLabel('Subject (sub)').fill('00u1a2b3c4d5e6f7g8h9')
    await page.getByLabel('Issuer (iss)').fill('https://login.partner-bank.example/oauth2/default')
    await page.getByLabel('Encrypt to').selectOption('partner-bank-enc')
    await page.getByRole('button', { name: 'Mint token' }).click()
    const token = await page.getByLabel('Minted token').inputValue()
    expect(token.split('.')).toHaveLength(5)

    await openView(page, 'Inspect')
    await page.getByLabel(/Token, header, cookie/).fill(token)
    const panel = page.getByRole('region', { name: 'Decrypt' })
    await panel.getByLabel('Verify a nested token with').selectOption('api-signing')
    await panel.getByRole('button', { name: 'Decrypt' }).click()
    const decrypted = panel.getByRole('status', { name: 'Decrypted' })
    await decrypted.waitFor()
    expect(await decrypted.innerText()).toContain('stored key partner-bank-enc')
    expect(await decrypted.innerText()).toContain('inner token verified')
    expect(await decrypted.innerText()).toContain('00u1a2b3c4d5e6f7g8h9')
    await panel.scrollIntoViewIfNeeded()
    await screenshot(page, 'inspect-decrypt-light')
    await page.keyboard.press('Control+Shift+L')
    await screenshot(page, 'inspect-decrypt-dark')
    await page.keyboard.press('Control+Shift+L')
  })

  it('another RSA key says only that decryption failed; a password does not fit RSA-OAEP', async () => {
    const { page } = session
    const panel = page.getByRole('region', { name: 'Decrypt' })
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    await panel.getByLabel('Decrypt with').selectOption({ label: 'a pasted key (PEM, JWK, JWKS)' })
    await panel
      .getByLabel('Key', { exact: true })
      .fill(other.export({ type: 'pkcs8', format: 'pem' }) as string)
    await panel.getByRole('button', { name: 'Decrypt' }).click()
    await expect
      .poll(() => panel.getByRole('alert').innerText())
      .toContain('ERR_JWE_DECRYPTION_FAILED')
    await panel.getByLabel('Decrypt with').selectOption({ label: 'a password (PBES2)' })
    await panel.getByLabel('Password', { exact: true }).fill('correct horse battery staple')
    await panel.getByRole('button', { name: 'Decrypt' }).click()
    await expect.poll(() => panel.getByRole('alert').innerText()).toContain('ERR_KEY_UNFIT')
  })
})
