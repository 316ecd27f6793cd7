// The Verify view's claim picker: what it suggests from a token's own claims, and that every
// suggestion, read back by the form and checked by verify, holds for the token it came from.
import { describe, expect, it } from 'vitest'
import { requirementSuggestions } from '../../src/shared/requirement-suggestions'
import { buildVerifyRequest, EMPTY_VERIFY_FORM } from '../../src/renderer/src/verify/verify-form'
import { verifyToken } from '../../src/main/core/verify/verify'
import { allProviderTokens, providerToken } from '../helpers/provider-tokens'
import { tokenContext } from '../helpers/token-context'

const lines = (payload: unknown) => requirementSuggestions(payload).map((s) => s.line)

describe('requirement suggestions', () => {
  it('a Keycloak token: nested roles by dotted path, per-client roles, scope words', async () => {
    const { claims } = await providerToken('keycloak')
    const got = lines(claims)
    expect(got).toContain('realm_access.roles=admin')
    expect(got).toContain('resource_access.orders-api.roles=orders:approve')
    expect(got).toContain('scope=read:orders')
    expect(got).toContain('email_verified=true')
    expect(got).not.toContain(`scope=${String(claims['scope'])}`)
  })

  it('timestamps and per-token values are offered as present only', async () => {
    const { claims } = await providerToken('entra-v2')
    const got = lines(claims)
    for (const name of ['exp', 'iat', 'nbf', 'aio', 'uti'].filter((n) => n in claims)) {
      expect(got).toContain(name)
      expect(got.some((l) => l.startsWith(`${name}=`))).toBe(false)
    }
    expect(got).toContain(`tid=${String(claims['tid'])}`)
  })

  it('names with dots or slashes become JSON pointers; a top-level one stays exact', () => {
    const got = lines({
      'https://shop.example.com/roles': ['buyer'],
      ext: { 'app.tier': 'gold', 'a/b': 1 },
      'cognito:groups': ['eu-admins'],
    })
    expect(got).toContain('https://shop.example.com/roles=buyer')
    expect(got).toContain('/ext/app.tier=gold')
    expect(got).toContain('/ext/a~1b=1')
    expect(got).toContain('cognito:groups=eu-admins')
  })

  it('strings that would read back as JSON are quoted; values a line cannot hold are left out', () => {
    const got = lines({
      tenant: '42',
      flag: 'true',
      sub: 'auth0|64f1a2b3',
      n: 7,
      x: '',
      scope: 'openid a|b 2024',
    })
    expect(got).toContain('scope=openid')
    expect(got).toContain('scope="2024"')
    expect(got).not.toContain('scope=a|b')
    expect(got).toContain('tenant="42"')
    expect(got).toContain('flag="true"')
    expect(got).toContain('n=7')
    expect(got).toContain('sub')
    expect(got.filter((l) => l.startsWith('sub=') || l.startsWith('x='))).toEqual([])
  })

  it('is bounded for a huge claims set', () => {
    const payload = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`c${i}`, Array.from({ length: 80 }, (_, j) => j)]),
    )
    expect(lines(payload).length).toBe(300)
    expect(lines('not claims')).toEqual([])
  })

  it('every suggestion, for every provider, is read by the form and passes verify', async () => {
    for (const t of await allProviderTokens()) {
      const suggested = lines(t.claims)
      expect(suggested.length, t.id).toBeGreaterThan(3)
      const built = buildVerifyRequest({
        ...EMPTY_VERIFY_FORM,
        token: t.token,
        key: { ...EMPTY_VERIFY_FORM.key, mode: 'keyText', keyText: JSON.stringify(t.jwks) },
        require: suggested.join('\n'),
        profile: 'auto',
      })
      if (!built.ok) throw new Error(`${t.id}: ${built.error.message}`)
      const iat = t.claims['iat']
      const at = new Date((typeof iat === 'number' ? iat + 1 : Date.now() / 1000) * 1000)
      const result = await verifyToken(
        { ...built.value, options: { ...built.value.options, allowNullExp: true } },
        tokenContext(at.toISOString()),
      )
      const failed = result.checks.filter((c) => !c.ok && c.id.startsWith('require:'))
      expect(failed, t.id).toEqual([])
      expect(result.checks.filter((c) => c.id.startsWith('require:')).length, t.id).toBe(
        suggested.length,
      )
    }
  })
})
