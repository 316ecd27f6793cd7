/** Tokens and keys made in Node (jose) for the browser tests, and small page helpers. */
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import type { Page } from 'playwright-core'
import { ROOT } from './browser-mode'

export const now = () => Math.floor(Date.now() / 1000)

/** A random 48-byte HMAC secret as the UI takes it (`hex:` prefix). */
export function strongSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(48))
  return `hex:${Buffer.from(bytes).toString('hex')}`
}

/** Signs an HS256 token with a `hex:` secret, exactly as the workbench reads it. */
export async function hs256(payload: JWTPayload, secret: string): Promise<string> {
  const key = Buffer.from(secret.replace(/^hex:/, ''), 'hex')
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key)
}

/** An ES256 key pair: a token signer and the public key as SPKI PEM and as a JWKS entry. */
export async function es256(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }
  return {
    pem: await exportSPKI(publicKey),
    jwk,
    privateJwk: { ...(await exportJWK(privateKey)), kid },
    sign: (payload: JWTPayload) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey),
  }
}

/** The decoded parts of a compact JWS (no verification). */
export function partsOf(token: string): {
  header: Record<string, unknown>
  payload: Record<string, unknown>
} {
  const [h, p] = token.split('.')
  const json = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
  return { header: json(h!), payload: json(p!) }
}

/** Settings dir and keychain service of one browser-mode server, shared with the CLI. */
export function workbenchEnv(): NodeJS.ProcessEnv {
  return {
    JWTW_HOME: mkdtempSync(join(tmpdir(), 'jwtw-e2e-home-')),
    JWTW_KEYCHAIN_SERVICE: `jwtw-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  }
}

/** Runs the built `jwtw` with `env`; resolves with stdout. */
export async function jwtw(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'bin', 'jwtw.cjs'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
    },
  )
  return stdout
}

/** Opens a view by its tab. */
export async function openView(
  page: Page,
  name: 'Inspect' | 'Mint' | 'Verify' | 'Keys' | 'JWKS' | 'Secrets' | 'Scan' | 'Get token',
): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click()
}

/** Picks a key source: its tab, or the select the tabs become in a narrow pane. */
export async function keySource(
  page: Page,
  name: 'Secret' | 'Stored key' | 'Pasted key' | 'JWKS URL' | 'Issuer' | 'Trusted issuer',
): Promise<void> {
  const select = page.getByRole('combobox', { name: 'Key source' }).filter({ visible: true })
  if ((await select.count()) > 0) await select.selectOption({ label: name })
  else await page.getByRole('tab', { name, exact: true }).filter({ visible: true }).click()
}

/** The verdict of the Verify view once a result is shown. */
export async function verdict(page: Page): Promise<string> {
  const status = page.getByRole('status', { name: 'Verdict' })
  await status.waitFor()
  return status.innerText()
}

/** State, code and message of one verify check row. */
export async function check(page: Page, id: string) {
  const row = page.locator(`tr[data-check="${id}"]`)
  await row.waitFor()
  return {
    state: await row.getAttribute('data-state'),
    code: (await row.locator('td').nth(1).innerText()).trim(),
    message: await row.locator('td').nth(2).innerText(),
  }
}
