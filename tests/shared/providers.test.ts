import { describe, expect, it } from 'vitest'
import { decodeToken } from '../../src/shared/token-decode'
import {
  claimAt,
  claimList,
  describeTokenClaim,
  identifyProvider,
  providerLabel,
  PROVIDERS,
} from '../../src/shared/providers'
import {
  AUTH0_ISSUER,
  ENTRA_TENANT,
  allProviderTokens,
  type ProviderId as FixtureId,
} from '../helpers/provider-tokens'

const EXPECTED: Record<FixtureId, [string, string | undefined]> = {
  'entra-v1': ['entra-v1', ENTRA_TENANT],
  'entra-v2': ['entra-v2', ENTRA_TENANT],
  'entra-id-token': ['entra-v2', ENTRA_TENANT],
  'auth0-access': ['auth0', 'dev-k7x2m9q4'],
  'auth0-id': ['auth0', 'dev-k7x2m9q4'],
  'okta-access': ['okta', 'dev-83920417'],
  keycloak: ['keycloak', 'shop-production'],
  'cognito-id': ['cognito', 'eu-west-1_AbCdEf123'],
  'cognito-access': ['cognito', 'eu-west-1_AbCdEf123'],
  'google-id': ['google', 'contoso-retail.example'],
  firebase: ['firebase', 'orders-prod-4f2a1'],
  'github-actions': ['github-actions', 'contoso-retail'],
  'gitlab-ci': ['gitlab-ci', 'contoso-retail'],
  kubernetes: ['kubernetes', 'orders'],
  spiffe: ['spiffe', 'prod.example-retail.com'],
  spacetimedb: ['spacetimedb', undefined],
}

describe('the provider registry', () => {
  it('every entry cites its documentation and describes its claims', () => {
    for (const p of PROVIDERS) {
      expect(p.docs).toMatch(/^https:\/\//)
      for (const info of Object.values(p.claims)) expect(info.description.length).toBeGreaterThan(5)
    }
  })

  it('recognises every provider fixture and names its tenant', async () => {
    for (const t of await allProviderTokens()) {
      const [id, tenant] = EXPECTED[t.id]
      const match = identifyProvider(t.claims, t.header)
      expect(match?.id, t.id).toBe(id)
      expect(match?.tenant?.value, t.id).toBe(tenant)
    }
  })

  it('decode names the provider and lists roles and scopes wherever they live', async () => {
    const tokens = await allProviderTokens()
    const keycloak = decodeToken(tokens.find((t) => t.id === 'keycloak')!.token)
    expect(providerLabel(keycloak.provider!)).toBe('Keycloak · realm shop-production')
    expect(keycloak.roles).toEqual(
      expect.arrayContaining(['admin', 'orders-api:orders:approve', 'account:view-profile']),
    )
    expect(keycloak.scopes).toEqual(['openid', 'email', 'profile', 'read:orders'])
    const cognito = decodeToken(tokens.find((t) => t.id === 'cognito-id')!.token)
    expect(cognito.roles?.length).toBeGreaterThan(0)
  })

  it("describes a provider's own claims first, and a claim it does not know stays undescribed", () => {
    expect(describeTokenClaim('realm_access', 'keycloak')?.title).toBe('Realm roles')
    expect(describeTokenClaim('aio', 'entra-v2')?.source).toBe('Entra ID (v2)')
    expect(describeTokenClaim('cid', 'okta')?.title).toBe('Client ID')
    expect(describeTokenClaim('exp', 'keycloak')?.title).toBe('Expiration time')
    expect(describeTokenClaim('x_custom_tier', 'keycloak')).toBeUndefined()
  })

  it('claim paths: exact names with dots and colons, dotted paths, JSON pointers', () => {
    const claims = {
      'cognito:groups': ['ops'],
      'https://api.example-retail.com/roles': ['buyer'],
      realm_access: { roles: ['admin'] },
      'kubernetes.io': { namespace: 'orders' },
    }
    expect(claimAt(claims, 'cognito:groups')).toEqual(['ops'])
    expect(claimAt(claims, 'https://api.example-retail.com/roles')).toEqual(['buyer'])
    expect(claimAt(claims, '/https:~1~1api.example-retail.com~1roles')).toEqual(['buyer'])
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['admin'])
    expect(claimAt(claims, '/kubernetes.io/namespace')).toBe('orders')
    expect(claimAt(claims, 'realm_access.roles.0.x')).toBeUndefined()
    expect(claimList(claims, 'roles')).toEqual(['admin', 'ops'])
  })

  it('an issuer that only looks like a provider is not one', () => {
    expect(
      identifyProvider({ iss: 'https://login.microsoftonline.com.evil.example/x/v2.0' }),
    ).toBeUndefined()
    expect(identifyProvider({ iss: `${AUTH0_ISSUER}extra` })).toBeUndefined()
    expect(identifyProvider({ iss: 'https://evil.example/?auth0.com/' })).toBeUndefined()
  })
})

describe('provider lint rules', () => {
  const codes = (t: { token: string }) => decodeToken(t.token).lint.map((f) => f.code)
  it('flags what each provider documents as a mistake', async () => {
    const tokens = await allProviderTokens()
    const by = (id: string) => tokens.find((t) => t.id === id)!
    expect(codes(by('entra-v1'))).toContain('entra_v1_token')
    expect(codes(by('entra-v2'))).not.toContain('entra_v1_token')
    expect(codes(by('cognito-id'))).toContain('cognito_id_token')
    expect(codes(by('cognito-access'))).not.toContain('cognito_id_token')
    expect(codes(by('github-actions'))).not.toContain('github_oidc_no_aud')
  })

  it('at+jwt without client_id, and GitHub OIDC without aud', () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const at = `${part({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${part({ iss: 'https://dev-k7x2m9q4.eu.auth0.com/', sub: 'auth0|1', aud: 'api', exp: 4102444800, iat: 1764800000, jti: 'j', scope: 'read:orders' })}.c2ln`
    expect(decodeToken(at).lint.map((f) => f.code)).toContain('at_jwt_no_client_id')
    const gh = `${part({ alg: 'RS256', typ: 'JWT', kid: 'k' })}.${part({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:contoso-retail/orders-service:ref:refs/heads/main', repository: 'contoso-retail/orders-service', exp: 4102444800, iat: 1764800000 })}.c2ln`
    expect(decodeToken(gh).lint.map((f) => f.code)).toContain('github_oidc_no_aud')
  })
})
