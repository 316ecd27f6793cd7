// The desktop app's private-key export asks in the main process (failed before: only the page
// asked, so a page that skipped its own dialog got the key).
import { describe, expect, it, vi } from 'vitest'
import { confirmedExport, exportQuestion } from '../../src/main/electron/confirm-export'

describe('private key export asks in the main process', () => {
  const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIB...\n-----END PRIVATE KEY-----\n'

  it('exports only after a yes, with the name asked about', async () => {
    const exportPrivate = vi.fn(async (_name: string, _format?: 'pem' | 'jwk') => PEM)
    const confirm = vi.fn(async () => true)
    const guarded = confirmedExport(exportPrivate, confirm)
    expect(await guarded('payments-signing-2026', 'jwk')).toBe(PEM)
    expect(confirm).toHaveBeenCalledWith('payments-signing-2026')
    expect(exportPrivate).toHaveBeenCalledWith('payments-signing-2026', 'jwk')
  })

  it('a no is ERR_CANCELLED and the key is never read', async () => {
    const exportPrivate = vi.fn(async (_name: string) => PEM)
    const guarded = confirmedExport(exportPrivate, async () => false)
    await expect(guarded('payments-signing-2026')).rejects.toMatchObject({ code: 'ERR_CANCELLED' })
    expect(exportPrivate).not.toHaveBeenCalled()
  })

  it('says what leaves the keychain', () => {
    expect(exportQuestion('prod')).toMatchObject({ message: 'Export the private key "prod"?' })
  })
})
