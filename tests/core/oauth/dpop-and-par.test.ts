/**
 * DPoP-bound tokens (RFC 9449) from a provider that demands server nonces, and pushed
 * authorization requests (RFC 9126) when the provider requires them: against oidc-provider on
 * 127.0.0.1, the DPoP key held in the real Secret Service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { Browser } from 'playwright-core'
import { obtainToken } from '../../../src/main/core/oauth/obtain-token'
import { dpopProof } from '../../../src/main/core/oauth/dpop-proof'
import { verifyToken } from '../../../src/main/core/verify/verify'
import { keyContext, type KeyTestContext } from '../../helpers/key-context'
import { launchChromium } from '../../helpers/chromium'
import {
  API_RESOURCE,
  confidentialClient,
  publicClient,
  signIn,
  startOpenIdProvider,
  type OpenIdProvider,
} from '../../helpers/openid-provider'

const SECRET = 'Zr8uN2xQ5wE7tY1iO3pA6sD9fG4hJ0kL-orders-dpop-secret'
let op: OpenIdProvider
let ctx: KeyTestContext
let browser: Browser

beforeAll(async () => {
  ctx = keyContext('oauth-dpop', { now: new Date() })
  await ctx.keys.generate('orders-dpop-es256', { alg: 'ES256' })
  op = await startOpenIdProvider({
    requireDpopNonce: true,
    requirePar: true,
    clients: [
      confidentialClient('orders-api-gateway', 'client_secret_basic', SECRET, {
        scope: 'orders:read',
      }),
      publicClient('orders-desktop', 'openid email orders:read'),
    ],
  })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await op?.close()
  await ctx?.cleanup()
})

describe('DPoP', () => {
  it('binds the token to the stored key (cnf.jkt = its thumbprint), answering the nonce challenge', async () => {
    await ctx.clients.add({
      profile: {
        name: 'gateway',
        issuer: op.issuer,
        clientId: 'orders-api-gateway',
        authMethod: 'client_secret_basic',
        scope: 'orders:read',
        resource: API_RESOURCE,
        dpopKey: 'orders-dpop-es256',
      },
      clientSecret: SECRET,
    })
    const before = op.tokenRequests.length
    const result = await obtainToken({ profile: 'gateway', grant: 'client-credentials' }, ctx)
    expect(result.tokenType).toBe('DPoP')
    expect(decodeJwt(result.accessToken)['cnf']).toEqual({ jkt: result.dpop?.jkt })
    const proof = await dpopProof(
      { key: 'orders-dpop-es256', method: 'GET', url: API_RESOURCE },
      ctx,
    )
    expect(proof.jkt).toBe(result.dpop?.jkt)
    // The first request was answered use_dpop_nonce; the retry carried the nonce.
    const requests = op.tokenRequests.slice(before)
    expect(requests.length).toBe(2)
    expect(requests.every((r) => r.dpop)).toBe(true)
  })

  it('jwtw dpop: a proof for a resource call that the verifier accepts as a DPoP proof', async () => {
    const accessToken = await ctx.credentials.get('gateway')
    const { proof } = await dpopProof(
      {
        key: 'orders-dpop-es256',
        method: 'post',
        url: `${API_RESOURCE}/orders?status=open#top`,
        accessToken,
      },
      ctx,
    )
    expect(decodeProtectedHeader(proof)).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' })
    const claims = decodeJwt(proof)
    expect(claims).toMatchObject({ htm: 'POST', htu: `${API_RESOURCE}/orders` })
    expect(claims['jti']).toMatch(/^[0-9a-f-]{36}$/)
    const verdict = await verifyToken(
      {
        token: proof,
        key: { storedKey: 'orders-dpop-es256' },
        options: { profile: 'dpop', htm: 'POST', htu: `${API_RESOURCE}/orders`, accessToken },
      },
      ctx,
    )
    expect(verdict.checks.filter((c) => !c.ok)).toEqual([])
    // The proof's own jwk is named for what it is, not as an ignored header key.
    expect(verdict.checks.find((c) => c.id === 'header-keys')?.message).toMatch(
      /^The proof carries its public key \(jwk\), as RFC 9449 requires/,
    )
  })

  it('an HMAC key cannot make a proof (its public key would be the secret)', async () => {
    await ctx.keys.saveHmacSecret('orders-hs256', new Uint8Array(32).fill(9), 'HS256')
    await expect(
      dpopProof({ key: 'orders-hs256', method: 'GET', url: API_RESOURCE }, ctx),
    ).rejects.toMatchObject({ code: 'ERR_KEY_SYMMETRIC' })
  })
})

describe('pushed authorization requests', () => {
  it('pushes the request when the server requires it; the browser sees only request_uri', async () => {
    await ctx.clients.add({
      profile: {
        name: 'desktop',
        issuer: op.issuer,
        clientId: 'orders-desktop',
        authMethod: 'none',
        scope: 'openid email orders:read',
      },
    })
    let url: string | undefined
    const pending = obtainToken({ profile: 'desktop', grant: 'code', timeoutSeconds: 30 }, ctx, {
      onProgress: (p) => {
        if (p.phase === 'browser') url = p.authorizationUrl
      },
    })
    pending.catch(() => {})
    while (url === undefined) await new Promise((r) => setTimeout(r, 20))
    const params = new URL(url).searchParams
    expect([...params.keys()].sort()).toEqual(['client_id', 'request_uri'])
    const page = await browser.newPage()
    await signIn(page, url)
    await page.close()
    const result = await pending
    expect(result.id?.verification?.valid).toBe(true)
  })
})
