import jwt from 'jsonwebtoken'
import { describe, expect, it } from 'vitest'
import { mintToken } from '../../../src/main/core/mint/mint'
import { verifyToken } from '../../../src/main/core/verify/verify'
import { tokenContext } from '../../helpers/token-context'
import { keyFor } from '../../helpers/keys'
import { JWS_ALGS } from '../../../src/shared/algorithms'

// Every algorithm jsonwebtoken signs (it has no EdDSA).
const ALGS = JWS_ALGS.filter((alg) => alg !== 'EdDSA')

const now = new Date()
const ctx = tokenContext(now)

describe('interop with jsonwebtoken', () => {
  it.each(ALGS)('%s: what jsonwebtoken signs we verify', async (alg) => {
    const k = keyFor(alg)
    const token = jwt.sign({ sub: 'alice', role: 'admin' }, k.secret ?? k.signText, {
      algorithm: alg,
      expiresIn: '15m',
      audience: 'api',
      issuer: 'them',
    })
    const result = await verifyToken(
      {
        token,
        key: k.secret ? { secret: k.secret } : { keyText: k.verifyText },
        options: { audience: 'api', issuer: 'them', require: [{ name: 'role', value: 'admin' }] },
      },
      ctx,
    )
    expect(result.checks.filter((c) => !c.ok)).toEqual([])
    expect(result.valid).toBe(true)
    expect(result.payload).toMatchObject({ sub: 'alice', role: 'admin' })
  })

  it.each(ALGS)('%s: what we sign jsonwebtoken verifies', async (alg) => {
    const k = keyFor(alg)
    const minted = await mintToken(
      {
        alg,
        key: k.secret ? { secret: k.secret } : { keyText: k.signText },
        sub: 'bob',
        aud: ['api', 'web'],
        iss: 'us',
        expiresIn: '15m',
        claims: { n: 1 },
      },
      ctx,
    )
    const decoded = jwt.verify(minted.token, k.secret ?? k.verifyText, {
      algorithms: [alg],
      audience: 'web',
      issuer: 'us',
      clockTimestamp: Math.floor(now.getTime() / 1000),
    })
    expect(decoded).toMatchObject({ sub: 'bob', n: 1 })
  })

  it('jsonwebtoken refuses what we sign when the key is wrong (the interop test can fail)', async () => {
    const minted = await mintToken({ alg: 'HS256', key: { secret: keyFor('HS256').secret! } }, ctx)
    expect(() => jwt.verify(minted.token, 'another-secret-another-secret-xx')).toThrow(
      /invalid signature/,
    )
  })
})
