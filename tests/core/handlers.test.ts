import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src/main/core/dispatch'
import { createHandlers } from '../../src/main/core/handlers'
import { tokenContext } from '../helpers/token-context'
import { HMAC_SECRET, p256 } from '../helpers/keys'

const dispatch = createDispatcher(createHandlers(tokenContext()))

describe('mint and verify through the contract', () => {
  it('mint then verify by value; no key material comes back', async () => {
    const minted = await dispatch('mint', [
      { key: { keyText: p256.privatePem }, sub: 'alice', expiresIn: '1h' },
    ])
    expect(minted.ok).toBe(true)
    if (!minted.ok) return
    const { token } = minted.value as { token: string }
    const verified = await dispatch('verify', [
      { token, key: { keyText: p256.publicPem }, options: { clockTolerance: '5s' } },
    ])
    expect(verified).toMatchObject({ ok: true, value: { valid: true, key: { keyType: 'EC' } } })
    const text = JSON.stringify([minted, verified])
    const privateBody = p256.privatePem.split('\n')[1]!
    expect(text).not.toContain(privateBody)
    expect(text).not.toContain('"d"')
    const hs = await dispatch('mint', [{ key: { secret: HMAC_SECRET } }])
    expect(JSON.stringify(hs)).not.toContain(HMAC_SECRET)
  })

  it('validates arguments: caps, unknown fields, alg names', async () => {
    for (const [method, args] of [
      ['verify', [{ token: 'x'.repeat((256 << 10) + 1), key: { secret: 's' } }]],
      ['verify', [{ token: 'a.b.c', key: { secret: 's', extra: 1 } }]],
      ['verify', [{ token: 'a.b.c', key: { keyText: 'k'.repeat((256 << 10) + 1) } }]],
      ['verify', [{ token: 'a.b.c', key: { storedKey: 'n'.repeat(129) } }]],
      ['mint', [{ key: { secret: 's' }, alg: 'none' }]],
      ['mint', [{ key: { secret: 's' }, claims: { big: 'x'.repeat(70_000) } }]],
      ['mint', [{ key: { secret: 's' }, template: 'nope' }]],
      ['mint', [{ key: { file: '/etc/passwd' } }]],
    ] as const) {
      const result = await dispatch(method, args)
      expect(result, JSON.stringify(args).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'ERR_INVALID_ARGUMENT' },
      })
    }
  })

  it('service errors keep their codes across the contract', async () => {
    expect(await dispatch('mint', [{ sub: 'x' }])).toMatchObject({ error: { code: 'ERR_NO_KEY' } })
    expect(await dispatch('mint', [{ key: { secret: 'short' }, strict: true }])).toMatchObject({
      error: { code: 'ERR_WEAK_SECRET' },
    })
    expect(
      await dispatch('verify', [{ token: 'a.b.c', key: { keyText: 'garbage' } }]),
    ).toMatchObject({ error: { code: 'ERR_INVALID_KEY' } })
  })
})
