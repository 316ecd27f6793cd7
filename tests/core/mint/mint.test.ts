import { decodeJwt, decodeProtectedHeader, calculateJwkThumbprint, type JWK } from 'jose'
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { mintToken } from '../../../src/main/core/mint/mint'
import { verifyToken } from '../../../src/main/core/verify/verify'
import { TEMPLATE_NAMES, TEMPLATES } from '../../../src/shared/templates'
import { tokenContext } from '../../helpers/token-context'
import { HMAC_SECRET, ed25519, keyFor, p256, rsa, selfSignedCertificate } from '../../helpers/keys'
import { JWS_ALGS } from '../../../src/shared/algorithms'

const NOW = '2026-11-22T12:00:00Z'
const NOW_S = Date.parse(NOW) / 1000
const ctx = tokenContext(NOW)
const secret = { secret: HMAC_SECRET }

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (error) {
    return (error as { code?: string }).code
  }
  return undefined
}

describe('mint', () => {
  it.each(JWS_ALGS)('%s mints a token that verifies with the matching key', async (alg) => {
    const k = keyFor(alg)
    const minted = await mintToken(
      { alg, key: k.secret ? { secret: k.secret } : { keyText: k.signText }, sub: 'alice' },
      ctx,
    )
    expect(decodeProtectedHeader(minted.token).alg).toBe(alg)
    const verified = await verifyToken(
      { token: minted.token, key: k.secret ? { secret: k.secret } : { keyText: k.verifyText } },
      ctx,
    )
    expect(verified.checks.filter((c) => !c.ok)).toEqual([])
    expect(minted.warnings).toEqual([])
  })

  it('sets iat from the injected clock and exp from a jose duration', async () => {
    for (const [text, seconds] of [
      ['30s', 30],
      ['15m', 900],
      ['24h', 86400],
      ['7d', 604800],
      ['4w', 2419200],
    ] as const) {
      const { payload } = await mintToken({ key: secret, expiresIn: text }, ctx)
      expect(payload).toMatchObject({ iat: NOW_S, exp: NOW_S + seconds })
    }
  })

  it('refuses an invalid duration with ERR_INVALID_DURATION', async () => {
    for (const bad of ['5x', 'soon', '15 parsecs', '']) {
      const code = await codeOf(mintToken({ key: secret, notBefore: bad }, ctx))
      expect(code, bad).toBe('ERR_INVALID_DURATION')
    }
    expect(await codeOf(mintToken({ key: secret, expiresIn: 'tomorrow' }, ctx))).toBe(
      'ERR_INVALID_DURATION',
    )
  })

  it('takes an absolute exp, no exp, nbf, no iat, a random jti', async () => {
    const abs = await mintToken({ key: secret, expiresIn: '2027-01-01T00:00:00Z' }, ctx)
    expect(abs.payload['exp']).toBe(Date.parse('2027-01-01T00:00:00Z') / 1000)
    const none = await mintToken({ key: secret, expiresIn: null, iat: false }, ctx)
    expect(none.payload).toEqual({})
    const nbf = await mintToken({ key: secret, notBefore: '5m', jti: true }, ctx)
    expect(nbf.payload['nbf']).toBe(NOW_S + 300)
    expect(nbf.payload['jti']).toMatch(/^[0-9a-f-]{36}$/)
    const other = await mintToken({ key: secret, jti: true }, ctx)
    expect(other.payload['jti']).not.toBe(nbf.payload['jti'])
  })

  it('puts sub, iss, one or many aud and custom claims; flags win over claims', async () => {
    const one = await mintToken(
      {
        key: secret,
        sub: 'alice',
        iss: 'me',
        aud: 'api',
        claims: { sub: 'bob', role: 'admin', n: [1] },
      },
      ctx,
    )
    expect(decodeJwt(one.token)).toEqual({
      iss: 'me',
      sub: 'alice',
      aud: 'api',
      iat: NOW_S,
      exp: NOW_S + 15 * 60,
      role: 'admin',
      n: [1],
    })
    const many = await mintToken({ key: secret, aud: ['a', 'b'] }, ctx)
    expect(many.payload['aud']).toEqual(['a', 'b'])
  })

  it('header: typ JWT by default, cty, custom fields, kid; typ null leaves it out', async () => {
    const minted = await mintToken(
      { key: secret, cty: 'text/plain', header: { 'x-env': 'test' }, kid: 'k1' },
      ctx,
    )
    expect(decodeProtectedHeader(minted.token)).toEqual({
      'x-env': 'test',
      alg: 'HS256',
      typ: 'JWT',
      kid: 'k1',
      cty: 'text/plain',
    })
    const fromHeader = await mintToken(
      { key: { keyText: p256.privatePem }, header: { kid: 'h1' } },
      ctx,
    )
    expect(fromHeader.header['kid']).toBe('h1')
    const crit = await mintToken({ key: secret, header: { crit: ['x'], x: 1 } }, ctx)
    expect(crit.header).toMatchObject({ crit: ['x'], x: 1 })
    expect(await codeOf(mintToken({ key: secret, header: { b64: false } }, ctx))).toBe(
      'ERR_INVALID_ARGUMENT',
    )
    const bare = await mintToken({ key: secret, typ: null }, ctx)
    expect(decodeProtectedHeader(bare.token)).toEqual({ alg: 'HS256' })
  })

  it('kid defaults to the RFC 7638 thumbprint for asymmetric keys and is absent for secrets', async () => {
    const minted = await mintToken({ key: { keyText: p256.privatePem } }, ctx)
    const expected = await calculateJwkThumbprint(p256.publicKey.export({ format: 'jwk' }) as JWK)
    expect(minted.header['kid']).toBe(expected)
    expect(minted.key).toMatchObject({ thumbprint: expected, kind: 'private', keyType: 'EC' })
    expect(JSON.stringify(minted)).not.toContain(p256.privatePem.slice(40, 80))
    const hs = await mintToken({ key: secret }, ctx)
    expect(hs.header['kid']).toBeUndefined()
    expect(hs.key?.thumbprint).toBeUndefined()
  })

  it('weak HMAC secret: mints with a warning, ERR_WEAK_SECRET under strict', async () => {
    for (const [alg, bytes] of [
      ['HS256', 32],
      ['HS384', 48],
      ['HS512', 64],
    ] as const) {
      const short = { secret: 'x'.repeat(bytes - 1) }
      const minted = await mintToken({ key: short, alg }, ctx)
      expect(minted.warnings.map((w) => w.code)).toEqual(['WEAK_SECRET'])
      expect(await codeOf(mintToken({ key: short, alg, strict: true }, ctx))).toBe(
        'ERR_WEAK_SECRET',
      )
      const ok = await mintToken({ key: { secret: 'x'.repeat(bytes) }, alg, strict: true }, ctx)
      expect(ok.warnings).toEqual([])
    }
  })

  it('reads b64: and hex: secrets as bytes', async () => {
    const bytes = Buffer.from(HMAC_SECRET)
    const a = await mintToken({ key: { secret: `b64:${bytes.toString('base64')}` } }, ctx)
    const b = await mintToken({ key: { secret: `b64:${bytes.toString('base64url')}` } }, ctx)
    const c = await mintToken({ key: { secret: `hex:${bytes.toString('hex')}` } }, ctx)
    const d = await mintToken({ key: secret }, ctx)
    expect(new Set([a.token, b.token, c.token, d.token]).size).toBe(1)
    expect(await codeOf(mintToken({ key: { secret: 'hex:abc' } }, ctx))).toBe('ERR_INVALID_KEY')
    expect(await codeOf(mintToken({ key: { secret: 'b64:!!' } }, ctx))).toBe('ERR_INVALID_KEY')
  })

  it('unsecured only on request, labelled with a warning', async () => {
    const minted = await mintToken({ unsecured: true, sub: 'x' }, ctx)
    expect(minted.token.endsWith('.')).toBe(true)
    expect(decodeProtectedHeader(minted.token)).toEqual({ alg: 'none', typ: 'JWT' })
    expect(minted.warnings.map((w) => w.code)).toEqual(['UNSECURED'])
    expect(minted.key).toBeNull()
    expect(await codeOf(mintToken({ sub: 'x' }, ctx))).toBe('ERR_NO_KEY')
  })

  it('refuses an algorithm that does not fit the key, and a public key', async () => {
    expect(await codeOf(mintToken({ key: secret, alg: 'RS256' }, ctx))).toBe('ERR_KEY_ALG_MISMATCH')
    expect(await codeOf(mintToken({ key: { keyText: rsa.privatePem }, alg: 'ES256' }, ctx))).toBe(
      'ERR_KEY_ALG_MISMATCH',
    )
    expect(await codeOf(mintToken({ key: { keyText: rsa.publicPem } }, ctx))).toBe('ERR_NO_KEY')
    expect(await codeOf(mintToken({ key: { secret: rsa.publicPem } }, ctx))).toBe(
      'ERR_KEY_ALG_MISMATCH',
    )
    expect(await codeOf(mintToken({ key: { keyText: 'not a key' } }, ctx))).toBe('ERR_INVALID_KEY')
  })

  it.each(TEMPLATE_NAMES)('template %s sets its alg, lifetime and claims', async (name) => {
    const template = TEMPLATES[name]
    const k = keyFor(template.alg)
    const minted = await mintToken(
      { template: name, key: k.secret ? { secret: k.secret } : { keyText: k.signText } },
      ctx,
    )
    expect(minted.header['alg']).toBe(template.alg)
    expect(minted.payload).toMatchObject(template.claims)
    if (template.expiresIn === null) expect(minted.payload['exp']).toBeUndefined()
    else expect(typeof minted.payload['exp']).toBe('number')
  })

  it('templates hold what the issue lists', () => {
    expect(TEMPLATES['service-client']).toMatchObject({
      alg: 'HS256',
      expiresIn: null,
      claims: { sub: expect.any(String) },
    })
    expect(Object.keys(TEMPLATES['service-client'].claims)).toEqual(['sub'])
    expect(TEMPLATES['dashboard-user'].expiresIn).toBe('24h')
    expect(Object.keys(TEMPLATES['dashboard-user'].claims).sort()).toEqual(['name', 'role', 'sub'])
    expect(TEMPLATES['oidc-user-profile']).toMatchObject({ alg: 'RS256', expiresIn: '1h' })
    expect(Object.keys(TEMPLATES['oidc-user-profile'].claims).sort()).toEqual([
      'aud',
      'email',
      'iss',
      'name',
      'org_role',
      'organization_ids',
      'role',
      'sub',
      'tenant_id',
    ])
    expect(TEMPLATES['short-lived-api-token'].expiresIn).toBe('10m')
    expect(TEMPLATES['game-server-identity']).toMatchObject({ alg: 'ES256', expiresIn: '24h' })
  })
})

describe('key sources', () => {
  it('reads PKCS#1 RSA and SEC1 EC private keys, PKCS#1 public keys, JWKs', async () => {
    const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string
    const sec1 = p256.privateKey.export({ type: 'sec1', format: 'pem' }) as string
    const rsaPub1 = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string
    const rsaToken = (await mintToken({ key: { keyText: pkcs1 }, alg: 'PS256' }, ctx)).token
    const ecToken = (await mintToken({ key: { keyText: sec1 } }, ctx)).token
    expect((await verifyToken({ token: rsaToken, key: { keyText: rsaPub1 } }, ctx)).valid).toBe(
      true,
    )
    const ecJwk = JSON.stringify(p256.publicKey.export({ format: 'jwk' }))
    expect((await verifyToken({ token: ecToken, key: { keyText: ecJwk } }, ctx)).valid).toBe(true)
    const edJwk = JSON.stringify({ ...ed25519.privateKey.export({ format: 'jwk' }), kid: 'ed-1' })
    const edToken = await mintToken({ key: { keyText: edJwk } }, ctx)
    expect(edToken.header['kid']).toBe('ed-1')
    // A private key verifies too (its public half is used).
    expect((await verifyToken({ token: ecToken, key: { keyText: sec1 } }, ctx)).valid).toBe(true)
  })

  it('reads an X.509 certificate for verify', async () => {
    const { certPem, keyPem } = selfSignedCertificate()
    const token = (await mintToken({ key: { keyText: keyPem } }, ctx)).token
    const result = await verifyToken({ token, key: { keyText: certPem } }, ctx)
    expect(result.valid).toBe(true)
    expect(result.key).toMatchObject({ origin: 'certificate', keyType: 'EC', detail: 'EC P-256' })
  })

  it('selects from a JWKS by the token kid or an explicit kid', async () => {
    const jwks = JSON.stringify({
      keys: [
        { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', use: 'sig' },
        { ...p256.publicKey.export({ format: 'jwk' }), kid: 'ec-1' },
      ],
    })
    const token = (await mintToken({ key: { keyText: rsa.privatePem }, kid: 'rsa-1' }, ctx)).token
    const result = await verifyToken({ token, key: { keyText: jwks } }, ctx)
    expect(result.valid).toBe(true)
    expect(result.key).toMatchObject({ kid: 'rsa-1', origin: 'jwks' })
    const wrongKid = (await mintToken({ key: { keyText: rsa.privatePem }, kid: 'rsa-9' }, ctx))
      .token
    // A kid that names no key in the set is refused, even though one RSA key would fit.
    const miss = await verifyToken({ token: wrongKid, key: { keyText: jwks } }, ctx)
    expect(miss.checks.find((c) => c.id === 'key')?.code).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(miss.checks.find((c) => c.id === 'signature')).toMatchObject({
      ok: false,
      skipped: true,
    })
    const explicit = await verifyToken({ token, key: { keyText: jwks, kid: 'ec-1' } }, ctx)
    expect(explicit.checks.find((c) => c.id === 'alg')?.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED')
    expect(await codeOf(verifyToken({ token, key: { keyText: jwks, kid: 'nope' } }, ctx))).toBe(
      'ERR_JWKS_NO_MATCHING_KEY',
    )
  })

  it('without a kid, tries every fitting key of a JWKS and names the one that verified', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const jwks = JSON.stringify({
      keys: [
        { ...other.publicKey.export({ format: 'jwk' }), kid: 'old' },
        { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'new' },
      ],
    })
    const token = (await mintToken({ key: { keyText: rsa.privatePem }, kid: null }, ctx)).token
    const result = await verifyToken({ token, key: { keyText: jwks } }, ctx)
    expect(result.valid).toBe(true)
    expect(result.key?.kid).toBe('new')
    expect(result.checks.find((c) => c.id === 'signature')?.message).toMatch(/kid new/)
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const foreign = (
      await mintToken(
        {
          key: {
            keyText: stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
          },
          kid: null,
        },
        ctx,
      )
    ).token
    const refused = await verifyToken({ token: foreign, key: { keyText: jwks } }, ctx)
    expect(refused.checks.find((c) => c.id === 'signature')).toMatchObject({
      ok: false,
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    })
  })

  it('refuses encrypted private keys (ERR_INVALID_KEY) and short RSA keys (ERR_KEY_WEAK)', async () => {
    const encrypted = rsa.privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'pw',
    }) as string
    expect(await codeOf(mintToken({ key: { keyText: encrypted } }, ctx))).toBe('ERR_INVALID_KEY')
    const { generateKeyPairSync } = await import('node:crypto')
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const pem = small.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    expect(await codeOf(mintToken({ key: { keyText: pem } }, ctx))).toBe('ERR_KEY_WEAK')
  })
})
