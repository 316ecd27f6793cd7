/**
 * Get token in real Chromium (browser mode, real keychain) against a real OpenID Provider on
 * 127.0.0.1: a profile made in the form, the code flow's sign-in page opened from the view and
 * driven like a person would, the tokens shown with their verdicts and opened in Inspect; a
 * confidential client's secret typed once and kept in the keychain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkbench, screenshot, type Session } from './browser-mode'
import { openView } from './token-fixtures'
import {
  API_RESOURCE,
  confidentialClient,
  publicClient,
  signIn,
  startOpenIdProvider,
  type OpenIdProvider,
} from '../tests/helpers/openid-provider'

const SECRET = 'Hc4mV8pZ1xN6qT3wK9rB5yF2jL7sD0gA-e2e-secret'

describe('Get token in real Chromium against a real OpenID Provider', () => {
  let session: Session
  let op: OpenIdProvider
  beforeAll(async () => {
    op = await startOpenIdProvider({
      clients: [
        publicClient('storefront-admin-console', 'openid profile email offline_access orders:read'),
        confidentialClient('orders-reporting-job', 'client_secret_basic', SECRET, {
          scope: 'orders:read',
        }),
      ],
    })
    session = await openWorkbench({ JWTW_KEYCHAIN_SERVICE: `jwtw-e2e-tokens-${process.pid}` })
  })
  afterAll(async () => {
    await session?.close()
    await op?.close()
  })

  async function newProfile(fields: Record<string, string>, auth: string) {
    const { page } = session
    await page.getByRole('button', { name: 'New profile' }).click()
    const form = page.getByRole('form', { name: 'New client profile' })
    for (const [label, value] of Object.entries(fields))
      await form.getByLabel(label, { exact: true }).fill(value)
    await form.getByLabel('Client authentication').selectOption(auth)
    return form
  }

  it('signs in through the code flow in the browser and shows the verified tokens', async () => {
    const { page } = session
    await openView(page, 'Get token')
    // With no profile yet, the grant form is not shown: it says what to do first.
    const getToken = page.getByRole('form', { name: 'Get a token' })
    await getToken.getByText('Create a client profile first').waitFor()
    expect(await getToken.getByLabel('Grant').count()).toBe(0)
    const form = await newProfile(
      {
        'Profile name': 'shop-production-sso',
        'Client ID': 'storefront-admin-console',
        'Issuer (discovery)': op.issuer,
      },
      'none',
    )
    await form.getByRole('button', { name: 'Save profile' }).click()
    await page.getByRole('option', { name: /shop-production-sso/ }).waitFor()
    await page.getByRole('button', { name: 'Get token' }).click()
    const link = page.getByRole('link', { name: 'Open the sign-in page' })
    await link.waitFor()
    const signInPage = await page.context().newPage()
    await signIn(signInPage, (await link.getAttribute('href'))!)
    await signInPage.close()
    const result = page.getByRole('region', { name: 'Token obtained' })
    await result.waitFor({ timeout: 20_000 })
    const text = await result.innerText()
    expect(text).toMatch(/ID token\s*JWT, verified against the issuer’s keys/)
    expect(text).toMatch(/Refresh token\s*saved in the OS keychain/)
    expect(text).toContain('credential “shop-production-sso”')
    await screenshot(page, 'tokens-light')
    await page.keyboard.press('Control+Shift+L')
    await screenshot(page, 'tokens-dark')
    await page.keyboard.press('Control+Shift+L')
    await result.getByRole('button', { name: 'Inspect ID token' }).click()
    await page
      .locator('tr[data-claim="email"] td.claim-value', {
        hasText: 'maria.fernandez@orders.example.test',
      })
      .waitFor()
  })

  it('a confidential client: the secret typed once, client credentials, an error shown with its code', async () => {
    const { page } = session
    await openView(page, 'Get token')
    const form = await newProfile(
      {
        'Profile name': 'orders-reporting',
        'Client ID': 'orders-reporting-job',
        'Issuer (discovery)': op.issuer,
        Scopes: 'orders:read',
        'Resource (RFC 8707)': API_RESOURCE,
      },
      'client_secret_basic',
    )
    await form.getByLabel(/Client secret \(saved/).fill(SECRET)
    await form.getByRole('button', { name: 'Save profile' }).click()
    await page.getByRole('option', { name: /orders-reporting/ }).waitFor()
    await expect.poll(() => page.getByLabel('Grant').inputValue()).toBe('client-credentials')
    await page.getByRole('button', { name: 'Get token' }).click()
    const result = page.getByRole('region', { name: 'Token obtained' })
    await result.waitFor()
    expect(await result.innerText()).toMatch(
      /Access token\s*JWT, verified against the issuer’s keys/,
    )
    // A grant the client may not use: the server's error, with its code.
    await page.getByLabel('Grant').selectOption('device')
    await page.getByRole('button', { name: 'Get token' }).click()
    await expect
      .poll(() => page.getByRole('alert').first().innerText())
      .toMatch(/ERR_OAUTH_SERVER_ERROR|unauthorized_client/)
    // Removed with its secret: the list no longer has it.
    await page.getByRole('option', { name: /orders-reporting/ }).click()
    await page.getByRole('button', { name: 'Remove profile orders-reporting' }).click()
    await page.getByRole('button', { name: 'Remove', exact: true }).click()
    await expect.poll(() => page.getByRole('option', { name: /orders-reporting/ }).count()).toBe(0)
  })
})
