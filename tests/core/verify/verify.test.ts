import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveLocalKeys } from '../../../src/main/core/keys/key-source'
import { mintToken } from '../../../src/main/core/mint/mint'
import { verifyToken, verifyWithKeys } from '../../../src/main/core/verify/verify'
import { prepareOptions } from '../../../src/main/core/verify/verify-options'
import type { VerifyResult } from '../../../src/shared/verify-types'
import { tokenContext } from '../../helpers/token-context'
import { HMAC_SECRET } from '../../helpers/keys'
import { LIMITS } from '../../../src/shared/limits'
import type { VerifyOptions } from '../../../src/shared/request-schemas'

const ISSUED = '2026-11-22T10:00:00Z'
const key = { secret: HMAC_SECRET }

async function tokenWith(request: Parameters<typeof mintToken>[0]): Promise<string> {
  return (await mintToken({ key, ...request }, tokenContext(ISSUED))).token
}

async function check(
  token: string,
  at: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  return verifyToken({ token, key, options }, tokenContext(at))
}

const failed = (r: VerifyResult) =>
  Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.id, c.code]))

describe('verify claims', () => {
  it('exp: expired 3h ago, with the exp time; tolerance and "as of" change the outcome', async () => {
    const token = await tokenWith({ expiresIn: '1h' }) // exp 11:00
    const late = await check(token, '2026-11-22T14:00:00Z')
    expect(failed(late)).toEqual({ exp: 'ERR_JWT_EXPIRED' })
    expect(late.checks.find((c) => c.id === 'exp')?.message).toBe(
      'Expired 3h ago (exp 2026-11-22T11:00:00Z).',
    )
    expect((await check(token, '2026-11-22T11:00:20Z', { clockTolerance: '30s' })).valid).toBe(true)
    expect((await check(token, '2026-11-22T11:00:20Z', { clockTolerance: 10 })).valid).toBe(false)
    expect((await check(token, '2030-01-01T00:00:00Z', { at: '2026-11-22T10:30:00Z' })).valid).toBe(
      true,
    )
    const fresh = await check(token, '2026-11-22T10:55:48Z')
    expect(fresh.checks.find((c) => c.id === 'exp')?.message).toMatch(/^Expires in 4m 12s/)
  })

  it('nbf in the future fails until the tolerance covers it', async () => {
    const token = await tokenWith({ notBefore: '10m' })
    expect(failed(await check(token, ISSUED))).toEqual({ nbf: 'ERR_JWT_CLAIM_VALIDATION_FAILED' })
    expect((await check(token, ISSUED, { clockTolerance: '10m' })).valid).toBe(true)
  })

  it('iss, aud, sub, typ mismatches name what was found and what was expected', async () => {
    const token = await tokenWith({ iss: 'idp', aud: 'api-prod', sub: 'alice' })
    const result = await check(token, ISSUED, {
      issuer: 'other-idp',
      audience: 'api-staging',
      subject: 'bob',
      typ: 'at+jwt',
    })
    expect(failed(result)).toEqual({
      iss: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      aud: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      sub: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      typ: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    })
    const messages = Object.fromEntries(result.checks.map((c) => [c.id, c.message]))
    expect(messages['aud']).toBe('Audience is api-prod, expected api-staging.')
    expect(messages['iss']).toBe('Issuer is idp, expected other-idp.')
    // Every check is listed, passing ones too.
    expect(result.checks.map((c) => c.id)).toEqual([
      'structure',
      'encoding',
      'duplicates',
      'alg',
      'crit',
      'header-keys',
      'key',
      'signature',
      'exp',
      'iat',
      'iss',
      'aud',
      'sub',
      'typ',
    ])
    const good = await check(token, ISSUED, {
      issuer: 'idp',
      audience: ['x', 'api-prod'],
      subject: 'alice',
      typ: 'JWT',
    })
    expect(good.valid).toBe(true)
  })

  it('required claims, with and without values', async () => {
    const token = await tokenWith({ claims: { role: 'user', scopes: ['read', 'write'] } })
    const result = await check(token, ISSUED, {
      require: [
        { name: 'role', value: 'admin' },
        { name: 'scopes', value: 'write' },
        { name: 'tenant_id' },
        { name: 'role' },
      ],
    })
    expect(failed(result)).toEqual({
      'require:role': 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      'require:tenant_id': 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    })
    expect(result.checks.find((c) => c.id === 'require:role' && !c.ok)?.message).toBe(
      'Claim "role" is user, expected admin.',
    )
  })

  it('max age uses iat', async () => {
    // No exp (mint's default is 15 minutes): only max age can fail.
    const token = await tokenWith({ expiresIn: null })
    expect(failed(await check(token, '2026-11-22T12:00:01Z', { maxAge: '2h' }))).toEqual({
      'max-age': 'ERR_JWT_EXPIRED',
    })
    expect((await check(token, '2026-11-22T11:59:59Z', { maxAge: '2h' })).valid).toBe(true)
    const noIat = await tokenWith({ iat: false, expiresIn: null })
    expect(failed(await check(noIat, ISSUED, { maxAge: '2h' }))).toEqual({
      'max-age': 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    })
  })

  it('a wrong secret names the likely cause', async () => {
    const token = await tokenWith({})
    const result = await verifyToken(
      { token, key: { secret: 'some-other-secret-of-32-bytes-xx' } },
      tokenContext(ISSUED),
    )
    expect(result.checks.find((c) => c.id === 'signature')).toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      message: 'Signature does not match: signed with a different secret or the token was altered.',
    })
  })

  it('accepts a token pasted with its Bearer scheme and surrounding whitespace', async () => {
    const token = await tokenWith({})
    expect((await check(`  Bearer ${token}\n`, ISSUED)).valid).toBe(true)
  })

  it('bad options are configuration errors, not token failures', async () => {
    const token = await tokenWith({})
    await expect(check(token, ISSUED, { clockTolerance: 'lots' })).rejects.toMatchObject({
      code: 'ERR_INVALID_DURATION',
    })
    await expect(check(token, ISSUED, { at: 'yesterday' })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    })
  })

  it('the result describes the key without material', async () => {
    const result = await check(await tokenWith({}), ISSUED)
    expect(result.key).toEqual({
      origin: 'secret',
      kind: 'secret',
      keyType: 'oct',
      detail: `HMAC secret, ${HMAC_SECRET.length} bytes`,
      algs: ['HS256', 'HS384', 'HS512'],
    })
    expect(JSON.stringify(result)).not.toContain(HMAC_SECRET)
  })

  it('JWE and malformed input fail the structure check without throwing', async () => {
    for (const token of ['a.b.c.d.e', 'abc', 'x.y', 'e30.e30', '!!!.@@@.###', '']) {
      const result = await check(token, ISSUED)
      expect(result.valid).toBe(false)
      expect(result.checks[0]).toMatchObject({ id: 'structure', ok: false })
    }
  })
})

describe('verify on hostile input', () => {
  const ctx = tokenContext(ISSUED)

  it('never throws on arbitrary strings', async () => {
    const keys = await resolveLocalKeys({ type: 'secret', secret: HMAC_SECRET }, ctx, 'verify')
    const options = prepareOptions({ audience: 'a', require: [{ name: 'r' }] }, ctx.now())
    const segment = fc.string({
      unit: fc.constantFrom(...'eyJABCabc0123-_=+/ .\n{}"'),
      maxLength: 40,
    })
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.tuple(segment, segment, segment).map((s) => s.join('.')),
          fc
            .tuple(fc.json(), fc.json(), segment)
            .map(
              ([h, p, s]) =>
                `${Buffer.from(h).toString('base64url')}.${Buffer.from(p).toString('base64url')}.${s}`,
            ),
        ),
        async (text) => {
          const result = await verifyWithKeys(text, keys, options)
          expect(typeof result.valid).toBe('boolean')
          expect(result.checks.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('handles a 256 KiB token and refuses a larger one without throwing', async () => {
    const keys = await resolveLocalKeys({ type: 'secret', secret: HMAC_SECRET }, ctx, 'verify')
    const options = prepareOptions({}, ctx.now())
    const head = Buffer.from('{"alg":"HS256"}').toString('base64url')
    const body = 'A'.repeat(LIMITS.token - head.length - 50)
    const big = `${head}.${body}.${'B'.repeat(43)}`
    const result = await verifyWithKeys(big, keys, options)
    expect(result.valid).toBe(false)
    const tooBig = await verifyWithKeys(`${big}${'C'.repeat(100)}`, keys, options)
    expect(tooBig.checks).toEqual([
      expect.objectContaining({ id: 'structure', code: 'ERR_INPUT_TOO_LARGE' }),
    ])
  })
})

describe('verify runs lint', () => {
  it('lists lint findings, judging the HMAC secret itself', async () => {
    const weak = { secret: 'short' }
    const token = (await mintToken({ key: weak, expiresIn: null }, tokenContext(ISSUED))).token
    const result = await verifyToken({ token, key: weak }, tokenContext(ISSUED))
    const codes = (result.lint ?? []).map((f) => f.code)
    expect(codes).toContain('no_exp')
    expect(codes).toContain('hmac_secret_short')
    const strong = await verifyToken(
      { token: await tokenWith({ expiresIn: '1h' }), key },
      tokenContext(ISSUED),
    )
    expect((strong.lint ?? []).map((f) => f.code)).not.toContain('hmac_secret_short')
  })
})
