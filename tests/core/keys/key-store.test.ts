import { execFileSync } from 'node:child_process'
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compactVerify, CompactSign, calculateJwkThumbprint, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openKeyStore } from '../../../src/main/core/keys/key-store'
import { probeKeychain } from '../../helpers/keychain-available'
import { keyContext, unreachableKeychain, type KeyTestContext } from '../../helpers/key-context'
import { JWS_ALGS } from '../../../src/shared/algorithms'

const { available } = await probeKeychain()

async function signWith(ctx: KeyTestContext, name: string): Promise<string> {
  const k = await openKeyStore(ctx).signingKey(name)
  return new CompactSign(new TextEncoder().encode('{"sub":"x"}'))
    .setProtectedHeader({ alg: k.alg, kid: k.kid })
    .sign(k.key)
}

async function verifiesWith(ctx: KeyTestContext, name: string, jws: string): Promise<string> {
  const keys = await openKeyStore(ctx).verificationKeys(name)
  for (const k of keys) {
    try {
      await compactVerify(jws, k.key)
      return k.kid
    } catch {
      // next
    }
  }
  throw new Error('no key verified')
}

describe.skipIf(!available)('key store (real Secret Service)', () => {
  let ctx: KeyTestContext
  beforeAll(() => {
    ctx = keyContext('store')
  })
  afterAll(() => ctx.cleanup())

  it.each(JWS_ALGS)('generates a %s key that signs and verifies', async (alg) => {
    const store = openKeyStore(ctx)
    const name = `gen-${alg}`
    const summary = await store.generate(name, { alg })
    expect(summary).toMatchObject({ name, alg, secret: 'present', verifyOnly: false })
    expect(summary.versions).toHaveLength(1)
    const jws = await signWith(ctx, name)
    expect(await verifiesWith(ctx, name, jws)).toBe(summary.kid)
    if (alg.startsWith('HS')) {
      expect(summary.kind).toBe('hmac')
      expect(summary.detail).toBe('HMAC secret, 64 bytes')
      const key = await store.signingKey(name)
      expect((key.key as Uint8Array).length).toBe(64)
    } else {
      const jwk = summary.versions[0]!.publicJwk!
      expect(summary.kid).toBe(await calculateJwkThumbprint(jwk as JWK))
      expect(jwk).not.toHaveProperty('d')
    }
  })

  it.each([3072, 4096])('generates RSA %i', async (bits) => {
    const s = await openKeyStore(ctx).generate(`rsa-${bits}`, { alg: 'PS256', bits })
    expect(s.detail).toBe(`RSA ${bits} bits`)
    expect((await openKeyStore(ctx).signingKey(`rsa-${bits}`)).key).toMatchObject({
      asymmetricKeyDetails: { modulusLength: bits },
    })
  })

  it('refuses bad names, taken names (any case) and bad sizes', async () => {
    const store = openKeyStore(ctx)
    for (const bad of ['', '-x', 'a b', 'x/y', 'é', 'a'.repeat(65)]) {
      await expect(store.generate(bad, { alg: 'HS256' })).rejects.toMatchObject({
        code: 'ERR_INVALID_KEY_NAME',
      })
    }
    await store.generate('taken', { alg: 'HS256' })
    await expect(store.generate('TAKEN', { alg: 'ES256' })).rejects.toMatchObject({
      code: 'ERR_KEY_EXISTS',
    })
    await expect(store.generate('rsa-1024', { alg: 'RS256', bits: 1024 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    })
    await expect(store.signingKey('nope')).rejects.toMatchObject({ code: 'ERR_KEY_NOT_FOUND' })
  })

  it('rotates: new active key, old one retiring, old tokens still verify', async () => {
    const store = openKeyStore(ctx)
    for (const alg of ['ES256', 'HS512', 'RS256'] as const) {
      const name = `rot-${alg}`
      const first = await store.generate(name, { alg })
      const before = await signWith(ctx, name)
      const rotated = await store.rotate(name)
      expect(rotated.kid).not.toBe(first.kid)
      expect(rotated.rotatedAt).toBeDefined()
      expect(rotated.versions.map((v) => [v.kid, v.status])).toEqual([
        [rotated.kid, 'active'],
        [first.kid, 'retiring'],
      ])
      expect((await store.signingKey(name)).kid).toBe(rotated.kid)
      expect(await verifiesWith(ctx, name, before)).toBe(first.kid)
      expect(await verifiesWith(ctx, name, await signWith(ctx, name))).toBe(rotated.kid)
      if (alg !== 'HS512') {
        const jwks = JSON.parse(await store.exportPublic(name, 'jwks')) as { keys: JWK[] }
        expect(jwks.keys.map((k) => k.kid)).toEqual([rotated.kid, first.kid])
      }
      await store.remove(name, { retiringOnly: true })
      const after = await store.get(name)
      expect(after.versions.map((v) => v.kid)).toEqual([rotated.kid])
      await expect(verifiesWith(ctx, name, before)).rejects.toThrow()
    }
  })

  it('a key whose keychain entry was deleted outside shows as missing secret', async () => {
    const store = openKeyStore(ctx)
    await store.generate('gone', { alg: 'EdDSA' })
    const accounts = await ctx.keychain.list()
    const account = accounts.find((a) => a.startsWith('key/gone/'))!
    await ctx.keychain.delete(account)
    const listed = (await store.list()).find((k) => k.name === 'gone')!
    expect(listed.secret).toBe('missing')
    await expect(store.signingKey('gone')).rejects.toMatchObject({ code: 'ERR_KEY_SECRET_MISSING' })
    await expect(store.exportPrivate('gone', 'pem')).rejects.toMatchObject({
      code: 'ERR_KEY_SECRET_MISSING',
    })
    // The public part is metadata: it still exports and verifies.
    expect(await store.exportPublic('gone', 'pem')).toMatch(/BEGIN PUBLIC KEY/)
    await store.remove('gone')
    expect((await store.list()).some((k) => k.name === 'gone')).toBe(false)
  })

  it('edits the kid and tags', async () => {
    const store = openKeyStore(ctx)
    await store.generate('kid-edit', { alg: 'ES384', tags: ['staging'] })
    const s = await store.setKid('kid-edit', 'my-kid-1')
    expect(s.kid).toBe('my-kid-1')
    expect(s.tags).toEqual(['staging'])
    expect(JSON.parse(await store.exportPublic('kid-edit', 'jwk')).kid).toBe('my-kid-1')
    expect((await store.signingKey('kid-edit')).kid).toBe('my-kid-1')
    const tagged = await store.setTags('kid-edit', [' prod ', 'team-a', 'prod', ''])
    expect(tagged.tags).toEqual(['prod', 'team-a'])
    expect((await store.list()).find((k) => k.name === 'kid-edit')?.tags).toEqual([
      'prod',
      'team-a',
    ])
    expect((await store.setTags('kid-edit', [])).tags).toEqual([])
    await expect(
      store.setTags(
        'kid-edit',
        Array.from({ length: 33 }, (_, i) => `t${i}`),
      ),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    })
    await expect(store.setTags('nope', ['x'])).rejects.toMatchObject({ code: 'ERR_KEY_NOT_FOUND' })
  })

  it('exports public keys as PEM, JWK and JWKS; private only on the explicit call', async () => {
    const store = openKeyStore(ctx)
    await store.generate('exp', { alg: 'ES256' })
    const pem = await store.exportPublic('exp', 'pem')
    const jwk = JSON.parse(await store.exportPublic('exp', 'jwk')) as JWK
    const jwks = JSON.parse(await store.exportPublic('exp', 'jwks')) as { keys: JWK[] }
    expect(createPublicKey(pem).export({ format: 'jwk' })).toMatchObject({ x: jwk.x, y: jwk.y })
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })
    expect(jwk.d).toBeUndefined()
    expect(jwks.keys).toEqual([jwk])
    const priv = await store.exportPrivate('exp', 'pem')
    expect(createPrivateKey(priv).export({ format: 'jwk' }).d).toBeDefined()
    const privJwk = JSON.parse(await store.exportPrivate('exp', 'jwk')) as JWK
    expect(privJwk.d).toBeDefined()
    await expect(store.exportPublic('taken', 'jwk')).rejects.toMatchObject({
      code: 'ERR_KEY_SYMMETRIC',
    })
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i + 1)
    const hs = await store.saveHmacSecret('hs-saved', bytes, 'HS256')
    expect(hs.detail).toBe('HMAC secret, 16 bytes')
    expect(await store.exportPrivate('hs-saved', 'hex')).toBe('0102030405060708090a0b0c0d0e0f10\n')
    expect(await store.exportPrivate('hs-saved', 'base64')).toBe('AQIDBAUGBwgJCgsMDQ4PEA==\n')
  })
})

describe.skipIf(!available)('key import (real Secret Service)', () => {
  let ctx: KeyTestContext
  let dir: string
  beforeAll(() => {
    ctx = keyContext('import')
    dir = mkdtempSync(join(tmpdir(), 'jwtw-fixtures-'))
  })
  afterAll(() => ctx.cleanup())

  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })

  async function roundTrip(name: string, text: string, alg?: string): Promise<void> {
    const store = openKeyStore(ctx)
    const [s] = await store.importKey(name, text, alg ? { alg: alg as 'RS256' } : {})
    expect(s!.secret).toBe('present')
    expect(await verifiesWith(ctx, name, await signWith(ctx, name))).toBe(s!.kid)
  }

  it('imports PKCS#8, PKCS#1 RSA PRIVATE KEY and SEC1 EC PRIVATE KEY (openssl)', async () => {
    const rsa1 = join(dir, 'rsa1.pem')
    openssl('genrsa', '-traditional', '-out', rsa1, '2048')
    const pkcs1 = readFileSync(rsa1, 'utf8')
    expect(pkcs1).toMatch(/BEGIN RSA PRIVATE KEY/)
    await roundTrip('pkcs1', pkcs1)
    expect((await openKeyStore(ctx).get('pkcs1')).alg).toBe('RS256')

    const ec = join(dir, 'id_ecdsa.pem')
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', ec)
    const sec1 = readFileSync(ec, 'utf8')
    expect(sec1).toMatch(/BEGIN EC PRIVATE KEY/)
    await roundTrip('sec1', sec1)
    expect((await openKeyStore(ctx).get('sec1')).alg).toBe('ES256')

    const ed = join(dir, 'ed.pem')
    openssl('genpkey', '-algorithm', 'ed25519', '-out', ed)
    await roundTrip('pkcs8-ed', readFileSync(ed, 'utf8'))
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' })
    await roundTrip(
      'pkcs8-p384',
      p384.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    )
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    await roundTrip(
      'pkcs8-ps',
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      'PS384',
    )
    await expect(
      openKeyStore(ctx).importKey('mismatch', sec1, { alg: 'RS256' }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_ALG_MISMATCH' })
  })

  it('imports SPKI public keys and X.509 certificates as verify-only keys', async () => {
    const store = openKeyStore(ctx)
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-521' })
    const spki = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string
    const [s] = await store.importKey('spki', spki)
    expect(s).toMatchObject({ verifyOnly: true, secret: 'none', alg: 'ES512' })
    const jws = await new CompactSign(new TextEncoder().encode('x'))
      .setProtectedHeader({ alg: 'ES512' })
      .sign(pair.privateKey)
    expect(await verifiesWith(ctx, 'spki', jws)).toBe(s!.kid)
    await expect(store.signingKey('spki')).rejects.toMatchObject({ code: 'ERR_KEY_VERIFY_ONLY' })
    await expect(store.rotate('spki')).rejects.toMatchObject({ code: 'ERR_KEY_VERIFY_ONLY' })

    const key = join(dir, 'cert.key')
    const cert = join(dir, 'cert.pem')
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=jwtw-test',
    )
    const certText = readFileSync(cert, 'utf8')
    const [c] = await store.importKey('cert', certText, { kid: 'cert-kid' })
    expect(c).toMatchObject({ verifyOnly: true, kid: 'cert-kid', alg: 'RS256' })
    const certJwk = new X509Certificate(certText).publicKey.export({ format: 'jwk' })
    expect(c!.versions[0]!.publicJwk!['n']).toBe(certJwk.n)
    await store.remove('cert')
  })

  it('imports a JWK, one key of a JWKS by kid, or all of them', async () => {
    const store = openKeyStore(ctx)
    const keys = ['a', 'b', 'c'].map((kid) => {
      const p = generateKeyPairSync('ed25519')
      return {
        kid,
        privateKey: p.privateKey,
        jwk: { ...p.privateKey.export({ format: 'jwk' }), kid },
      }
    })
    const [one] = await store.importKey('jwk-one', JSON.stringify(keys[0]!.jwk))
    expect(one!.kid).toBe('a')
    const jwks = JSON.stringify({ keys: keys.map((k) => k.jwk) })
    await expect(store.importKey('jwks', jwks)).rejects.toMatchObject({
      code: 'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
    })
    const [picked] = await store.importKey('jwks-b', jwks, { kid: 'b' })
    expect(picked!.kid).toBe('b')
    const all = await store.importKey('jwks-all', jwks, { all: true })
    expect(all.map((s) => [s.name, s.kid])).toEqual([
      ['jwks-all-1', 'a'],
      ['jwks-all-2', 'b'],
      ['jwks-all-3', 'c'],
    ])
    const oct = { kty: 'oct', k: randomBytes(32).toString('base64url'), kid: 'oct-1' }
    const [o] = await store.importKey('jwk-oct', JSON.stringify(oct), { alg: 'HS256' })
    expect(o).toMatchObject({ kind: 'hmac', kid: 'oct-1' })
    await expect(store.importKey('bad-json', '{"kty":"RSA"}')).rejects.toMatchObject({
      code: 'ERR_INVALID_KEY',
    })
  })

  it('imports HMAC secrets as text, base64 and hex', async () => {
    const store = openKeyStore(ctx)
    const bytes = randomBytes(48)
    await store.importKey('hs-hex', `${bytes.toString('hex')}\n`, {
      alg: 'HS384',
      secretEncoding: 'hex',
    })
    await store.importKey('hs-b64', bytes.toString('base64'), {
      alg: 'HS384',
      secretEncoding: 'base64',
    })
    await store.importKey('hs-prefix', `b64:${bytes.toString('base64url')}`, { alg: 'HS384' })
    await store.importKey('hs-text', 'correct horse battery staple, much longer\n', {
      alg: 'HS256',
    })
    for (const name of ['hs-hex', 'hs-b64', 'hs-prefix']) {
      expect(Buffer.from((await store.signingKey(name)).key as Uint8Array)).toEqual(bytes)
    }
    expect(new TextDecoder().decode((await store.signingKey('hs-text')).key as Uint8Array)).toBe(
      'correct horse battery staple, much longer',
    )
    await expect(store.importKey('hs-noalg', 'plain words')).rejects.toMatchObject({
      code: 'ERR_INVALID_KEY',
    })
  })
})

describe('keychain unreachable', () => {
  it('every call that needs the keychain fails with ERR_KEYCHAIN_UNAVAILABLE, nothing written', async () => {
    const ctx = keyContext('nokc', { keychain: unreachableKeychain() })
    const store = openKeyStore(ctx)
    for (const run of [
      () => store.generate('k', { alg: 'ES256' }),
      () => store.importKey('k', 'secret-value-long-enough-for-hs256!!', { alg: 'HS256' }),
      () => store.saveHmacSecret('k', new Uint8Array(32), 'HS256'),
      () => store.list(),
    ]) {
      await expect(run()).rejects.toMatchObject({ code: 'ERR_KEYCHAIN_UNAVAILABLE' })
    }
    expect(ctx.settings!.get('keys') ?? {}).toEqual({})
    await ctx.cleanup()
  })
})

// Keep KeyObject referenced for the type-only import above.
export type { KeyObject }
