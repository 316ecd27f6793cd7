import { afterAll, describe, expect, it } from 'vitest'
import {
  openCredentialStore,
  tokenExpiry,
} from '../../../src/main/core/credentials/credential-store'
import { probeKeychain } from '../../helpers/keychain-available'
import { keyContext, unreachableKeychain } from '../../helpers/key-context'

const { available } = await probeKeychain()
const NOW = new Date('2026-11-22T12:00:00Z')

function token(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`
}
const at = (iso: string) => Math.floor(new Date(iso).getTime() / 1000)

describe('token expiry', () => {
  it('reads exp from a JWT, null without exp, undefined for anything else', () => {
    expect(tokenExpiry(token({ exp: at('2026-12-01T00:00:00Z') }))).toBe('2026-12-01T00:00:00.000Z')
    expect(tokenExpiry(`Bearer ${token({ exp: 0 })}`)).toBe('1970-01-01T00:00:00.000Z')
    expect(tokenExpiry(token({ sub: 'x' }))).toBeNull()
    expect(tokenExpiry('not-a-token')).toBeUndefined()
    expect(tokenExpiry('a.b.c')).toBeUndefined()
  })
})

describe.skipIf(!available)('saved credentials (real Secret Service)', () => {
  const ctx = keyContext('creds', { now: NOW })
  afterAll(() => ctx.cleanup())

  it('saves values in the keychain, metadata in settings; lists expired and expiring', async () => {
    const store = openCredentialStore(ctx)
    const expired = token({ exp: at('2026-11-22T11:00:00Z') })
    const soon = token({ exp: at('2026-11-23T06:00:00Z') })
    const later = token({ exp: at('2026-12-22T00:00:00Z') })
    await store.set({
      name: 'spacetime://localhost:3000/blackholio',
      value: expired,
      host: 'localhost:3000',
    })
    await store.set({ name: 'staging api', value: soon, note: 'QA user' })
    await store.set({ name: 'prod', value: later })
    await store.set({ name: 'db password', value: 'hunter2-but-longer' })
    const list = await store.list()
    expect(list.map((c) => [c.name, c.kind, c.state])).toEqual([
      ['db password', 'secret', 'no-expiry'],
      ['prod', 'token', 'valid'],
      ['spacetime://localhost:3000/blackholio', 'token', 'expired'],
      ['staging api', 'token', 'expiring'],
    ])
    expect(list.find((c) => c.name === 'staging api')).toMatchObject({
      note: 'QA user',
      secret: 'present',
    })
    expect(await store.get('staging api')).toBe(soon)
    const file = JSON.stringify(ctx.settings!.get('credentials'))
    for (const value of [expired, soon, later, 'hunter2-but-longer'])
      expect(file).not.toContain(value)
  })

  it('deletes, reports missing entries and rejects bad names', async () => {
    const store = openCredentialStore(ctx)
    await store.remove('prod')
    await expect(store.get('prod')).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_NOT_FOUND' })
    await ctx.keychain.delete('cred/db password')
    expect((await store.list()).find((c) => c.name === 'db password')!.secret).toBe('missing')
    await expect(store.get('db password')).rejects.toMatchObject({ code: 'ERR_KEY_SECRET_MISSING' })
    for (const bad of ['', ' padded ', 'a\nb', 'x'.repeat(201)]) {
      await expect(store.set({ name: bad, value: 'v' })).rejects.toMatchObject({
        code: 'ERR_INVALID_CREDENTIAL_NAME',
      })
    }
  })
})

describe('saved credentials without a keychain', () => {
  it('fails with ERR_KEYCHAIN_UNAVAILABLE and writes nothing', async () => {
    const ctx = keyContext('creds-nokc', { keychain: unreachableKeychain() })
    const store = openCredentialStore(ctx)
    await expect(store.set({ name: 'x', value: 'secret' })).rejects.toMatchObject({
      code: 'ERR_KEYCHAIN_UNAVAILABLE',
    })
    expect(ctx.settings!.get('credentials')).toBeUndefined()
    await ctx.cleanup()
  })
})
