import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOsKeychain } from '../src/main/core/keychain'
import { openWorkbench, screenshot, type Session } from './browser-mode'

const SERVICE = `jwtw-e2e-keys-${process.pid}`

/** An unsigned JWT-shaped token whose exp is `secondsFromNow` away (creds read exp only). */
function tokenExpiringIn(secondsFromNow: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) + secondsFromNow
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'e2e', exp })}.c2lnbmF0dXJl`
}

describe('Keys in real Chromium (browser mode, real keychain)', () => {
  let session: Session
  beforeAll(async () => {
    session = await openWorkbench({ JWTW_KEYCHAIN_SERVICE: SERVICE })
    await session.page.getByRole('tab', { name: 'Keys', exact: true }).click()
    await session.page.getByRole('heading', { name: 'Signing keys' }).waitFor()
  })
  afterAll(() => session?.close())

  const keyRow = (name: string) => session.page.locator(`tr[data-key="${name}"]`)
  const kidOf = (name: string) => keyRow(name).locator('.long-value').textContent()
  /** Opens a key's details (the Manage button toggles, so only when closed). */
  async function openKey(name: string) {
    await showSection('Signing keys')
    const manage = session.page.getByRole('button', {
      name: new RegExp(`^(Manage|Selected) key ${name}$`),
    })
    if ((await manage.getAttribute('aria-expanded')) !== 'true') await manage.click()
    return session.page.getByRole('region', { name: `Key ${name}` })
  }

  /** Keys has three sections as tabs. */
  async function showSection(name: 'Signing keys' | 'Saved credentials' | 'Local issuer') {
    await session.page.getByRole('tab', { name, exact: true }).click()
  }
  /** The add-a-key forms replace a selected key's details. */
  async function addKey(form: 'Generate' | 'Import') {
    const { page } = session
    await showSection('Signing keys')
    const add = page.getByRole('button', { name: 'Add a key' })
    if (await add.isEnabled()) await add.click()
    await page.getByRole('tab', { name: form, exact: true }).click()
  }

  async function generate(name: string, type: string, alg?: string) {
    const { page } = session
    await addKey('Generate')
    await page.getByLabel('New key name').fill(name)
    await page.getByLabel('Key type').selectOption({ label: type })
    if (alg) await page.getByLabel('Signing algorithm').selectOption(alg)
    await page.getByRole('button', { name: 'Generate key' }).click()
  }

  it('generates an ES256 key and an HS384 key and lists both with their kid', async () => {
    await generate('e2e-ec', 'EC P-256')
    await keyRow('e2e-ec').waitFor()
    expect(await keyRow('e2e-ec').locator('.badge.alg').innerText()).toBe('ES256')
    expect(await keyRow('e2e-ec').innerText()).toContain('EC P-256')
    expect(await kidOf('e2e-ec')).toMatch(/^[\w-]{20,}$/)
    // Cut in the middle on screen, yet its text reads as one value (it read as two lines).
    expect(await keyRow('e2e-ec').locator('.long-value').innerText()).toBe(await kidOf('e2e-ec'))

    await generate('e2e-hs', 'HMAC secret (64 random bytes)', 'HS384')
    await keyRow('e2e-hs').waitFor()
    expect(await keyRow('e2e-hs').locator('.badge.alg').innerText()).toBe('HS384')
    expect(await keyRow('e2e-hs').innerText()).toContain('HMAC secret, 64 bytes')
    expect(await kidOf('e2e-hs')).not.toBe(await kidOf('e2e-ec'))
  })

  it('refuses a bad or taken name with its error code, and the view keeps working', async () => {
    const { page } = session
    const form = page.getByRole('form', { name: 'Generate a key' })
    await generate('bad name!', 'Ed25519')
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('ERR_INVALID_KEY_NAME')
    await generate('e2e-ec', 'Ed25519')
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('ERR_KEY_EXISTS')
    await expect.poll(() => page.locator('tr[data-key]').count()).toBe(2)
  })

  it('exports the public JWK: it parses, matches the kid and has no "d"', async () => {
    const details = await openKey('e2e-ec')
    await details.getByLabel('Public export format').selectOption('jwk')
    await details.getByRole('button', { name: 'Export public key' }).click()
    const text = await details.getByLabel('Public key (jwk)').inputValue()
    const jwk = JSON.parse(text) as Record<string, string>
    expect(jwk['kty']).toBe('EC')
    expect(jwk['crv']).toBe('P-256')
    expect(jwk['kid']).toBe(await kidOf('e2e-ec'))
    expect(jwk).not.toHaveProperty('d')
  })

  it('shows the private key only after the explicit confirmation, and forgets it on leaving', async () => {
    const { page } = session
    const details = await openKey('e2e-ec')
    const privateText = details.getByLabel(/^Private export \(/)
    await details.getByRole('button', { name: 'Export private key…' }).click()
    expect(await details.getByText('This shows the private key').count()).toBe(1)
    expect(await privateText.count()).toBe(0)
    await details.getByRole('button', { name: 'Cancel' }).click()
    expect(await privateText.count()).toBe(0)

    await details.getByRole('button', { name: 'Export private key…' }).click()
    await details.getByRole('button', { name: 'Show the private key' }).click()
    await privateText.waitFor()
    expect(await privateText.inputValue()).toContain('-----BEGIN PRIVATE KEY-----')

    await page.getByRole('tab', { name: 'Inspect' }).click()
    await page.getByRole('tab', { name: 'Keys', exact: true }).click()
    await keyRow('e2e-ec').waitFor()
    expect(await page.getByLabel(/^Private export \(/).count()).toBe(0)
    expect(await page.locator('body').innerText()).not.toContain('BEGIN PRIVATE KEY')
  })

  it('rotates: the old kid turns retiring, and the issuer JWKS publishes both kids', async () => {
    const { page } = session
    const oldKid = await kidOf('e2e-ec')
    const details = await openKey('e2e-ec')
    await details.getByRole('button', { name: 'Rotate key' }).click()
    const retiring = details.locator(`tr[data-kid="${oldKid}"][data-status="retiring"]`)
    await retiring.waitFor()
    const newKid = await kidOf('e2e-ec')
    expect(newKid).not.toBe(oldKid)
    expect(await details.locator(`tr[data-kid="${newKid}"]`).getAttribute('data-status')).toBe(
      'active',
    )
    expect(await keyRow('e2e-ec').innerText()).toContain('1 retiring')
    await screenshot(page, 'keys')

    await showSection('Local issuer')
    await page.getByLabel('Issuer port').fill('0')
    await page.getByLabel(/^Keys to publish/).fill('e2e-ec')
    await page.getByRole('button', { name: 'Start issuer' }).click()
    const jwksUrl = page.getByLabel('JWKS URL')
    await jwksUrl.waitFor()
    const url = await jwksUrl.innerText()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json$/)
    const jwks = (await (await fetch(url)).json()) as { keys: Array<{ kid: string; d?: string }> }
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort())
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true)

    await page.getByRole('button', { name: 'Stop issuer' }).click()
    await page.getByRole('button', { name: 'Start issuer' }).waitFor()
    await expect(fetch(url)).rejects.toThrow()
  })

  it('edits the kid of the active version', async () => {
    const details = await openKey('e2e-ec')
    await details.getByLabel('kid of the active version').fill('e2e-custom-kid')
    await details.getByRole('button', { name: 'Save kid' }).click()
    await expect.poll(() => kidOf('e2e-ec')).toBe('e2e-custom-kid')
  })

  it('edits the tags, and the list shows them', async () => {
    const details = await openKey('e2e-ec')
    await details.getByLabel('Tags (comma-separated)').fill('staging, team-a')
    await details.getByRole('button', { name: 'Save tags' }).click()
    await expect
      .poll(() => keyRow('e2e-ec').locator('.tag').allInnerTexts())
      .toEqual(['staging', 'team-a'])
    expect(await details.getByRole('button', { name: 'Save tags' }).isDisabled()).toBe(true)
  })

  it('imports every key of a JWKS as verify-only keys, and refuses text that is no key', async () => {
    const { page } = session
    const details = await openKey('e2e-ec')
    await details.getByLabel('Public export format').selectOption('jwks')
    await details.getByRole('button', { name: 'Export public key' }).click()
    const jwks = await details.getByLabel('Public key (jwks)').inputValue()
    expect((JSON.parse(jwks) as { keys: unknown[] }).keys).toHaveLength(2)

    await addKey('Import')
    const form = page.getByRole('form', { name: 'Import a key' })
    await form.getByLabel('Import as (key name)').fill('e2e-partner')
    await form.getByLabel(/^Key text/).fill(jwks)
    await form.getByLabel(/^Import every key/).check()
    await form.getByRole('button', { name: 'Import key' }).click()
    await expect.poll(() => form.getByRole('status').innerText()).toContain('Imported 2 keys')
    for (const name of ['e2e-partner-1', 'e2e-partner-2']) {
      expect(await keyRow(name).innerText()).toContain('verify only')
    }
    expect(await form.getByLabel(/^Key text/).inputValue()).toBe('')

    await form.getByLabel('Import as (key name)').fill('e2e-junk')
    await form.getByLabel(/^Key text/).fill('-----BEGIN PUBLIC KEY-----\nnot base64\n')
    await form.getByRole('button', { name: 'Import key' }).click()
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/^ERR_INVALID_KEY\b/)
    expect(await keyRow('e2e-junk').count()).toBe(0)
  })

  it('shows "missing secret" for a key whose keychain entry was deleted outside; Mint and private export refuse it, public export and delete still work', async () => {
    const { page } = session
    await generate('e2e-orphan', 'Ed25519')
    await keyRow('e2e-orphan').waitFor()
    // Deleted behind the app's back, as a user could in Seahorse or Keychain Access.
    const keychain = createOsKeychain(SERVICE)
    const accounts = (await keychain.list()).filter((a) => a.startsWith('key/e2e-orphan/'))
    expect(accounts).toHaveLength(1)
    await keychain.delete(accounts[0]!)

    await page.getByRole('tab', { name: 'Mint' }).click()
    await page.getByRole('tab', { name: 'Keys', exact: true }).click()
    await expect.poll(() => keyRow('e2e-orphan').innerText()).toContain('missing secret')
    expect(await page.locator('tr[data-key]', { hasText: 'missing secret' }).count()).toBe(1)

    // Mint lists only keys that can sign, and names this one below the list with why.
    await page.getByRole('tab', { name: 'Mint' }).click()
    await page.getByRole('tab', { name: 'Stored key' }).click()
    await expect
      .poll(() => page.getByLabel('Stored keys that cannot sign').innerText())
      .toContain('e2e-orphan (secret missing)')
    expect(
      await page.getByLabel('Stored key name').locator('option[value="e2e-orphan"]').count(),
    ).toBe(0)
    await page.getByRole('tab', { name: 'Secret', exact: true }).click()

    // Keys offers no private export of it; the public one still works, and so does deleting.
    await page.getByRole('tab', { name: 'Keys', exact: true }).click()
    const details = await openKey('e2e-orphan')
    expect(await details.getByRole('button', { name: 'Export private key…' }).isDisabled()).toBe(
      true,
    )
    await details.getByLabel('Public export format').selectOption('jwk')
    await details.getByRole('button', { name: 'Export public key' }).click()
    await expect
      .poll(() => details.getByLabel('Public key (jwk)').inputValue())
      .toContain('"kty": "OKP"')
    await details.getByRole('button', { name: 'Delete key…' }).click()
    await details.getByRole('button', { name: 'Delete permanently' }).click()
    await expect.poll(() => keyRow('e2e-orphan').count()).toBe(0)
  })

  it('deletes a key only after confirming', async () => {
    const details = await openKey('e2e-hs')
    expect(await details.getByRole('button', { name: 'Export public key' }).count()).toBe(0)
    await details.getByRole('button', { name: 'Delete key…' }).click()
    await details.getByRole('button', { name: 'Cancel' }).click()
    expect(await keyRow('e2e-hs').count()).toBe(1)
    await details.getByRole('button', { name: 'Delete key…' }).click()
    await details.getByRole('button', { name: 'Delete permanently' }).click()
    await expect.poll(() => keyRow('e2e-hs').count()).toBe(0)
    expect(await keyRow('e2e-ec').count()).toBe(1)
  })

  it('saves credentials, badges their expiry, reveals on click and deletes after confirming', async () => {
    const { page } = session
    await showSection('Saved credentials')
    const form = page.getByRole('form', { name: 'Save a credential' })
    const save = async (name: string, value: string, host?: string) => {
      await form.getByLabel('Credential name').fill(name)
      await form.getByLabel(/^Credential value/).fill(value)
      if (host) await form.getByLabel('Host (optional)').fill(host)
      await form.getByRole('button', { name: 'Save credential' }).click()
      await page.locator(`tr[data-cred="${name}"]`).waitFor()
    }
    const expired = tokenExpiringIn(-3600)
    await save('e2e-old', expired, 'api.staging')
    await save('e2e-soon', tokenExpiringIn(2 * 3600))
    await save('e2e-secret', 'not-a-token-just-a-secret')

    const row = (name: string) => page.locator(`tr[data-cred="${name}"]`)
    expect(await row('e2e-old').innerText()).toContain('expired')
    expect(await row('e2e-old').innerText()).toContain('api.staging')
    expect(await row('e2e-soon').innerText()).toContain('expires within a day')
    expect(await row('e2e-soon').innerText()).not.toContain('expired')
    expect(await row('e2e-secret').innerText()).toContain('no expiry')
    expect(await row('e2e-secret').innerText()).toContain('secret')
    // Nothing is revealed before the click.
    expect(await page.locator('body').innerText()).not.toContain(expired)

    await page.getByRole('button', { name: 'Reveal e2e-old' }).click()
    const value = page.getByLabel('Value of e2e-old')
    await value.waitFor()
    expect(await value.inputValue()).toBe(expired)
    expect(
      await page.getByRole('button', { name: 'Copy as Authorization: Bearer header' }).count(),
    ).toBe(1)
    await page.getByRole('button', { name: 'Hide e2e-old' }).click()
    expect(await value.count()).toBe(0)

    await page.getByRole('button', { name: 'Delete credential e2e-old' }).click()
    await page.getByRole('button', { name: 'Delete credential', exact: true }).click()
    await expect.poll(() => row('e2e-old').count()).toBe(0)
    expect(await row('e2e-soon').count()).toBe(1)

    // A saved token opens in Inspect; a secret has no such action.
    expect(await page.getByRole('button', { name: 'Inspect e2e-secret' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Inspect e2e-soon' }).click()
    await page.locator('tr[data-claim="sub"] td.claim-value', { hasText: 'e2e' }).waitFor()
    await page.getByRole('tab', { name: 'Keys', exact: true }).click()
  })
})

describe('Keys with no reachable keychain', () => {
  let session: Session
  beforeAll(async () => {
    // The session bus does not exist: the failure a headless box without Secret Service shows.
    session = await openWorkbench({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/jwtw-bus' })
    await session.page.getByRole('tab', { name: 'Keys', exact: true }).click()
  })
  afterAll(() => session?.close())

  it('shows ERR_KEYCHAIN_UNAVAILABLE with its fix instead of an empty list, the forms disabled, and Retry', async () => {
    const { page } = session
    await page.getByRole('heading', { name: 'The OS keychain is unavailable' }).first().waitFor()
    const keysSection = page.getByRole('region', { name: 'Signing keys' })
    const alert = keysSection.getByRole('alert').first()
    expect(await alert.innerText()).toContain('ERR_KEYCHAIN_UNAVAILABLE')
    expect(await alert.innerText()).toMatch(/gnome-keyring|Secret Service/)
    expect(await page.getByText('No stored keys yet').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Generate key' }).isDisabled()).toBe(true)
    expect(await page.getByLabel('New key name').isDisabled()).toBe(true)
    await keysSection.getByRole('button', { name: 'Retry' }).click()
    await keysSection.getByRole('alert').first().waitFor()
    expect(await keysSection.getByRole('alert').first().innerText()).toContain(
      'ERR_KEYCHAIN_UNAVAILABLE',
    )

    await page.getByRole('tab', { name: 'Saved credentials', exact: true }).click()
    const creds = page.getByRole('region', { name: 'Saved credentials' })
    expect(await creds.getByRole('alert').first().innerText()).toContain('ERR_KEYCHAIN_UNAVAILABLE')
    expect(await creds.getByRole('button', { name: 'Save credential' }).isDisabled()).toBe(true)
    expect(await creds.getByRole('button', { name: 'Retry' }).count()).toBe(1)
  })
})
