import { createPrivateKey } from 'node:crypto'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { selfSignedCertificate } from '../tests/helpers/keys'
import { providerToken } from '../tests/helpers/provider-tokens'
import { openWorkbench, screenshot, type Session } from './browser-mode'
import {
  check,
  es256,
  hs256,
  keySource,
  now,
  openView,
  strongSecret,
  verdict,
} from './token-fixtures'

describe('Verify in real Chromium (browser mode)', () => {
  let session: Session
  const secret = strongSecret()
  beforeAll(async () => {
    session = await openWorkbench()
  })
  afterAll(() => session?.close())
  beforeEach(async () => {
    await session.page.reload()
    await openView(session.page, 'Verify')
  })

  async function verifyWithSecret(token: string, key: string) {
    const { page } = session
    await page.getByLabel('Token to verify').fill(token)
    await page.getByLabel('Secret value').fill(key)
    await page.getByRole('button', { name: 'Verify token' }).click()
  }

  it('lists every check of a valid token with its options, lint, key and claims', async () => {
    const { page } = session
    const token = await hs256(
      {
        sub: 'alice',
        iss: 'https://id.example',
        aud: 'api',
        role: 'admin',
        iat: now(),
        exp: now() + 600,
      },
      secret,
    )
    await page.getByLabel('Issuer (iss)').fill('https://id.example')
    await page.getByLabel('Audience (aud, comma separated: any one)').fill('web, api')
    await page.getByLabel('Subject (sub)').fill('alice')
    await page.getByLabel('Required claims').fill('role=admin')
    await page.getByRole('checkbox', { name: 'HS256' }).check()
    await verifyWithSecret(`Bearer ${token}`, secret)
    expect(await verdict(page)).toBe('VALID')
    for (const id of ['structure', 'alg', 'signature', 'exp', 'iss', 'aud', 'sub', 'require:role'])
      expect((await check(page, id)).state, id).toBe('ok')
    expect((await check(page, 'exp')).message).toMatch(/^Expires in (9|10)m/)
    expect(await page.locator('.key-description').innerText()).toContain('HMAC secret, 48 bytes')
    expect(await page.locator('tr[data-claim="role"] td.claim-value').innerText()).toBe('admin')
    await page.evaluate('window.scrollTo(0, 0)')
    await screenshot(page, 'verify')
  })

  it('a wrong secret is INVALID with ERR_JWS_SIGNATURE_VERIFICATION_FAILED', async () => {
    const { page } = session
    const token = await hs256({ sub: 'alice', iat: now(), exp: now() + 600 }, secret)
    await verifyWithSecret(token, strongSecret())
    expect(await verdict(page)).toBe('INVALID')
    const signature = await check(page, 'signature')
    expect(signature.state).toBe('failed')
    expect(signature.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
  })

  it('an expired token is INVALID with ERR_JWT_EXPIRED, and VALID as of a time before exp', async () => {
    const { page } = session
    const exp = now() - 3 * 3600
    const token = await hs256({ sub: 'alice', iat: exp - 3600, exp }, secret)
    await verifyWithSecret(token, secret)
    expect(await verdict(page)).toBe('INVALID')
    const expiry = await check(page, 'exp')
    expect(expiry).toMatchObject({ state: 'failed', code: 'ERR_JWT_EXPIRED' })
    expect(expiry.message).toMatch(/^Expired 3h ago/)
    expect(expiry.message).toContain(new Date(exp * 1000).toISOString().slice(0, 19))
    expect((await check(page, 'signature')).state).toBe('ok')
    expect(await page.getByText('1 of').innerText()).toContain('checks failed')

    await page.getByLabel('As of').fill(String(exp - 60))
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect.poll(() => page.getByRole('status', { name: 'Verdict' }).innerText()).toBe('VALID')
  })

  it('verifies with a pasted PEM and with a JWKS entry picked by kid', async () => {
    const { page } = session
    const pair = await es256('k-2026')
    const other = await es256('k-old')
    const token = await pair.sign({ sub: 'svc', iat: now(), exp: now() + 60 })
    await page.getByLabel('Token to verify').fill(token)
    await keySource(page, 'Pasted key')
    await page.getByLabel(/^Key text/).fill(pair.pem)
    await page.getByRole('button', { name: 'Verify token' }).click()
    expect(await verdict(page)).toBe('VALID')
    expect(await page.locator('.key-description').innerText()).toContain('EC P-256')

    await page.getByLabel(/^Key text/).fill(JSON.stringify({ keys: [other.jwk, pair.jwk] }))
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect.poll(() => page.locator('.key-description').innerText()).toMatch(/kid\s+k-2026/)
    expect(await verdict(page)).toBe('VALID')

    await page.getByLabel('kid to pick from a JWKS').fill('k-old')
    await page.getByRole('button', { name: 'Verify token' }).click()
    // Only the other key of the set is picked: no key for the token's kid, signature skipped.
    await expect
      .poll(() => page.getByRole('status', { name: 'Verdict' }).innerText())
      .toBe('INVALID')
    expect(await check(page, 'key')).toMatchObject({
      state: 'failed',
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    })
    expect((await check(page, 'signature')).state).toBe('skipped')
  })

  it("requirements picked from a Keycloak token's own claims: a nested role and a scope word", async () => {
    const { page } = session
    const keycloak = await providerToken('keycloak')
    await page.getByLabel('Token to verify').fill(keycloak.token)
    await keySource(page, 'Pasted key')
    await page.getByLabel(/^Key text/).fill(JSON.stringify(keycloak.jwks))
    const picker = page.getByLabel("Add a requirement from the token's claims")
    await picker.selectOption('realm_access.roles=admin')
    await picker.selectOption('scope=read:orders')
    await picker.selectOption('resource_access.orders-api.roles=orders:approve')
    expect(await page.getByLabel('Required claims').inputValue()).toBe(
      'realm_access.roles=admin\nscope=read:orders\nresource_access.orders-api.roles=orders:approve',
    )
    // A line already there is not offered twice.
    expect(
      await picker.locator('option[value="scope=read:orders"]').getAttribute('disabled'),
    ).not.toBeNull()
    await page.getByLabel(/^Roles required/).fill('admin')
    await page.getByLabel(/^Scopes required/).fill('email, profile')
    await page.getByRole('button', { name: 'Verify token' }).click()
    expect(await verdict(page)).toBe('VALID')
    const rows = page.locator('tr[data-check^="require:"]')
    expect(await rows.count()).toBe(6)
    expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-state')))).toEqual(
      Array(6).fill('ok'),
    )
    await page.getByLabel(/^Roles required/).fill('admin superuser')
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect.poll(() => verdict(page)).toBe('INVALID')
    await expect
      .poll(() => page.locator('tr[data-check="require:role"][data-state="failed"]').innerText())
      .toMatch(/expected superuser \(looked in roles, groups, realm_access.roles/)
  })

  it('verifies with a pasted X.509 certificate, and names its key', async () => {
    const { page } = session
    const { certPem, keyPem } = selfSignedCertificate()
    const token = await new SignJWT({ sub: 'svc' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(createPrivateKey(keyPem))
    await page.getByLabel('Token to verify').fill(token)
    await keySource(page, 'Pasted key')
    await page.getByLabel(/^Key text/).fill(certPem)
    await page.getByRole('button', { name: 'Verify token' }).click()
    expect(await verdict(page)).toBe('VALID')
    expect(await page.locator('.key-description').innerText()).toMatch(/EC P-256.*certificate/)

    // The same certificate does not verify a token signed by another key.
    const stranger = await es256('stranger')
    await page
      .getByLabel('Token to verify')
      .fill(await stranger.sign({ sub: 'svc', iat: now(), exp: now() + 60 }))
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect
      .poll(() => page.getByRole('status', { name: 'Verdict' }).innerText())
      .toBe('INVALID')
    expect(await check(page, 'signature')).toMatchObject({
      state: 'failed',
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    })
  })

  it('bad input gets a coded message, never a crash', async () => {
    const { page } = session
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('ERR_NO_TOKEN_FOUND')

    await page.getByLabel('Token to verify').fill(await hs256({ sub: 'a' }, secret))
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('ERR_NO_KEY')

    await keySource(page, 'Stored key')
    await page.getByText('No stored keys yet').waitFor()
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Choose a stored key')

    await keySource(page, 'Pasted key')
    await page
      .getByLabel(/^Key text/)
      .fill('-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----')
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('ERR_INVALID_KEY')

    await keySource(page, 'Secret')
    await page.getByLabel('Secret value').fill(secret)
    await page.getByLabel('Required claims').fill('=admin')
    await page.getByRole('button', { name: 'Verify token' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('ERR_INVALID_ARGUMENT')
    expect(await page.getByRole('status', { name: 'Verdict' }).count()).toBe(0)
  })
})
