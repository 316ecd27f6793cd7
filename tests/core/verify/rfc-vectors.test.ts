import { createPrivateKey, type JsonWebKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signCompact } from '../../../src/main/core/mint/jws-sign'
import { verifyToken } from '../../../src/main/core/verify/verify'
import vectors from '../../helpers/fixtures/rfc-vectors.json'
import { tokenContext } from '../../helpers/token-context'

const { rfc7515, rfc7520, rfc8037 } = vectors
const bytes = (text: string) => new TextEncoder().encode(text)
// The RFC 7515 examples expire in 2011: verify them as of a moment before that.
const before2011 = { at: '2011-03-22T00:00:00Z' }
// Several vectors sign plain text, not a claims set: they verify as a JWS, not as a JWT.
const jws = { kind: 'jws' as const }

describe('RFC 7515 appendix A', () => {
  it('A.1 (HS256) reproduces byte for byte from its header and payload bytes', async () => {
    const key = new Uint8Array(Buffer.from(rfc7515.a1.jwk.k, 'base64url'))
    const token = signCompact(
      new Uint8Array(rfc7515.a1.headerBytes),
      bytes(rfc7515.a1.payloadText),
      'HS256',
      key,
    )
    expect(token).toBe(rfc7515.a1.compact)
    const result = await verifyToken(
      { token, key: { keyText: JSON.stringify(rfc7515.a1.jwk) }, options: before2011 },
      tokenContext(),
    )
    expect(result.checks.filter((c) => !c.ok)).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('A.2 (RS256) reproduces byte for byte and verifies with the public key', async () => {
    const privateKey = createPrivateKey({ key: rfc7515.a2.jwk as JsonWebKey, format: 'jwk' })
    const token = signCompact(
      bytes(rfc7515.a2.headerText),
      bytes(rfc7515.a2.payloadText),
      'RS256',
      privateKey,
    )
    expect(token).toBe(rfc7515.a2.compact)
    const { n, e, kty } = rfc7515.a2.jwk
    const result = await verifyToken(
      { token, key: { keyText: JSON.stringify({ kty, n, e }) }, options: before2011 },
      tokenContext(),
    )
    expect(result.valid).toBe(true)
    expect(result.key).toMatchObject({ keyType: 'RSA', kind: 'public', detail: 'RSA 2048 bits' })
  })

  it.each([
    ['A.3 (ES256)', rfc7515.a3, before2011],
    ['A.4 (ES512, plain-text payload)', rfc7515.a4, jws],
  ])('%s verifies', async (_name, vector, options) => {
    const result = await verifyToken(
      { token: vector.compact, key: { keyText: JSON.stringify(vector.jwk) }, options },
      tokenContext(),
    )
    expect(result.checks.filter((c) => !c.ok)).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('A.4 as a JWT is refused: its payload is text, not a claims set', async () => {
    const result = await verifyToken(
      { token: rfc7515.a4.compact, key: { keyText: JSON.stringify(rfc7515.a4.jwk) } },
      tokenContext(),
    )
    expect(result.valid).toBe(false)
    expect(result.checks.filter((c) => !c.ok)).toEqual([
      expect.objectContaining({ id: 'claims', code: 'ERR_JWT_CLAIMS_INVALID' }),
    ])
    expect(result.checks.find((c) => c.id === 'signature')?.ok).toBe(true)
  })

  it('A.3 is expired today, with ERR_JWT_EXPIRED and the exp time in the message', async () => {
    const result = await verifyToken(
      { token: rfc7515.a3.compact, key: { keyText: JSON.stringify(rfc7515.a3.jwk) } },
      tokenContext(),
    )
    expect(result.valid).toBe(false)
    const exp = result.checks.find((c) => c.id === 'exp')
    expect(exp).toMatchObject({ ok: false, code: 'ERR_JWT_EXPIRED' })
    expect(exp?.message).toContain('2011-03-22T18:43:00Z')
    expect(result.checks.find((c) => c.id === 'signature')?.ok).toBe(true)
  })

  it('A.5 (unsecured) is refused with ERR_JOSE_ALG_NOT_ALLOWED', async () => {
    const result = await verifyToken(
      { token: rfc7515.a5.compact, key: { secret: 'x'.repeat(32) }, options: before2011 },
      tokenContext(),
    )
    expect(result.valid).toBe(false)
    expect(result.checks.find((c) => c.id === 'alg')).toMatchObject({
      ok: false,
      code: 'ERR_JOSE_ALG_NOT_ALLOWED',
    })
    expect(result.checks.find((c) => c.id === 'signature')).toMatchObject({ ok: false })
  })
})

describe('RFC 7520 section 4', () => {
  it.each([
    ['4.1 RS256', rfc7520.s4_1_rs256, rfc7520.rsaPublicJwk],
    ['4.2 PS384', rfc7520.s4_2_ps384, rfc7520.rsaPublicJwk],
    ['4.3 ES512', rfc7520.s4_3_es512, rfc7520.ecPublicJwk],
    ['4.4 HS256', rfc7520.s4_4_hs256, rfc7520.hmacJwk],
  ])('%s verifies and yields the payload text', async (_name, token, jwk) => {
    const result = await verifyToken(
      { token, key: { keyText: JSON.stringify(jwk) }, options: jws },
      tokenContext(),
    )
    expect(result.checks.filter((c) => !c.ok)).toEqual([])
    expect(result.valid).toBe(true)
    expect(result.payload).toBe(rfc7520.payloadText)
    expect(result.key?.kid).toBe(jwk.kid)
  })

  it('4.4 with one bit of the signature flipped fails the signature check only', async () => {
    const [h, p, s] = rfc7520.s4_4_hs256.split('.') as [string, string, string]
    const sig = Buffer.from(s, 'base64url')
    sig[0] = sig[0]! ^ 1
    const result = await verifyToken(
      {
        token: `${h}.${p}.${sig.toString('base64url')}`,
        key: { keyText: JSON.stringify(rfc7520.hmacJwk) },
        options: jws,
      },
      tokenContext(),
    )
    expect(result.checks.filter((c) => !c.ok).map((c) => c.code)).toEqual([
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    ])
  })
})

describe('RFC 8037 appendix A.4', () => {
  it('Ed25519 reproduces byte for byte and verifies', async () => {
    const privateKey = createPrivateKey({ key: rfc8037.a4.jwk as JsonWebKey, format: 'jwk' })
    const token = signCompact(
      bytes(rfc8037.a4.headerText),
      bytes(rfc8037.a4.payloadText),
      'EdDSA',
      privateKey,
    )
    expect(token).toBe(rfc8037.a4.compact)
    const { kty, crv, x } = rfc8037.a4.jwk
    const result = await verifyToken(
      { token, key: { keyText: JSON.stringify({ kty, crv, x }) }, options: jws },
      tokenContext(),
    )
    expect(result.valid).toBe(true)
    expect(result.payload).toBe(rfc8037.a4.payloadText)
  })
})
