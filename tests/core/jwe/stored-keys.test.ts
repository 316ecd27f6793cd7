import { afterAll, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/main/core/dispatch'
import { createHandlers } from '../../../src/main/core/handlers'
import type { Result } from '../../../src/shared/result'
import { probeKeychain } from '../../helpers/keychain-available'
import { keyContext } from '../../helpers/key-context'

const { available } = await probeKeychain()

describe.skipIf(!available)('encryption keys in the keychain, through the contract', () => {
  const ctx = keyContext('jwe-keys')
  const dispatch = createDispatcher(createHandlers(ctx))
  const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const result = (await dispatch(method as never, args as never)) as Result<T>
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.value
  }
  const code = async (method: string, ...args: unknown[]) => {
    const result = (await dispatch(method as never, args as never)) as Result<unknown>
    return result.ok ? 'ok' : result.error.code
  }
  afterAll(() => ctx.cleanup())

  it('generates encryption keys of every family, each recorded with use enc', async () => {
    const made = [
      await call<{
        use: string
        kind: string
        alg: string
        versions: Array<{ publicJwk?: Record<string, string> }>
      }>('keys.generate', { name: 'orders-enc', alg: 'RSA-OAEP-256' }),
      await call<{ use: string; kind: string }>('keys.generate', {
        name: 'device-x25519',
        alg: 'ECDH-ES+A256KW',
        curve: 'X25519',
      }),
      await call<{ use: string; kind: string }>('keys.generate', {
        name: 'session-dir',
        alg: 'dir',
        bits: 512,
      }),
      await call<{ use: string; kind: string }>('keys.generate', { name: 'signing', alg: 'ES256' }),
    ]
    expect(made.map((k) => [k.kind, k.use])).toEqual([
      ['rsa', 'enc'],
      ['x25519', 'enc'],
      ['aes', 'enc'],
      ['ec', 'sig'],
    ])
    expect(
      (made[0] as unknown as { versions: Array<{ publicJwk?: object }> }).versions[0]!.publicJwk,
    ).toMatchObject({ use: 'enc', alg: 'RSA-OAEP-256' })
    expect(await code('keys.generate', { name: 'bad-kw', alg: 'A128KW', bits: 256 })).toBe(
      'ERR_INVALID_ARGUMENT',
    )
  })

  it('nested: sign with a signing key, encrypt to an encryption key, decrypt by kid and verify', async () => {
    const minted = await call<{ token: string; encrypted: { header: Record<string, unknown> } }>(
      'mint',
      {
        key: { storedKey: 'signing' },
        iss: 'https://issuer.example-retail.com',
        sub: 'e3b0c442-98fc-1c14-9afb-f4c8996fb924',
        encrypt: { to: { storedKey: 'orders-enc' } },
      },
    )
    expect(minted.encrypted.header).toMatchObject({
      alg: 'RSA-OAEP-256',
      enc: 'A256GCM',
      cty: 'JWT',
    })
    // Any stored key: the token's kid picks the right one.
    const result = await call<{
      key: { name: string }
      content: string
      verification: { valid: boolean }
    }>('decrypt', {
      token: minted.token,
      key: { anyStored: true },
      verify: { storedKey: 'signing' },
    })
    expect(result.key.name).toBe('orders-enc')
    expect(result.content).toBe('jws')
    expect(result.verification.valid).toBe(true)
  })

  it('each key is used only for its use', async () => {
    expect(await code('mint', { key: { storedKey: 'orders-enc' }, sub: 'x' })).toBe('ERR_KEY_UNFIT')
    expect(await code('mint', { sub: 'x', encrypt: { to: { storedKey: 'signing' } } })).toBe(
      'ERR_KEY_UNFIT',
    )
    expect(await code('decrypt', { token: 'a.b.c.d.e', key: { storedKey: 'signing' } })).not.toBe(
      'ok',
    )
  })

  it('the local issuer publishes public encryption keys (use enc) beside signing keys, never secrets', async () => {
    const jwks = ctx.keys.publishedJwks()
    expect(jwks.keys.map((k) => [k['kty'], k['use']]).sort()).toEqual([
      ['EC', 'sig'],
      ['OKP', 'enc'],
      ['RSA', 'enc'],
    ])
  })

  it('a dir key decrypts what it encrypted (A256CBC-HS512, from its size)', async () => {
    const minted = await call<{ token: string; encrypted: { header: Record<string, unknown> } }>(
      'mint',
      { sub: 'session-7f3a', encrypt: { to: { storedKey: 'session-dir' } } },
    )
    expect(minted.encrypted.header).toMatchObject({ alg: 'dir', enc: 'A256CBC-HS512' })
    const result = await call<{ key: { name: string } }>('decrypt', {
      token: minted.token,
      key: { storedKey: 'session-dir' },
    })
    expect(result.key.name).toBe('session-dir')
  })
})
