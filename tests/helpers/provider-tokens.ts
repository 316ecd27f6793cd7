/**
 * Realistic tokens of every provider the workbench knows, built here with the claim shapes of
 * the providers' own documentation (real claim names, tenant ids, realistic kids and lengths)
 * and signed with real keys. Unit, CLI and e2e tests and the README's screenshots use them.
 *
 * Shapes from: Microsoft identity platform access/ID token claims reference; Auth0 "Access
 * Token Profiles" and "ID Token Structure"; Okta "Tokens" reference; Keycloak server admin guide
 * (token mappers); Amazon Cognito "Understanding user pool JSON web tokens"; Google "OpenID
 * Connect" (ID token); Firebase "Verify ID tokens"; GitHub Actions "OpenID Connect reference";
 * GitLab "CI/CD ID token" reference; Kubernetes "Service account tokens" (bound tokens);
 * SPIFFE JWT-SVID standard; SpacetimeDB identity tokens (exp null).
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { exportJWK, SignJWT, type JWK, type JWTPayload } from 'jose'

export type ProviderId =
  | 'entra-v1'
  | 'entra-v2'
  | 'entra-id-token'
  | 'auth0-access'
  | 'auth0-id'
  | 'okta-access'
  | 'keycloak'
  | 'cognito-id'
  | 'cognito-access'
  | 'google-id'
  | 'firebase'
  | 'github-actions'
  | 'gitlab-ci'
  | 'kubernetes'
  | 'spiffe'
  | 'spacetimedb'

export interface ProviderToken {
  id: ProviderId
  /** How the workbench names it ("Keycloak · realm shop"). */
  provider: string
  token: string
  header: Record<string, unknown>
  claims: Record<string, unknown>
  /** The issuer's public keys (kid, alg, use), as its JWKS publishes them. */
  jwks: { keys: JWK[] }
  /** The signing key, for tests that mint variants. */
  privateKey: KeyObject
  alg: 'RS256' | 'ES256'
  kid: string
}

export const ENTRA_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47'
export const KEYCLOAK_ISSUER = 'https://sso.internal.example-retail.com/realms/shop-production'
export const COGNITO_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123'
export const AUTH0_ISSUER = 'https://dev-k7x2m9q4.eu.auth0.com/'
export const OKTA_ISSUER = 'https://dev-83920417.okta.com/oauth2/default'

let rsa: KeyObject | undefined
let ec: KeyObject | undefined
const rsaKey = () => (rsa ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)
const ecKey = () => (ec ??= generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)

const b64u = (bytes: number) => randomBytes(bytes).toString('base64url')
const hex = (bytes: number) => randomBytes(bytes).toString('hex')
const uuid = () => crypto.randomUUID()

interface Shape {
  provider: string
  alg?: 'RS256' | 'ES256'
  kid: string
  header?: Record<string, unknown>
  claims: (t: number) => Record<string, unknown>
}

const SHAPES: Record<ProviderId, Shape> = {
  'entra-v1': {
    provider: `Entra ID · tenant ${ENTRA_TENANT.slice(0, 8)}…`,
    kid: 'nOo3ZDrODXEK1jKWhXslHR_KXEg',
    header: { typ: 'JWT', x5t: 'nOo3ZDrODXEK1jKWhXslHR_KXEg' },
    claims: (t) => ({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${ENTRA_TENANT}/`,
      iat: t - 300,
      nbf: t - 300,
      exp: t + 4500,
      acr: '1',
      aio: `AVQAq/8W${b64u(60)}`,
      amr: ['pwd', 'mfa'],
      app_displayname: 'Contoso Orders Portal',
      appid: '0f3c9d2e-6b7a-4c1d-9e8f-123456789abc',
      appidacr: '0',
      family_name: 'Lindqvist',
      given_name: 'Astrid',
      idtyp: 'user',
      ipaddr: '203.0.113.42',
      name: 'Astrid Lindqvist',
      oid: '6f9c0e1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
      platf: '3',
      puid: '10032001A5B3C4D5',
      rh: `0.AR8Av4j5cvGGr0GRqy180BHbR${b64u(40)}.`,
      scp: 'openid profile email User.Read Mail.Read Calendars.ReadWrite',
      sub: `l3_roISQU222bULS9yi2k0XpqpOiMz5H3ZACo1GeXA`,
      tenant_region_scope: 'EU',
      tid: ENTRA_TENANT,
      unique_name: 'astrid.lindqvist@contoso-retail.example',
      upn: 'astrid.lindqvist@contoso-retail.example',
      uti: b64u(16),
      ver: '1.0',
      wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
      xms_st: { sub: b64u(32) },
      xms_tcdt: 1289241547,
    }),
  },
  'entra-v2': {
    provider: `Entra ID · tenant ${ENTRA_TENANT.slice(0, 8)}…`,
    kid: 'L1KfKFI_jnXbwWc22xZxw1sUHH0',
    header: { typ: 'JWT' },
    claims: (t) => ({
      aud: 'api://orders-api-6c1f8e0b',
      iss: `https://login.microsoftonline.com/${ENTRA_TENANT}/v2.0`,
      iat: t - 120,
      nbf: t - 120,
      exp: t + 3480,
      aio: `AWQAm/8W${b64u(48)}`,
      azp: '0f3c9d2e-6b7a-4c1d-9e8f-123456789abc',
      azpacr: '0',
      name: 'Astrid Lindqvist',
      oid: '6f9c0e1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
      preferred_username: 'astrid.lindqvist@contoso-retail.example',
      rh: `1.AR8Av4j5cvGGr0GRqy180BHbR${b64u(40)}.`,
      roles: ['Orders.Read.All', 'Orders.Approve', 'Reports.Export'],
      scp: 'Orders.Read Orders.Write',
      sub: 'aXJ8uPF7Kx1t0sQd3L0t9Dd9pQeV2q8Gm3C6yTtZqWw',
      tid: ENTRA_TENANT,
      uti: b64u(16),
      ver: '2.0',
    }),
  },
  'entra-id-token': {
    provider: `Entra ID · tenant ${ENTRA_TENANT.slice(0, 8)}…`,
    kid: 'L1KfKFI_jnXbwWc22xZxw1sUHH0',
    header: { typ: 'JWT' },
    claims: (t) => ({
      aud: '0f3c9d2e-6b7a-4c1d-9e8f-123456789abc',
      iss: `https://login.microsoftonline.com/${ENTRA_TENANT}/v2.0`,
      iat: t - 60,
      nbf: t - 60,
      exp: t + 3540,
      email: 'astrid.lindqvist@contoso-retail.example',
      name: 'Astrid Lindqvist',
      nonce: 'f3a1c8e2b7d94e0a',
      oid: '6f9c0e1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
      preferred_username: 'astrid.lindqvist@contoso-retail.example',
      rh: `0.AR8Av4j5cvGGr0GRqy180BHbR${b64u(40)}.`,
      sub: 'aXJ8uPF7Kx1t0sQd3L0t9Dd9pQeV2q8Gm3C6yTtZqWw',
      tid: ENTRA_TENANT,
      uti: b64u(16),
      ver: '2.0',
    }),
  },
  'auth0-access': {
    provider: 'Auth0 · tenant dev-k7x2m9q4',
    kid: 'NjVBRjY5MDlCMUIwNzU4RTA2QzZFMDQ4QzQ2MDAyQjVDNjk1RTM2Qg',
    header: { typ: 'at+jwt' },
    claims: (t) => ({
      iss: AUTH0_ISSUER,
      sub: 'auth0|64f1a2b3c4d5e6f708192a3b',
      aud: ['https://api.orders.example-retail.com', `${AUTH0_ISSUER}userinfo`],
      iat: t - 30,
      exp: t + 86370,
      scope: 'openid profile email read:orders write:orders offline_access',
      jti: uuid(),
      client_id: 'Xq7pR2mK9sT4vW1yZ8aB3cD6eF0gH5jL',
      azp: 'Xq7pR2mK9sT4vW1yZ8aB3cD6eF0gH5jL',
      permissions: ['read:orders', 'write:orders', 'read:invoices'],
      'https://orders.example-retail.com/roles': ['store-manager', 'approver'],
      'https://orders.example-retail.com/store_id': 'stockholm-sodermalm-014',
    }),
  },
  'auth0-id': {
    provider: 'Auth0 · tenant dev-k7x2m9q4',
    kid: 'NjVBRjY5MDlCMUIwNzU4RTA2QzZFMDQ4QzQ2MDAyQjVDNjk1RTM2Qg',
    claims: (t) => ({
      given_name: 'Astrid',
      family_name: 'Lindqvist',
      nickname: 'astrid.lindqvist',
      name: 'Astrid Lindqvist',
      picture:
        'https://s.gravatar.com/avatar/2d1b5a6c7e8f90a1b2c3d4e5f6a7b8c9?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fal.png',
      locale: 'sv',
      updated_at: new Date((t - 86400) * 1000).toISOString(),
      email: 'astrid.lindqvist@contoso-retail.example',
      email_verified: true,
      iss: AUTH0_ISSUER,
      aud: 'Xq7pR2mK9sT4vW1yZ8aB3cD6eF0gH5jL',
      sub: 'auth0|64f1a2b3c4d5e6f708192a3b',
      iat: t - 30,
      exp: t + 35970,
      sid: `${b64u(24)}`,
      nonce: 'bXV0YWJsZS1ub25jZS0xMjM0',
    }),
  },
  'okta-access': {
    provider: 'Okta · authorization server default',
    kid: 'aTZ6mVz0t3-CcI1y9u1fVwqvKz4rgY5nE2JX8hQsHm4',
    claims: (t) => ({
      ver: 1,
      jti: `AT.${b64u(32)}`,
      iss: OKTA_ISSUER,
      aud: 'api://default',
      iat: t - 90,
      exp: t + 3510,
      cid: '0oa9x2k7m4LqZ8rT5d7',
      uid: '00u1a2b3c4D5e6F7g8h9',
      scp: ['openid', 'profile', 'email', 'orders.read'],
      auth_time: t - 95,
      sub: 'astrid.lindqvist@contoso-retail.example',
      groups: ['Everyone', 'Store Managers', 'Orders Approvers'],
    }),
  },
  keycloak: {
    provider: 'Keycloak · realm shop-production',
    kid: 'Wzq8c9vB7dTmI3xJ1k5yH0gF2eD4cB6aZ9yX8wV7uT6',
    header: { typ: 'JWT' },
    claims: (t) => ({
      exp: t + 300,
      iat: t - 60,
      auth_time: t - 65,
      jti: `onrtac:${uuid()}`,
      iss: KEYCLOAK_ISSUER,
      aud: ['orders-api', 'account'],
      sub: 'f3e2d1c0-b9a8-4765-8432-10fedcba9876',
      typ: 'Bearer',
      azp: 'storefront-web',
      sid: uuid(),
      acr: '1',
      'allowed-origins': ['https://shop.example-retail.com'],
      realm_access: {
        roles: ['offline_access', 'uma_authorization', 'default-roles-shop-production', 'admin'],
      },
      resource_access: {
        'orders-api': { roles: ['orders:read', 'orders:approve'] },
        account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] },
      },
      scope: 'openid email profile read:orders',
      email_verified: true,
      name: 'Astrid Lindqvist',
      preferred_username: 'astrid.lindqvist',
      given_name: 'Astrid',
      family_name: 'Lindqvist',
      email: 'astrid.lindqvist@contoso-retail.example',
    }),
  },
  'cognito-id': {
    provider: 'Amazon Cognito · user pool eu-west-1_AbCdEf123',
    // Cognito kids are standard base64: they can hold "/", "+" and "=".
    kid: 'Ukz6d/n7Xy1Q2r3S4t5U6v7W8x9Y0zAbCdEfGhIjKlM=',
    claims: (t) => ({
      sub: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      'cognito:groups': ['store-managers', 'eu-west-1_AbCdEf123_Google'],
      email_verified: true,
      iss: COGNITO_ISSUER,
      'cognito:username': 'google_104478329483729384721',
      origin_jti: uuid(),
      aud: '3n4b5urk1ft4fl3mg5e62d9ado',
      identities: [
        {
          userId: '104478329483729384721',
          providerName: 'Google',
          providerType: 'Google',
          issuer: null,
          primary: 'true',
          dateCreated: '1699881234567',
        },
      ],
      token_use: 'id',
      auth_time: t - 20,
      exp: t + 3580,
      iat: t - 20,
      jti: uuid(),
      email: 'astrid.lindqvist@contoso-retail.example',
    }),
  },
  'cognito-access': {
    provider: 'Amazon Cognito · user pool eu-west-1_AbCdEf123',
    kid: 'Ukz6d/n7Xy1Q2r3S4t5U6v7W8x9Y0zAbCdEfGhIjKlM=',
    claims: (t) => ({
      sub: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      'cognito:groups': ['store-managers'],
      iss: COGNITO_ISSUER,
      version: 2,
      client_id: '3n4b5urk1ft4fl3mg5e62d9ado',
      origin_jti: uuid(),
      event_id: uuid(),
      token_use: 'access',
      scope: 'openid email orders/read orders/write',
      auth_time: t - 20,
      exp: t + 3580,
      iat: t - 20,
      jti: uuid(),
      username: 'google_104478329483729384721',
    }),
  },
  'google-id': {
    provider: 'Google',
    kid: 'a50f6e70ef4b548a5fd9142eecd1fb8f54dce9ee',
    header: { typ: 'JWT' },
    claims: (t) => ({
      iss: 'https://accounts.google.com',
      azp: '407408718192-5kc1q8b8v9n3u5l7ahq0tbhnn7c4i1vq.apps.googleusercontent.com',
      aud: '407408718192-5kc1q8b8v9n3u5l7ahq0tbhnn7c4i1vq.apps.googleusercontent.com',
      sub: '104478329483729384721',
      hd: 'contoso-retail.example',
      email: 'astrid.lindqvist@contoso-retail.example',
      email_verified: true,
      at_hash: b64u(16),
      nonce: '0394852-3190485-2490358',
      name: 'Astrid Lindqvist',
      picture:
        'https://lh3.googleusercontent.com/a/ACg8ocK9x2H4jL7mN1pQ3rS5tU7vW9xY1zA3bC5dE7fG9hI=s96-c',
      given_name: 'Astrid',
      family_name: 'Lindqvist',
      iat: t - 10,
      exp: t + 3590,
    }),
  },
  firebase: {
    provider: 'Firebase Auth · project orders-prod-4f2a1',
    kid: '8d0f5e1c9a4b3e2d7f6a5c4b3a2918f7e6d5c4b3',
    header: { typ: 'JWT' },
    claims: (t) => ({
      name: 'Astrid Lindqvist',
      picture:
        'https://lh3.googleusercontent.com/a/ACg8ocK9x2H4jL7mN1pQ3rS5tU7vW9xY1zA3bC5dE7fG9hI=s96-c',
      iss: 'https://securetoken.google.com/orders-prod-4f2a1',
      aud: 'orders-prod-4f2a1',
      auth_time: t - 400,
      user_id: 'Zq3xR8tY1uI5oP7aS9dF2gH4jK6l',
      sub: 'Zq3xR8tY1uI5oP7aS9dF2gH4jK6l',
      iat: t - 100,
      exp: t + 3500,
      email: 'astrid.lindqvist@contoso-retail.example',
      email_verified: true,
      firebase: {
        identities: {
          'google.com': ['104478329483729384721'],
          email: ['astrid.lindqvist@contoso-retail.example'],
        },
        sign_in_provider: 'google.com',
      },
    }),
  },
  'github-actions': {
    provider: 'GitHub Actions · contoso-retail/orders-service',
    kid: 'cc413527-173f-5a05-976e-9c52b1d7b431',
    header: { typ: 'JWT', x5t: 'ykNaY4qM_ta4k2TgZOCEYLkcYlA' },
    claims: (t) => ({
      jti: uuid(),
      sub: 'repo:contoso-retail/orders-service:environment:production',
      aud: 'sts.amazonaws.com',
      ref: 'refs/heads/main',
      sha: hex(20),
      repository: 'contoso-retail/orders-service',
      repository_owner: 'contoso-retail',
      repository_owner_id: '81234567',
      run_id: '9876543210',
      run_number: '412',
      run_attempt: '1',
      repository_visibility: 'private',
      repository_id: '712345678',
      actor_id: '1234567',
      actor: 'astrid-lindqvist',
      workflow: 'Deploy to production',
      head_ref: '',
      base_ref: '',
      event_name: 'push',
      ref_protected: 'true',
      ref_type: 'branch',
      workflow_ref: 'contoso-retail/orders-service/.github/workflows/deploy.yml@refs/heads/main',
      workflow_sha: hex(20),
      job_workflow_ref:
        'contoso-retail/orders-service/.github/workflows/deploy.yml@refs/heads/main',
      job_workflow_sha: hex(20),
      runner_environment: 'github-hosted',
      environment: 'production',
      iss: 'https://token.actions.githubusercontent.com',
      nbf: t - 20,
      exp: t + 280,
      iat: t - 20,
    }),
  },
  'gitlab-ci': {
    provider: 'GitLab CI · group contoso-retail',
    kid: '4i3sFE7sxqNPOT7FdvcGA1ZVGGI_r-tsDXnEuYT4ZqE',
    header: { typ: 'JWT' },
    claims: (t) => ({
      namespace_id: '72',
      namespace_path: 'contoso-retail',
      project_id: '20',
      project_path: 'contoso-retail/orders-service',
      user_id: '5',
      user_login: 'astrid.lindqvist',
      user_email: 'astrid.lindqvist@contoso-retail.example',
      user_access_level: 'maintainer',
      pipeline_id: '1212',
      pipeline_source: 'push',
      job_id: '1212',
      ref: 'main',
      ref_type: 'branch',
      ref_path: 'refs/heads/main',
      ref_protected: 'true',
      environment: 'production',
      environment_protected: 'true',
      deployment_tier: 'production',
      runner_id: 1,
      runner_environment: 'gitlab-hosted',
      sha: hex(20),
      project_visibility: 'private',
      ci_config_ref_uri: 'gitlab.com/contoso-retail/orders-service//.gitlab-ci.yml@refs/heads/main',
      ci_config_sha: hex(20),
      jti: uuid(),
      iss: 'https://gitlab.com',
      iat: t - 5,
      nbf: t - 10,
      exp: t + 3595,
      sub: 'project_path:contoso-retail/orders-service:ref_type:branch:ref:main',
      aud: 'https://vault.internal.example-retail.com',
    }),
  },
  kubernetes: {
    provider: 'Kubernetes · namespace orders',
    kid: 'v4Xq0bLkT2mZ8pN6rS1tU3wY5aC7eG9iK0mO2qR4sT6',
    claims: (t) => ({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: t + 3600,
      iat: t,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: uuid(),
      'kubernetes.io': {
        namespace: 'orders',
        node: { name: 'ip-10-0-42-17.eu-west-1.compute.internal', uid: uuid() },
        pod: { name: 'orders-api-7d9f8b6c5-x2k4p', uid: uuid() },
        serviceaccount: { name: 'orders-api', uid: uuid() },
        warnafter: t + 3000,
      },
      nbf: t,
      sub: 'system:serviceaccount:orders:orders-api',
    }),
  },
  spiffe: {
    provider: 'SPIFFE · trust domain prod.example-retail.com',
    alg: 'ES256',
    kid: 'qX3kVv0P4JXQb2SrRFo0n4kL5eCk0Ymt',
    header: { typ: 'JWT' },
    claims: (t) => ({
      sub: 'spiffe://prod.example-retail.com/ns/orders/sa/orders-api',
      aud: ['spiffe://prod.example-retail.com/ns/payments/sa/payments-api'],
      exp: t + 300,
      iat: t,
    }),
  },
  spacetimedb: {
    provider: 'SpacetimeDB',
    alg: 'ES256',
    kid: 'spacetimedb-local-2026',
    claims: (t) => ({
      hex_identity: `c200${hex(30)}`,
      sub: uuid(),
      iss: 'localhost',
      aud: ['spacetimedb'],
      iat: t,
      exp: null,
    }),
  },
}

export const PROVIDER_IDS = Object.keys(SHAPES) as ProviderId[]

/** One provider's token, signed now (or at `at`, epoch seconds). */
export async function providerToken(id: ProviderId, at?: number): Promise<ProviderToken> {
  const shape = SHAPES[id]
  const alg = shape.alg ?? 'RS256'
  const privateKey = alg === 'RS256' ? rsaKey() : ecKey()
  const header = { alg, kid: shape.kid, ...shape.header }
  const claims = shape.claims(at ?? Math.floor(Date.now() / 1000))
  const token = await new SignJWT(claims as JWTPayload).setProtectedHeader(header).sign(privateKey)
  const publicJwk = await exportJWK(privateKey)
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) delete publicJwk[member]
  return {
    id,
    provider: shape.provider,
    token,
    header,
    claims,
    jwks: { keys: [{ ...publicJwk, kid: shape.kid, alg, use: 'sig' }] },
    privateKey,
    alg,
    kid: shape.kid,
  }
}

/** Every provider's token. */
export async function allProviderTokens(at?: number): Promise<ProviderToken[]> {
  return Promise.all(PROVIDER_IDS.map((id) => providerToken(id, at)))
}
