import { createRemoteJWKSet, jwtVerify, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIssuer, type RunningIssuer } from '../../../src/main/core/issuer/issuer-server'
import { openKeyStore } from '../../../src/main/core/keys/key-store'
import { probeKeychain } from '../../helpers/keychain-available'
import { keyContext, type KeyTestContext } from '../../helpers/key-context'

const { available } = await probeKeychain()

describe.skipIf(!available)('local OIDC issuer over real HTTP', () => {
  let ctx: KeyTestContext
  let issuer: RunningIssuer
  let base: string

  async function mint(name: string): Promise<string> {
    const k = await openKeyStore(ctx).signingKey(name)
    return new SignJWT({ sub: 'alice' })
      .setProtectedHeader({ alg: k.alg, kid: k.kid })
      .setIssuer(base)
      .setAudience('api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(k.key)
  }

  beforeAll(async () => {
    ctx = keyContext('issuer', { now: new Date() })
    const store = openKeyStore(ctx)
    await store.generate('signer', { alg: 'RS256' })
    await store.generate('edge', { alg: 'EdDSA' })
    await store.generate('hmac', { alg: 'HS256' })
    issuer = await startIssuer(ctx, { port: 0 })
    base = issuer.status.issuer!
  })
  afterAll(async () => {
    await issuer?.close()
    await ctx?.cleanup()
  })

  it('listens on 127.0.0.1 and serves discovery', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${base}/.well-known/openid-configuration`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    const discovery = (await res.json()) as Record<string, unknown>
    expect(discovery).toMatchObject({
      issuer: base,
      jwks_uri: `${base}/.well-known/jwks.json`,
      token_endpoint_auth_methods_supported: expect.any(Array),
    })
    expect((discovery['id_token_signing_alg_values_supported'] as string[]).sort()).toEqual([
      'EdDSA',
      'RS256',
    ])
  })

  it('serves the public JWKS (no HMAC, no private fields) with Cache-Control and ETag; 304 on a match', async () => {
    const res = await fetch(`${base}/.well-known/jwks.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/)
    const etag = res.headers.get('etag')!
    expect(etag).toMatch(/^".+"$/)
    const jwks = (await res.json()) as { keys: Record<string, string>[] }
    expect(jwks.keys.map((k) => k['kty']).sort()).toEqual(['OKP', 'RSA'])
    for (const k of jwks.keys) {
      for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(k).not.toHaveProperty(f)
    }
    const again = await fetch(`${base}/.well-known/jwks.json`, {
      headers: { 'If-None-Match': etag },
    })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const other = await fetch(`${base}/.well-known/jwks.json`, {
      headers: { 'If-None-Match': '"x"' },
    })
    expect(other.status).toBe(200)
    expect((await fetch(`${base}/nope`)).status).toBe(404)
    expect((await fetch(`${base}/.well-known/jwks.json`, { method: 'POST' })).status).toBe(405)
  })

  it('a token minted with a stored key verifies through createRemoteJWKSet; after rotation both kids are served and the old token still verifies', async () => {
    const before = await mint('signer')
    const jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`))
    const first = await jwtVerify(before, jwks, { issuer: base, audience: 'api' })
    expect(first.payload.sub).toBe('alice')
    const oldKid = (await openKeyStore(ctx).get('signer')).kid
    const etagBefore = (await fetch(`${base}/.well-known/jwks.json`)).headers.get('etag')

    const rotated = await openKeyStore(ctx).rotate('signer')
    const served = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[]
    }
    expect(served.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([rotated.kid, oldKid]))
    expect((await fetch(`${base}/.well-known/jwks.json`)).headers.get('etag')).not.toBe(etagBefore)

    const fresh = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`))
    const after = await mint('signer')
    await expect(jwtVerify(before, fresh, { issuer: base })).resolves.toBeTruthy()
    await expect(jwtVerify(after, fresh, { issuer: base })).resolves.toBeTruthy()
    await expect(jwtVerify(await mint('edge'), fresh, { issuer: base })).resolves.toBeTruthy()

    // Once the retiring version is removed, tokens it signed stop verifying.
    await openKeyStore(ctx).remove('signer', { retiringOnly: true })
    const pruned = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`))
    await expect(jwtVerify(before, pruned)).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    })
  })

  it('serves only the chosen keys, under an issuer URL with a path; a busy port is ERR_PORT_IN_USE', async () => {
    const port = issuer.status.port!
    await expect(startIssuer(ctx, { port })).rejects.toMatchObject({ code: 'ERR_PORT_IN_USE' })
    await expect(startIssuer(ctx, { port: 0, keys: ['missing'] })).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    })
    const second = await startIssuer(ctx, { port: 0, keys: ['edge'] })
    try {
      const url = `http://127.0.0.1:${second.status.port}/realms/dev`
      const third = await startIssuer(ctx, { port: 0, keys: ['edge'], issuer: url })
      try {
        const root = `http://127.0.0.1:${third.status.port}`
        const d = (await (
          await fetch(`${root}/realms/dev/.well-known/openid-configuration`)
        ).json()) as { issuer: string; jwks_uri: string }
        expect(d.issuer).toBe(url)
        const keys = (await (await fetch(`${root}/realms/dev/.well-known/jwks.json`)).json()) as {
          keys: { kty: string }[]
        }
        expect(keys.keys.map((k) => k.kty)).toEqual(['OKP'])
      } finally {
        await third.close()
      }
    } finally {
      await second.close()
    }
  })
})
