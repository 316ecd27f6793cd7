// Mint and verify with stored keys: the real OS keychain (run with `npm test`).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultContext } from '../../../src/main/core/context'
import { createOsKeychain } from '../../../src/main/core/keychain'
import { mintToken } from '../../../src/main/core/mint/mint'
import { verifyToken } from '../../../src/main/core/verify/verify'
import { probeKeychain } from '../../helpers/keychain-available'

const probe = await probeKeychain()
const dir = mkdtempSync(join(tmpdir(), 'jwtw-token-stored-'))
const ctx = defaultContext({
  keychain: createOsKeychain(`jwtw-test-token-${process.pid}`),
  settingsDir: dir,
  now: () => new Date('2026-11-22T12:00:00Z'),
  warn: () => undefined,
})

describe.skipIf(!probe.available)('stored keys as a key source', () => {
  const store = ctx.keys
  beforeAll(async () => {
    await store.generate('es', { alg: 'ES256' })
    await store.generate('hs', { alg: 'HS256' })
  })
  afterAll(async () => {
    for (const name of ['es', 'hs']) await store.remove(name).catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  })

  it('mints with the stored key and its kid, and verifies with it', async () => {
    for (const name of ['es', 'hs']) {
      const summary = await store.get(name)
      const minted = await mintToken({ key: { storedKey: name }, sub: 'alice' }, ctx)
      expect(decodeProtectedHeader(minted.token)).toMatchObject({ alg: summary.alg })
      expect(minted.header['kid']).toBeTypeOf('string')
      expect(minted.key).toMatchObject({ origin: 'stored', name })
      const verified = await verifyToken({ token: minted.token, key: { storedKey: name } }, ctx)
      expect(verified.checks.filter((c) => !c.ok)).toEqual([])
    }
  })

  it('after rotation, old tokens still verify (retiring) and new ones carry the new kid', async () => {
    const old = await mintToken({ key: { storedKey: 'es' } }, ctx)
    await store.rotate('es')
    const fresh = await mintToken({ key: { storedKey: 'es' } }, ctx)
    expect(fresh.header['kid']).not.toBe(old.header['kid'])
    for (const token of [old.token, fresh.token]) {
      expect((await verifyToken({ token, key: { storedKey: 'es' } }, ctx)).valid).toBe(true)
    }
  })

  it('an unknown stored key is ERR_KEY_NOT_FOUND', async () => {
    await expect(mintToken({ key: { storedKey: 'nope' } }, ctx)).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    })
  })
})
