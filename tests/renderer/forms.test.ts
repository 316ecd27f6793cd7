// The renderer's pure form steps: Mint and Verify forms to contract requests, an inspected
// token back into the Mint form, and a decoded token's full text taken back from the input.
import { describe, expect, it } from 'vitest'
import { MintRequestSchema, VerifyRequestSchema } from '../../src/shared/request-schemas'
import type { DecodedToken } from '../../src/shared/token-types'
import { EMPTY_KEY_SOURCE } from '../../src/renderer/src/forms/key-source-form'
import {
  buildMintRequest,
  EMPTY_MINT_FORM,
  formFromTemplate,
  formFromToken,
} from '../../src/renderer/src/mint/mint-form'
import { buildVerifyRequest, EMPTY_VERIFY_FORM } from '../../src/renderer/src/verify/verify-form'
import { tokenText } from '../../src/renderer/src/inspect/token-text'

const withSecret = { ...EMPTY_MINT_FORM, key: { ...EMPTY_KEY_SOURCE, secret: 's' } }

describe('buildMintRequest', () => {
  it('turns the fields into a request the contract accepts', () => {
    const r = buildMintRequest({
      ...withSecret,
      alg: 'HS512',
      sub: ' alice ',
      aud: 'api, , web ',
      expiresIn: 'none',
      typ: '',
      jti: true,
      claims: '{"role":"admin"}',
      header: '{"x5u":"https://k"}',
      kid: 'k1',
    })
    expect(r).toEqual({
      ok: true,
      value: {
        key: { secret: 's' },
        alg: 'HS512',
        iat: true,
        expiresIn: null,
        typ: null,
        sub: 'alice',
        aud: ['api', 'web'],
        jti: true,
        claims: { role: 'admin' },
        header: { x5u: 'https://k' },
        kid: 'k1',
      },
    })
    expect(MintRequestSchema.safeParse(r.ok && r.value).success).toBe(true)
  })

  it('"No kid header" sends kid null, whatever the kid field says', () => {
    const r = buildMintRequest({ ...withSecret, kid: 'k1', noKid: true })
    expect(r.ok && r.value.kid).toBeNull()
    expect(MintRequestSchema.safeParse(r.ok && r.value).success).toBe(true)
    expect(formFromToken(withSecret, { alg: 'HS256' }, {}).noKid).toBe(true)
    expect(formFromToken(withSecret, { alg: 'HS256', kid: 'k' }, {}).noKid).toBe(false)
  })

  it('sends one audience as a string and leaves alg to the key when none is chosen', () => {
    const r = buildMintRequest({ ...withSecret, aud: 'api' })
    expect(r.ok && r.value.aud).toBe('api')
    expect(r.ok && 'alg' in r.value).toBe(false)
    expect(r.ok && r.value.expiresIn).toBe('15m')
  })

  it('refuses claims that are not a JSON object with ERR_INVALID_CLAIMS', () => {
    for (const claims of ['{role: admin}', '[1]', 'null', '"x"']) {
      const r = buildMintRequest({ ...withSecret, claims })
      expect(r.ok ? null : [r.field, r.error.code]).toEqual(['claims', 'ERR_INVALID_CLAIMS'])
    }
    const header = buildMintRequest({ ...withSecret, header: '{' })
    expect(header.ok ? null : [header.field, header.error.code]).toEqual([
      'header',
      'ERR_INVALID_ARGUMENT',
    ])
  })

  it('needs a key unless unsecured, which sends none', () => {
    const missing = buildMintRequest(EMPTY_MINT_FORM)
    expect(missing.ok ? null : missing.error.code).toBe('ERR_NO_KEY')
    const stored = buildMintRequest({
      ...EMPTY_MINT_FORM,
      key: { ...EMPTY_KEY_SOURCE, mode: 'stored' },
    })
    expect(stored.ok ? null : stored.error.message).toBe('Choose a stored key.')
    const unsecured = buildMintRequest({ ...withSecret, unsecured: true, alg: 'HS256' })
    expect(unsecured.ok && unsecured.value).toMatchObject({ unsecured: true })
    expect(unsecured.ok && ('key' in unsecured.value || 'alg' in unsecured.value)).toBe(false)
  })
})

describe('formFromTemplate and formFromToken', () => {
  it('a template fills alg, lifetime and claims, and keeps the key', () => {
    const form = formFromTemplate(withSecret, 'oidc-user-profile')
    expect(form).toMatchObject({
      alg: 'RS256',
      expiresIn: '1h',
      iss: 'https://id.example.com',
      aud: 'dashboard-app',
      sub: 'user-1234',
      key: withSecret.key,
    })
    expect(JSON.parse(form.claims)).not.toHaveProperty('sub')
    expect(formFromTemplate(withSecret, 'service-client').expiresIn).toBe('none')
  })

  it('a token fills alg, header, claims and keeps its lifetime as a duration', () => {
    const form = formFromToken(
      withSecret,
      { alg: 'ES256', kid: 'k1', typ: 'at+jwt', x5u: 'https://k' },
      { sub: 'a', aud: ['x', 'y'], iat: 1000, nbf: 1060, exp: 1900, jti: 'j', role: 'r' },
    )
    expect(form).toMatchObject({
      alg: 'ES256',
      unsecured: false,
      kid: 'k1',
      typ: 'at+jwt',
      sub: 'a',
      aud: 'x, y',
      expiresIn: '900s',
      notBefore: '60s',
      iat: true,
      jti: true,
      key: withSecret.key,
    })
    expect(JSON.parse(form.header)).toEqual({ x5u: 'https://k' })
    expect(JSON.parse(form.claims)).toEqual({ role: 'r' })
  })

  it('an unsecured token without exp becomes an unsecured form with no expiry', () => {
    const form = formFromToken(withSecret, { alg: 'none' }, { sub: 'm' })
    expect(form).toMatchObject({ alg: '', unsecured: true, expiresIn: 'none', iat: false, typ: '' })
    expect(formFromToken(withSecret, null, 'not an object').sub).toBe('')
  })
})

describe('buildVerifyRequest', () => {
  const base = {
    ...EMPTY_VERIFY_FORM,
    token: ' eyJ.eyJ.sig ',
    key: { ...EMPTY_KEY_SOURCE, secret: 's' },
  }

  it('sends only the options given, parsed like the CLI', () => {
    const r = buildVerifyRequest({
      ...base,
      algorithms: ['HS256'],
      audience: 'api',
      require: 'jti\nrole=admin\n\nlevel = 3\nflags=[1]',
      clockTolerance: '30',
      maxAge: '1h',
    })
    expect(r).toEqual({
      ok: true,
      value: {
        token: 'eyJ.eyJ.sig',
        key: { secret: 's' },
        options: {
          algorithms: ['HS256'],
          audience: 'api',
          require: [
            { name: 'jti' },
            { name: 'role', value: 'admin' },
            { name: 'level', value: 3 },
            { name: 'flags', value: [1] },
          ],
          clockTolerance: 30,
          maxAge: '1h',
        },
      },
    })
    expect(VerifyRequestSchema.safeParse(r.ok && r.value).success).toBe(true)
    const two = buildVerifyRequest({ ...base, audience: 'a,b', clockTolerance: '30s' })
    expect(two.ok && two.value.options).toEqual({ audience: ['a', 'b'], clockTolerance: '30s' })
  })

  it('names the field that is wrong', () => {
    const empty = buildVerifyRequest({ ...base, token: '  ' })
    expect(empty.ok ? null : [empty.field, empty.error.code]).toEqual([
      'token',
      'ERR_NO_TOKEN_FOUND',
    ])
    const noName = buildVerifyRequest({ ...base, require: '=admin' })
    expect(noName.ok ? null : [noName.field, noName.error.code]).toEqual([
      'require',
      'ERR_INVALID_ARGUMENT',
    ])
    const jwks = buildVerifyRequest({
      ...base,
      key: { ...EMPTY_KEY_SOURCE, mode: 'keyText', keyText: '{"keys":[]}', kid: ' k1 ' },
    })
    expect(jwks.ok && jwks.value.key).toEqual({ keyText: '{"keys":[]}', kid: 'k1' })
  })
})

describe('tokenText', () => {
  const found = (offset: number, segmentLengths: number[]) =>
    ({ offset, segmentLengths }) as unknown as DecodedToken

  it('takes the token back from its offset, also when it was wrapped over lines', () => {
    expect(tokenText('Bearer eyJa.eyJb.sig rest', found(7, [4, 4, 3]))).toBe('eyJa.eyJb.sig')
    expect(tokenText('  eyJa.ey\n  Jb.sig\n', found(2, [4, 4, 3]))).toBe('eyJa.eyJb.sig')
    expect(tokenText('x eyJa.eyJb.', found(2, [4, 4, 0]))).toBe('eyJa.eyJb.')
  })

  it('is null when the input no longer holds that token there', () => {
    expect(tokenText('eyJa.eyJb.sig', found(3, [4, 4, 3]))).toBeNull()
    expect(tokenText('eyJaXeyJb.sig', found(0, [4, 4, 3]))).toBeNull()
    expect(tokenText('eyJa.eyJb', found(0, [4, 4, 3]))).toBeNull()
  })
})
