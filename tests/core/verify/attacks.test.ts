import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signCompact } from '../../../src/main/core/mint/jws-sign'
import { mintToken } from '../../../src/main/core/mint/mint'
import { verifyToken } from '../../../src/main/core/verify/verify'
import type { VerifyResult } from '../../../src/shared/verify-types'
import { tokenContext } from '../../helpers/token-context'
import { HMAC_SECRET, p256, rsa } from '../../helpers/keys'
import type { KeySourceInput } from '../../../src/shared/request-schemas'

const ctx = tokenContext()
const enc = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
const realKey: KeySourceInput = { keyText: rsa.publicPem }

function failing(result: VerifyResult): Record<string, string | undefined> {
  return Object.fromEntries(result.checks.filter((c) => !c.ok).map((c) => [c.id, c.code]))
}

describe('attacks are refused with their code', () => {
  it('alg none (any capitalisation)', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${enc({ alg, typ: 'JWT' })}.${enc({ sub: 'admin' })}.`
      const result = await verifyToken({ token, key: { secret: HMAC_SECRET } }, ctx)
      expect(result.valid).toBe(false)
      expect(failing(result)['alg']).toBe('ERR_JOSE_ALG_NOT_ALLOWED')
    }
  })

  it('HS/RS key confusion: a token HMAC-signed with the RSA public key', async () => {
    for (const publicText of [
      rsa.publicPem,
      JSON.stringify(rsa.publicKey.export({ format: 'jwk' })),
      // kty last: detection must not depend on key order
      JSON.stringify({
        ...rsa.publicKey.export({ format: 'jwk' }),
        kty: undefined,
        use: 'sig',
        k2: 1,
      }).replace(/}$/, ',"kty":"RSA"}'),
    ]) {
      const token = signCompact(
        bytes({ alg: 'HS256', typ: 'JWT' }),
        bytes({ sub: 'admin' }),
        'HS256',
        new TextEncoder().encode(publicText),
      )
      const result = await verifyToken({ token, key: { keyText: publicText } }, ctx)
      expect(result.valid).toBe(false)
      expect(failing(result)['alg']).toBe('ERR_JOSE_ALG_NOT_ALLOWED')
      expect(result.checks.find((c) => c.id === 'signature')).toMatchObject({ skipped: true })
      // Offering the public key as the HMAC secret is refused before anything is verified.
      await expect(verifyToken({ token, key: { secret: publicText } }, ctx)).rejects.toMatchObject({
        code: 'ERR_KEY_ALG_MISMATCH',
      })
    }
  })

  it('embedded jwk: the attacker key in the header is never used', async () => {
    const attacker = { ...p256.publicKey.export({ format: 'jwk' }) }
    const minted = await mintToken(
      { key: { keyText: p256.privatePem }, header: { jwk: attacker }, sub: 'admin' },
      ctx,
    )
    const real = await verifyToken(
      {
        token: minted.token,
        key: { keyText: (await import('../../helpers/keys')).p384.publicPem },
      },
      ctx,
    )
    expect(real.valid).toBe(false)
    expect(failing(real)['alg']).toBe('ERR_JOSE_ALG_NOT_ALLOWED')
    // Same algorithm family, different key: the signature check is what refuses it.
    const rsaAttack = await mintToken(
      {
        key: {
          keyText: (await import('node:crypto'))
            .generateKeyPairSync('rsa', { modulusLength: 2048 })
            .privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        },
        header: { jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } },
      },
      ctx,
    )
    const result = await verifyToken({ token: rsaAttack.token, key: realKey }, ctx)
    expect(failing(result)).toEqual({ signature: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' })
    expect(result.checks.find((c) => c.id === 'header-keys')?.message).toMatch(/jwk.*untrusted/)
  })

  describe('jku and x5u', () => {
    let hits = 0
    const server = createServer((_req, res) => {
      hits++
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ keys: [] }))
    })
    let url = ''
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    it('are reported as untrusted, never fetched, and the forged token fails', async () => {
      const { generateKeyPairSync } = await import('node:crypto')
      const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 })
      for (const header of [{ jku: url }, { x5u: url }, { x5c: ['MIIB'] }]) {
        const minted = await mintToken(
          {
            key: {
              keyText: attacker.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
            },
            header,
          },
          ctx,
        )
        const result = await verifyToken({ token: minted.token, key: realKey }, ctx)
        expect(failing(result)).toEqual({ signature: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' })
        expect(result.checks.find((c) => c.id === 'header-keys')?.message).toContain(
          Object.keys(header)[0],
        )
      }
      // A real server was listening the whole time; nothing asked it for keys.
      expect(hits).toBe(0)
    })
  })

  it('unknown crit: refused even with a good signature', async () => {
    const token = signCompact(
      bytes({ alg: 'HS256', crit: ['exp-ext'], 'exp-ext': 1 }),
      bytes({ sub: 'x' }),
      'HS256',
      new TextEncoder().encode(HMAC_SECRET),
    )
    const result = await verifyToken({ token, key: { secret: HMAC_SECRET } }, ctx)
    expect(failing(result)).toEqual({ crit: 'ERR_JOSE_NOT_SUPPORTED' })
    expect(result.checks.find((c) => c.id === 'signature')?.ok).toBe(true)
  })

  it('b64:false without crit, and malformed crit', async () => {
    const key = new TextEncoder().encode(HMAC_SECRET)
    for (const header of [
      { alg: 'HS256', b64: false },
      { alg: 'HS256', crit: [] },
      { alg: 'HS256', crit: ['alg'] },
      { alg: 'HS256', crit: ['b64'] },
      // A name listed twice (RFC 7515 §4.1.11 forbids it); accepted before.
      { alg: 'HS256', b64: true, crit: ['b64', 'b64'] },
    ]) {
      const token = signCompact(bytes(header), bytes({ sub: 'x' }), 'HS256', key)
      const result = await verifyToken({ token, key: { secret: HMAC_SECRET } }, ctx)
      expect(failing(result)['crit'], JSON.stringify(header)).toBe('ERR_JWS_INVALID')
    }
  })

  it('tampered payload', async () => {
    const minted = await mintToken({ key: { keyText: rsa.privatePem }, sub: 'alice' }, ctx)
    const [h, , s] = minted.token.split('.')
    const token = `${h}.${enc({ ...minted.payload, sub: 'admin' })}.${s}`
    const result = await verifyToken({ token, key: realKey }, ctx)
    expect(failing(result)).toEqual({ signature: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' })
    expect(result.checks.find((c) => c.id === 'signature')?.message).toMatch(
      /different key or the token was altered/,
    )
  })

  it('ECDSA signature with r or s zero', async () => {
    const minted = await mintToken({ key: { keyText: p256.privatePem } }, ctx)
    const [h, p, s] = minted.token.split('.') as [string, string, string]
    const sig = Buffer.from(s, 'base64url')
    const zero = Buffer.alloc(32)
    for (const forged of [
      Buffer.concat([zero, sig.subarray(32)]),
      Buffer.concat([sig.subarray(0, 32), zero]),
      Buffer.alloc(64),
    ]) {
      const token = `${h}.${p}.${forged.toString('base64url')}`
      const result = await verifyToken({ token, key: { keyText: p256.publicPem } }, ctx)
      expect(failing(result)).toEqual({ signature: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' })
    }
  })

  it('whitespace and non-canonical base64url inside segments', async () => {
    const minted = await mintToken({ key: { secret: HMAC_SECRET } }, ctx)
    const [h, p, s] = minted.token.split('.') as [string, string, string]
    // The last character of a 32-byte signature carries 2 spare bits; flipping one keeps
    // the decoded bytes but makes the text non-canonical.
    const last = s.at(-1)!
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!
    const nonCanonical = `${h}.${p}.${s.slice(0, -1)}${twin}`
    const spaced = `${h}.${p.slice(0, 5)} ${p.slice(5)}.${s}`
    const cases: Array<[string, Record<string, string>]> = [
      [nonCanonical, { encoding: 'ERR_JWS_INVALID' }],
      // A space is no base64url character: the text is no single token, refused before any key.
      [spaced, { structure: 'ERR_JWT_MALFORMED' }],
    ]
    for (const [token, codes] of cases) {
      const result = await verifyToken({ token, key: { secret: HMAC_SECRET } }, ctx)
      expect(result.valid).toBe(false)
      expect(failing(result)).toMatchObject(codes)
    }
  })

  it('an algorithm outside the allowlist', async () => {
    const minted = await mintToken({ key: { secret: HMAC_SECRET }, alg: 'HS512' }, ctx)
    const result = await verifyToken(
      { token: minted.token, key: { secret: HMAC_SECRET }, options: { algorithms: ['HS256'] } },
      ctx,
    )
    expect(failing(result)).toEqual({ alg: 'ERR_JOSE_ALG_NOT_ALLOWED', signature: undefined })
  })
})
