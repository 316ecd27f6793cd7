import { describe, expect, it } from 'vitest'
import { EMPTY_KEY_SOURCE } from '../../src/renderer/src/forms/key-source-form'
import { keySourceForToken } from '../../src/renderer/src/verify/verify-form'
import { KEYCLOAK_ISSUER } from '../helpers/provider-tokens'

const NONE = { trustedIssuers: [], storedKeys: [] }
const STORED = {
  trustedIssuers: [],
  storedKeys: [
    { name: 'orders-api-signing', kid: 'vnCYC6STEpQ2x4k1Zr0mLh8Wc9dJ3bT5aGf7uN1s6cY' },
    { name: 'session-hmac', kid: 'hmac-2026-11' },
  ],
}

describe('Verify starts where the token points', () => {
  it('an RS256 token of a trusted issuer: the trusted issuer', () => {
    const form = keySourceForToken(
      EMPTY_KEY_SOURCE,
      { alg: 'RS256' },
      { iss: KEYCLOAK_ISSUER },
      { trustedIssuers: [KEYCLOAK_ISSUER], storedKeys: [] },
    )
    expect(form.mode).toBe('trusted')
  })

  it('an RS256 token of another issuer: its discovery, prefilled (not fetched)', () => {
    const form = keySourceForToken(
      EMPTY_KEY_SOURCE,
      { alg: 'RS256' },
      { iss: KEYCLOAK_ISSUER },
      NONE,
    )
    expect(form).toMatchObject({ mode: 'issuer', issuer: KEYCLOAK_ISSUER })
  })

  it('HS256: the secret field; no https issuer: a pasted key; typed values stay', () => {
    const typed = { ...EMPTY_KEY_SOURCE, secret: 'kept', keyText: 'kept too' }
    expect(
      keySourceForToken(typed, { alg: 'HS256' }, { iss: KEYCLOAK_ISSUER }, NONE),
    ).toMatchObject({
      mode: 'secret',
      secret: 'kept',
    })
    expect(keySourceForToken(typed, { alg: 'ES256' }, { sub: 'x' }, NONE)).toMatchObject({
      mode: 'keyText',
      keyText: 'kept too',
    })
  })

  it('a stored key whose kid matches: chosen for HS* tokens and for tokens with no https issuer', () => {
    expect(
      keySourceForToken(EMPTY_KEY_SOURCE, { alg: 'HS256', kid: 'hmac-2026-11' }, {}, STORED),
    ).toMatchObject({ mode: 'stored', storedKey: 'session-hmac' })
    const kid = STORED.storedKeys[0]!.kid
    expect(
      keySourceForToken(EMPTY_KEY_SOURCE, { alg: 'PS256', kid }, { sub: 'svc' }, STORED),
    ).toMatchObject({ mode: 'stored', storedKey: 'orders-api-signing' })
    // An https issuer still comes first (its published keys are the authority), and another
    // kid falls back as before.
    expect(
      keySourceForToken(EMPTY_KEY_SOURCE, { alg: 'PS256', kid }, { iss: KEYCLOAK_ISSUER }, STORED)
        .mode,
    ).toBe('issuer')
    expect(
      keySourceForToken(EMPTY_KEY_SOURCE, { alg: 'HS256', kid: 'other' }, {}, STORED).mode,
    ).toBe('secret')
  })
})
