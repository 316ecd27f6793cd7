import { afterAll, describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../../../src/main/core/dispatch'
import { createHandlers } from '../../../src/main/core/handlers'
import { createFileSettingsStore } from '../../../src/main/core/settings/settings-store'
import type { KeySummary, IssuerStatus } from '../../../src/shared/stored-key-types'
import { probeKeychain } from '../../helpers/keychain-available'
import { keyContext } from '../../helpers/key-context'

const { available } = await probeKeychain()

describe('app and CLI settings stores share one file', () => {
  it('electron-store (app) and the CLI read and write the same config.json', async () => {
    const ctx = keyContext('shared-file')
    // The real electron-store, over a stand-in for Electron's app (plain Node has none).
    vi.doMock('electron', () => ({
      default: {
        app: { getPath: () => ctx.settingsDir, getVersion: () => '0.0.0' },
        ipcMain: { on: () => undefined },
        shell: {},
      },
    }))
    const { createElectronSettingsStore } =
      await import('../../../src/main/electron/settings-store-electron')
    const app = createElectronSettingsStore(ctx.settingsDir)
    await app.set('keys', { fromApp: { name: 'fromApp' } })
    const cli = createFileSettingsStore(ctx.settingsDir)
    expect(app.path).toBe(cli.path)
    expect(cli.get('keys')).toEqual({ fromApp: { name: 'fromApp' } })
    await cli.set('credentials', { fromCli: { name: 'fromCli' } })
    expect(app.get('credentials')).toEqual({ fromCli: { name: 'fromCli' } })
    vi.doUnmock('electron')
    await ctx.cleanup()
  })
})

describe.skipIf(!available)('keys, creds and issuer through the contract', () => {
  const ctx = keyContext('contract')
  const dispatch = createDispatcher(createHandlers(ctx))
  afterAll(async () => {
    await dispatch('issuer.stop', [])
    await ctx.cleanup()
  })

  it('generates, lists, exports and deletes; material only through keys.exportPrivate', async () => {
    const made = await dispatch('keys.generate', [{ name: 'c1', alg: 'ES256', tags: ['dev'] }])
    expect(made).toMatchObject({ ok: true, value: { name: 'c1', alg: 'ES256', tags: ['dev'] } })
    const listed = await dispatch('keys.list', [])
    expect(listed.ok && (listed.value as KeySummary[]).map((k) => k.name)).toEqual(['c1'])
    const everything = JSON.stringify([made, listed])
    const privateJwk = await dispatch('keys.exportPrivate', ['c1', 'jwk'])
    const d = JSON.parse((privateJwk as { value: string }).value).d as string
    expect(d).toMatch(/^[\w-]{43}$/)
    expect(everything).not.toContain(d)
    const pub = await dispatch('keys.exportPublic', ['c1', 'jwks'])
    expect(JSON.stringify(pub)).not.toContain(d)
    expect(await dispatch('keys.setKid', ['c1', 'kid-1'])).toMatchObject({
      ok: true,
      value: { kid: 'kid-1' },
    })
    expect(await dispatch('keys.setTags', ['c1', ['prod']])).toMatchObject({
      ok: true,
      value: { tags: ['prod'] },
    })
    expect(await dispatch('keys.setTags', ['c1', 'prod'])).toMatchObject({
      ok: false,
      error: { code: 'ERR_INVALID_ARGUMENT' },
    })
    const rotated = await dispatch('keys.rotate', ['c1'])
    expect(rotated.ok && (rotated.value as KeySummary).versions).toHaveLength(2)
    expect(await dispatch('keys.delete', ['c1', { retiringOnly: true }])).toEqual({
      ok: true,
      value: { deleted: true },
    })
    expect(await dispatch('keys.delete', ['c1'])).toEqual({ ok: true, value: { deleted: true } })
    expect(await dispatch('keys.rotate', ['c1'])).toMatchObject({
      ok: false,
      error: { code: 'ERR_KEY_NOT_FOUND' },
    })
  })

  it('validates and caps arguments', async () => {
    for (const [method, args] of [
      ['keys.generate', [{ name: 'x', alg: 'none' }]],
      ['keys.generate', [{ name: 'x'.repeat(200), alg: 'ES256' }]],
      ['keys.import', [{ name: 'x', text: 'a'.repeat((256 << 10) + 1) }]],
      ['keys.exportPublic', ['x', 'der']],
      ['creds.set', [{ name: 'x', value: 'v'.repeat((64 << 10) + 1) }]],
      ['issuer.start', [{ port: 70000 }]],
    ] as const) {
      expect(await dispatch(method, args), method).toMatchObject({
        ok: false,
        error: { code: 'ERR_INVALID_ARGUMENT' },
      })
    }
    expect(await dispatch('keys.generate', [{ name: 'bad name', alg: 'ES256' }])).toMatchObject({
      ok: false,
      error: { code: 'ERR_INVALID_KEY_NAME' },
    })
  })

  it('saves credentials and toggles the issuer', async () => {
    expect(await dispatch('creds.set', [{ name: 'env', value: 'tok', host: 'h' }])).toMatchObject({
      ok: true,
      value: { name: 'env', kind: 'secret', host: 'h' },
    })
    expect(await dispatch('creds.get', ['env'])).toEqual({ ok: true, value: 'tok' })
    expect(await dispatch('creds.delete', ['env'])).toEqual({ ok: true, value: { deleted: true } })
    await dispatch('keys.generate', [{ name: 'iss', alg: 'EdDSA' }])
    const started = await dispatch('issuer.start', [{ port: 0 }])
    const status = (started as { value: IssuerStatus }).value
    expect(status.running).toBe(true)
    const jwks = (await (await fetch(status.jwksUri!)).json()) as { keys: unknown[] }
    expect(jwks.keys).toHaveLength(1)
    expect(await dispatch('issuer.status', [])).toMatchObject({
      ok: true,
      value: { running: true },
    })
    expect(await dispatch('issuer.stop', [])).toEqual({ ok: true, value: { running: false } })
    await expect(fetch(status.jwksUri!)).rejects.toThrow()
  })
})
