// Keys view: import warnings shown at import time, and keychain entries orphaned by a lost
// settings file restored from the view (real keychain, real Chromium).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOsKeychain } from '../src/main/core/keychain'
import { openWorkbench, ROOT, type Session } from './browser-mode'

const SERVICE = `jwtw-e2e-recover-${process.pid}`
const HOME = mkdtempSync(join(tmpdir(), 'jwtw-e2e-recover-'))
const env = { JWTW_HOME: HOME, JWTW_KEYCHAIN_SERVICE: SERVICE }

describe('Keys view: warnings and recovery (browser mode, real keychain)', () => {
  let session: Session
  beforeAll(async () => {
    // A key made by the CLI, then the settings file is lost: its secret is an orphan.
    execFileSync(
      process.execPath,
      [join(ROOT, 'bin', 'jwtw.cjs'), 'keys', 'generate', 'lost', '--alg', 'ES256'],
      {
        env: { ...process.env, ...env },
      },
    )
    writeFileSync(join(HOME, 'config.json'), '{}')
    session = await openWorkbench(env)
    await session.page.getByRole('tab', { name: 'Keys', exact: true }).click()
  })
  afterAll(async () => {
    await session?.close()
    const keychain = createOsKeychain(SERVICE)
    for (const account of await keychain.list().catch(() => [])) await keychain.delete(account)
  })

  it('lists the orphaned entry and restores it as a key', async () => {
    const { page } = session
    const recover = page.getByRole('region', { name: 'Keychain entries without a record' })
    await expect.poll(() => recover.innerText()).toContain('EC P-256 private key')
    await recover.getByRole('button', { name: 'Restore' }).click()
    await page.locator('tr[data-key="lost"]').waitFor()
    await expect.poll(() => recover.count()).toBe(0)
  })

  it('shows the warnings of an imported secret that is short', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Import', exact: true }).click()
    const form = page.getByRole('form', { name: 'Import a key' })
    await form.getByLabel('Import as (key name)').fill('short-hs')
    await form.getByLabel(/Key text/).fill('twenty-bytes-secret!')
    await form.getByLabel('Algorithm (optional)').selectOption('HS256')
    await form.getByRole('button', { name: 'Import key' }).click()
    const warnings = form.getByRole('alert', { name: 'Warnings about this key' })
    await expect.poll(() => warnings.innerText()).toMatch(/20 bytes; HS256 needs at least 32/)
  })
})
