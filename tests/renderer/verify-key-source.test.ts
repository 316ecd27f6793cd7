import { describe, expect, it } from 'vitest'
import { EMPTY_KEY_SOURCE } from '../../src/renderer/src/forms/key-source-form'
import { keySourceForToken } from '../../src/renderer/src/verify/verify-form'
import { KEYCLOAK_ISSUER } from '../helpers/provider-tokens'

describe('Verify starts where the token points', () => {
  it('an RS256 token of a trusted issuer: the trusted issuer', () => {
    const form = keySourceForToken(EMPTY_KEY_SOURCE, { alg: 'RS256' }, { iss: KEYCLOAK_ISSUER }, [
      KEYCLOAK_ISSUER,
    ])
    expect(form.mode).toBe('trusted')
  })

  it('an RS256 token of another issuer: its discovery, prefilled (not fetched)', () => {
    const form = keySourceForToken(EMPTY_KEY_SOURCE, { alg: 'RS256' }, { iss: KEYCLOAK_ISSUER }, [])
    expect(form).toMatchObject({ mode: 'issuer', issuer: KEYCLOAK_ISSUER })
  })

  it('HS256: the secret field; no https issuer: a pasted key; typed values stay', () => {
    const typed = { ...EMPTY_KEY_SOURCE, secret: 'kept', keyText: 'kept too' }
    expect(keySourceForToken(typed, { alg: 'HS256' }, { iss: KEYCLOAK_ISSUER }, [])).toMatchObject({
      mode: 'secret',
      secret: 'kept',
    })
    expect(keySourceForToken(typed, { alg: 'ES256' }, { sub: 'x' }, [])).toMatchObject({
      mode: 'keyText',
      keyText: 'kept too',
    })
  })
})
