/**
 * The provider registry: for each identity provider whose tokens our users handle, how to
 * recognise its tokens, where its tenant (or realm, project, pool) is, what its own claims mean,
 * where roles, groups and scopes live, and its discovery URL pattern. Data, not code: one entry
 * per provider, each citing the provider's own documentation of its token claims.
 * Decode, Inspect, Scan, lint and `verify --role/--scope` read it here.
 */
import { describeClaim, type ClaimInfo } from './claims'
import { isRecord } from './is-record'

export type ProviderId =
  | 'entra-v2'
  | 'entra-v1'
  | 'auth0'
  | 'okta'
  | 'keycloak'
  | 'cognito'
  | 'google'
  | 'firebase'
  | 'github-actions'
  | 'gitlab-ci'
  | 'kubernetes'
  | 'spiffe'
  | 'spacetimedb'
  | 'local'

export interface Provider {
  id: ProviderId
  name: string
  /** The provider's documentation of its token claims. */
  docs: string
  /** The iss shapes it uses; `tenant` names the capture group holding the tenant. */
  issuer?: RegExp
  /** Recognises a token the issuer alone does not (claim shapes, typ). */
  matches?: (payload: Record<string, unknown>, header: Record<string, unknown>) => boolean
  /** What its tenant is called, and where it is when not in the issuer (a claim path). */
  tenant?: { label: string; claim?: string }
  /**
   * Claim paths where its roles, groups and scopes live (documentation: ROLE_PATHS and
   * SCOPE_PATHS below hold every provider's, and are what --role and --scope search).
   */
  roles?: string[]
  groups?: string[]
  scopes?: string[]
  /** The discovery document URL for an issuer (OIDC providers). */
  discovery?: string
  /** Its own claims. */
  claims: Readonly<Record<string, Omit<ClaimInfo, 'source'>>>
}

/** Claim paths where scopes are, across providers (space-separated strings or arrays). */
export const SCOPE_PATHS = ['scope', 'scp']
/** Claim paths where roles, groups and permissions are, across providers. */
export const ROLE_PATHS = [
  'roles',
  'groups',
  'realm_access.roles',
  'cognito:groups',
  'permissions',
  'wids',
]

/**
 * A required role or scope, looked for wherever providers keep them (`--role`, `--scope` and the
 * Verify view's Role and Scope fields).
 *
 * @example
 * placeRequirement('role', 'admin') // { name: 'role', value: 'admin', paths: ROLE_PATHS }
 */
export function placeRequirement(kind: 'role' | 'scope', value: string) {
  return { name: kind, value, paths: kind === 'role' ? ROLE_PATHS : SCOPE_PATHS }
}

const MS_DOCS =
  'https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference'
const ENTRA_CLAIMS = {
  aio: {
    title: 'Internal',
    description: 'An opaque value Entra ID uses to reuse tokens; ignore it.',
  },
  oid: {
    title: 'Object ID',
    description:
      "The user's (or service principal's) immutable id across the tenant's applications.",
  },
  tid: { title: 'Tenant ID', description: 'The directory (tenant) the user signed in to.' },
  azp: {
    title: 'Client ID',
    description: 'The application id of the client that asked for the token (v2).',
  },
  azpacr: {
    title: 'Client authentication',
    description: '0 public client, 1 client secret, 2 certificate (v2).',
  },
  appid: {
    title: 'Client ID',
    description: 'The application id of the client that asked for the token (v1).',
  },
  appidacr: {
    title: 'Client authentication',
    description: '0 public client, 1 client secret, 2 certificate (v1).',
  },
  scp: { title: 'Scopes', description: 'The delegated permissions granted, space-separated.' },
  roles: {
    title: 'App roles',
    description: 'The application roles assigned to the user or the app.',
  },
  wids: {
    title: 'Directory roles',
    description: 'The tenant-wide roles assigned to the user (role template ids).',
  },
  groups: {
    title: 'Groups',
    description: "The object ids of the user's groups (when the app asks for them).",
  },
  uti: { title: 'Token id', description: 'An internal token identifier.' },
  rh: {
    title: 'Internal',
    description: 'An opaque value Entra ID uses to revalidate tokens; ignore it.',
  },
  ver: {
    title: 'Version',
    description:
      'The token version: 1.0 (sts.windows.net) or 2.0 (login.microsoftonline.com/…/v2.0).',
  },
  idtyp: {
    title: 'Token type',
    description: '"app" for an app-only token (client credentials), "user" otherwise.',
  },
  upn: {
    title: 'User principal name',
    description: 'The sign-in name; can change, never use it as a key (v1).',
  },
  unique_name: { title: 'Display name', description: 'A human-readable name for the user (v1).' },
  ipaddr: { title: 'IP address', description: 'The address the user authenticated from (v1).' },
  xms_cc: {
    title: 'Client capabilities',
    description: 'Capabilities the client declared (cp1: handles claims challenges).',
  },
} satisfies Record<string, Omit<ClaimInfo, 'source'>>

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'entra-v2',
    name: 'Entra ID (v2)',
    docs: MS_DOCS,
    issuer: /^https:\/\/login\.microsoftonline\.(?:com|us|de)\/(?<tenant>[0-9a-f-]{36})\/v2\.0\/?$/,
    tenant: { label: 'tenant', claim: 'tid' },
    roles: ['roles', 'wids'],
    groups: ['groups'],
    scopes: ['scp'],
    discovery: 'https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration',
    claims: ENTRA_CLAIMS,
  },
  {
    id: 'entra-v1',
    name: 'Entra ID (v1)',
    docs: MS_DOCS,
    issuer: /^https:\/\/sts\.windows\.net\/(?<tenant>[0-9a-f-]{36})\/?$/,
    tenant: { label: 'tenant', claim: 'tid' },
    roles: ['roles', 'wids'],
    groups: ['groups'],
    scopes: ['scp'],
    discovery: 'https://login.microsoftonline.com/{tenant}/.well-known/openid-configuration',
    claims: ENTRA_CLAIMS,
  },
  {
    id: 'auth0',
    name: 'Auth0',
    docs: 'https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles',
    issuer: /^https:\/\/(?<tenant>[a-z0-9-]+)(?:\.[a-z]{2})?\.auth0\.com\/$/,
    tenant: { label: 'tenant' },
    roles: ['permissions'],
    scopes: ['scope'],
    discovery: '{issuer}.well-known/openid-configuration',
    claims: {
      azp: { title: 'Client ID', description: 'The application that asked for the token.' },
      gty: {
        title: 'Grant type',
        description: 'How the token was obtained, e.g. client-credentials, password.',
      },
      permissions: {
        title: 'Permissions',
        description: 'The API permissions (RBAC) granted to the user for this audience.',
      },
      org_id: {
        title: 'Organization',
        description: 'The Auth0 organization the user signed in through.',
      },
      org_name: { title: 'Organization name', description: 'The name of that organization.' },
    },
  },
  {
    id: 'okta',
    name: 'Okta',
    docs: 'https://developer.okta.com/docs/api/openapi/okta-oauth/guides/overview/',
    issuer:
      /^https:\/\/(?<tenant>[a-z0-9-]+)\.(?:okta|oktapreview|okta-emea)\.com(?:\/oauth2\/(?<server>[A-Za-z0-9]+))?\/?$/,
    tenant: { label: 'org' },
    groups: ['groups'],
    scopes: ['scp'],
    discovery: '{issuer}/.well-known/openid-configuration',
    claims: {
      cid: { title: 'Client ID', description: 'The client that asked for the access token.' },
      uid: { title: 'User ID', description: "The Okta user's id (access tokens for a user)." },
      scp: { title: 'Scopes', description: 'The scopes granted, as an array.' },
      ver: { title: 'Version', description: 'The token format version (1).' },
      auth_time: {
        title: 'Authentication time',
        description: 'When the user authenticated.',
        time: true,
      },
      idp: {
        title: 'Identity provider',
        description: 'The id of the identity provider the user signed in with.',
      },
      amr: { title: 'Methods', description: 'How the user authenticated (pwd, mfa, ...).' },
    },
  },
  {
    id: 'keycloak',
    name: 'Keycloak',
    docs: 'https://www.keycloak.org/docs/latest/server_admin/index.html#_protocol-mappers',
    issuer: /^https?:\/\/[^/]+(?:\/auth)?\/realms\/(?<tenant>[^/]+)\/?$/,
    tenant: { label: 'realm' },
    roles: ['realm_access.roles', 'resource_access'],
    groups: ['groups'],
    scopes: ['scope'],
    discovery: '{issuer}/.well-known/openid-configuration',
    claims: {
      realm_access: {
        title: 'Realm roles',
        description: 'Roles the user holds in the realm: {"roles": [...]}.',
      },
      resource_access: {
        title: 'Client roles',
        description: 'Roles per client: {"client-id": {"roles": [...]}}.',
      },
      azp: { title: 'Client ID', description: 'The client the token was issued to.' },
      sid: { title: 'Session id', description: "The user's Keycloak session." },
      session_state: {
        title: 'Session state',
        description: "The user's Keycloak session (older versions).",
      },
      typ: { title: 'Token type', description: 'Bearer (access token), ID, Refresh or Logout.' },
      'allowed-origins': {
        title: 'Allowed origins',
        description: 'The web origins allowed to use the token (CORS).',
      },
      acr: {
        title: 'Authentication level',
        description: '1 for a password login, 0 for a remembered one (SSO cookie).',
      },
    },
  },
  {
    id: 'cognito',
    name: 'Amazon Cognito',
    docs: 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html',
    issuer:
      /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/(?<tenant>[a-z0-9-]+_[A-Za-z0-9]+)$/,
    tenant: { label: 'user pool' },
    groups: ['cognito:groups'],
    roles: ['cognito:groups', 'cognito:roles'],
    scopes: ['scope'],
    discovery: '{issuer}/.well-known/openid-configuration',
    claims: {
      token_use: {
        title: 'Token use',
        description: '"access" or "id": an ID token must never be accepted as an access token.',
      },
      'cognito:groups': {
        title: 'Groups',
        description: 'The user pool groups the user belongs to.',
      },
      'cognito:roles': { title: 'IAM roles', description: "The IAM roles of the user's groups." },
      'cognito:username': {
        title: 'Username',
        description: 'The user name in the pool (ID tokens).',
      },
      username: { title: 'Username', description: 'The user name in the pool (access tokens).' },
      client_id: {
        title: 'Client ID',
        description: 'The app client the token was issued to (access tokens).',
      },
      origin_jti: {
        title: 'Origin token id',
        description: 'Ties tokens from one authentication together (revocation).',
      },
      event_id: { title: 'Event id', description: 'The authentication event.' },
      auth_time: {
        title: 'Authentication time',
        description: 'When the user authenticated.',
        time: true,
      },
    },
  },
  {
    id: 'google',
    name: 'Google',
    docs: 'https://developers.google.com/identity/openid-connect/openid-connect#an-id-tokens-payload',
    issuer: /^(?:https:\/\/)?accounts\.google\.com$/,
    tenant: { label: 'domain', claim: 'hd' },
    discovery: 'https://accounts.google.com/.well-known/openid-configuration',
    claims: {
      azp: { title: 'Client ID', description: 'The client that asked for the token.' },
      hd: {
        title: 'Hosted domain',
        description: 'The Google Workspace domain of the user; absent for gmail.com accounts.',
      },
      email_verified: {
        title: 'Email verified',
        description: 'Whether Google verified the email address.',
      },
      at_hash: {
        title: 'Access token hash',
        description: 'Binds the ID token to the access token issued with it.',
      },
      picture: { title: 'Picture', description: "URL of the user's profile picture." },
    },
  },
  {
    id: 'firebase',
    name: 'Firebase Auth',
    docs: 'https://firebase.google.com/docs/auth/admin/verify-id-tokens',
    issuer: /^https:\/\/securetoken\.google\.com\/(?<tenant>[a-z0-9-]+)$/,
    tenant: { label: 'project' },
    discovery: 'https://securetoken.google.com/{tenant}/.well-known/openid-configuration',
    claims: {
      firebase: {
        title: 'Firebase',
        description: 'How the user signed in: sign_in_provider and identities.',
      },
      user_id: { title: 'User ID', description: 'The Firebase user id (same as sub).' },
      auth_time: {
        title: 'Authentication time',
        description: 'When the user authenticated.',
        time: true,
      },
    },
  },
  {
    id: 'github-actions',
    name: 'GitHub Actions OIDC',
    docs: 'https://docs.github.com/en/actions/reference/security/oidc',
    issuer: /^https:\/\/token\.actions\.githubusercontent\.com(?:\/(?<tenant>[^/]+))?$/,
    tenant: { label: 'owner', claim: 'repository_owner' },
    discovery: '{issuer}/.well-known/openid-configuration',
    claims: {
      repository: {
        title: 'Repository',
        description: 'owner/name of the repository the workflow ran in.',
      },
      repository_owner: {
        title: 'Owner',
        description: 'The user or organization owning the repository.',
      },
      ref: { title: 'Git ref', description: 'The branch or tag the workflow ran for.' },
      ref_type: { title: 'Ref type', description: 'branch or tag.' },
      sha: { title: 'Commit', description: 'The commit the workflow ran on.' },
      workflow: { title: 'Workflow', description: 'The name of the workflow.' },
      job_workflow_ref: {
        title: 'Job workflow',
        description: 'The workflow file (and ref) the job came from: pin trust to it.',
      },
      environment: {
        title: 'Environment',
        description: 'The deployment environment, when the job uses one.',
      },
      event_name: {
        title: 'Event',
        description: 'What triggered the workflow (push, pull_request, ...).',
      },
      actor: { title: 'Actor', description: 'Who triggered the run.' },
      run_id: { title: 'Run', description: 'The workflow run id.' },
      runner_environment: { title: 'Runner', description: 'github-hosted or self-hosted.' },
    },
  },
  {
    id: 'gitlab-ci',
    name: 'GitLab CI ID token',
    docs: 'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
    matches: (p) => typeof p['project_path'] === 'string' && typeof p['pipeline_id'] === 'string',
    tenant: { label: 'namespace', claim: 'namespace_path' },
    claims: {
      namespace_path: { title: 'Namespace', description: 'The group or user owning the project.' },
      namespace_id: { title: 'Namespace id', description: 'Its id.' },
      project_path: { title: 'Project', description: 'The project the pipeline ran in.' },
      project_id: { title: 'Project id', description: 'Its id.' },
      pipeline_id: { title: 'Pipeline', description: 'The pipeline id.' },
      pipeline_source: {
        title: 'Pipeline source',
        description: 'What started it (push, merge_request_event, ...).',
      },
      job_id: { title: 'Job', description: 'The job id.' },
      ref: { title: 'Git ref', description: 'The branch or tag.' },
      ref_type: { title: 'Ref type', description: 'branch or tag.' },
      ref_protected: { title: 'Protected ref', description: '"true" when the ref is protected.' },
      user_login: { title: 'User', description: 'Who started the job.' },
      environment: { title: 'Environment', description: 'The deployment environment.' },
    },
  },
  {
    id: 'kubernetes',
    name: 'Kubernetes service account',
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/',
    matches: (p) =>
      isRecord(p['kubernetes.io']) ||
      (typeof p['sub'] === 'string' && p['sub'].startsWith('system:serviceaccount:')),
    tenant: { label: 'namespace', claim: '/kubernetes.io/namespace' },
    claims: {
      'kubernetes.io': {
        title: 'Kubernetes',
        description: 'The namespace, service account and pod (or secret) the token is bound to.',
      },
    },
  },
  {
    id: 'spiffe',
    name: 'SPIFFE JWT-SVID',
    docs: 'https://github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md',
    matches: (p) => typeof p['sub'] === 'string' && p['sub'].startsWith('spiffe://'),
    tenant: { label: 'trust domain' },
    claims: {},
  },
  {
    id: 'spacetimedb',
    name: 'SpacetimeDB',
    docs: 'https://spacetimedb.com/docs/http/authorization',
    matches: (p) => typeof p['hex_identity'] === 'string',
    claims: {
      hex_identity: { title: 'Identity', description: 'The SpacetimeDB identity, hex-encoded.' },
      exp: {
        title: 'Expiration time',
        description:
          'SpacetimeDB issues identity tokens with exp: null: they never expire, so treat them as long-lived credentials.',
      },
    },
  },
  {
    id: 'local',
    name: 'Local issuer (jwtw serve)',
    docs: 'https://github.com/jwt-workbench/jwt-workbench#jwtw-serve',
    issuer: /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/,
    claims: {},
  },
]

/** A token's provider, and its tenant when the provider has one. */
export interface ProviderMatch {
  id: ProviderId
  name: string
  docs: string
  tenant?: { label: string; value: string }
}

/**
 * The provider of a token, from its iss (or claim shapes), with its tenant.
 *
 * @example
 * identifyProvider({ iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/' })
 * // { id: 'entra-v1', name: 'Entra ID (v1)', tenant: { label: 'tenant', value: '72f988bf-…' }, ... }
 */
export function identifyProvider(
  payload: unknown,
  header: unknown = {},
): ProviderMatch | undefined {
  if (!isRecord(payload)) return undefined
  const h = isRecord(header) ? header : {}
  const iss = typeof payload['iss'] === 'string' ? payload['iss'] : undefined
  for (const provider of PROVIDERS) {
    const byIssuer = iss !== undefined && provider.issuer?.exec(iss)
    if (!byIssuer && !provider.matches?.(payload, h)) continue
    const match: ProviderMatch = { id: provider.id, name: provider.name, docs: provider.docs }
    const value = tenantOf(provider, payload, byIssuer ? byIssuer.groups : undefined)
    if (provider.tenant && value) match.tenant = { label: provider.tenant.label, value }
    return match
  }
  return undefined
}

function tenantOf(
  provider: Provider,
  payload: Record<string, unknown>,
  groups: Record<string, string> | undefined,
): string | undefined {
  if (groups?.['tenant']) return groups['tenant']
  if (provider.id === 'spiffe') return /^spiffe:\/\/([^/]+)/.exec(String(payload['sub']))?.[1]
  const claim = provider.tenant?.claim
  if (claim === undefined) return undefined
  const value = claimAt(payload, claim)
  return typeof value === 'string' ? value : undefined
}

/** 'Keycloak · realm shop-production', 'Entra ID (v2) · tenant 72f9…' */
export function providerLabel(match: Pick<ProviderMatch, 'name' | 'tenant'>): string {
  return match.tenant ? `${match.name} · ${match.tenant.label} ${match.tenant.value}` : match.name
}

/**
 * What a claim means in a token of this provider: the provider's own description first (its
 * `scp`, `roles`, `realm_access`), else the registered and common claims'.
 *
 * @example
 * describeTokenClaim('realm_access', 'keycloak')?.title // 'Realm roles'
 */
export function describeTokenClaim(
  name: string,
  providerId: string | undefined,
): (Omit<ClaimInfo, 'source'> & { source: string }) | undefined {
  const provider = PROVIDERS.find((p) => p.id === providerId)
  if (provider && Object.hasOwn(provider.claims, name)) {
    return { ...provider.claims[name]!, source: provider.name }
  }
  return describeClaim(name)
}

/**
 * The value at a claim path: the exact claim name first (names hold dots and colons:
 * `cognito:groups`, `https://example.com/roles`), else a dotted path into nested objects, or a
 * JSON pointer (RFC 6901) when it starts with `/`.
 *
 * @example
 * claimAt({ realm_access: { roles: ['admin'] } }, 'realm_access.roles') // ['admin']
 * claimAt({ 'https://x.example/roles': ['a'] }, '/https:~1~1x.example~1roles') // ['a']
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path]
  const steps = path.startsWith('/')
    ? path
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : path.split('.')
  let value: unknown = claims
  for (const step of steps) {
    if (!isRecord(value) || !Object.hasOwn(value, step)) return undefined
    value = value[step]
  }
  return value
}

/**
 * The roles, groups or scopes a token carries, wherever its provider (or any provider) keeps
 * them: arrays flattened, space-separated scope strings split, Keycloak's per-client roles
 * prefixed with the client.
 */
export function claimList(claims: Record<string, unknown>, kind: 'roles' | 'scopes'): string[] {
  const paths = kind === 'scopes' ? SCOPE_PATHS : [...ROLE_PATHS, 'resource_access']
  const found: string[] = []
  for (const path of paths) {
    const value = claimAt(claims, path)
    if (path === 'resource_access' && isRecord(value)) {
      for (const [client, access] of Object.entries(value)) {
        const roles = isRecord(access) ? access['roles'] : undefined
        if (Array.isArray(roles)) found.push(...roles.map((r) => `${client}:${String(r)}`))
      }
    } else if (Array.isArray(value)) found.push(...value.map(String))
    else if (typeof value === 'string') found.push(...value.split(/\s+/).filter(Boolean))
  }
  return [...new Set(found)]
}
