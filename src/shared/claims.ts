/**
 * What registered and common claims mean (RFC 7519, OIDC Core, RFC 8693, RFC 9068 and
 * widespread conventions), for the renderer's claim table and the CLI's output.
 */

export interface ClaimInfo {
  /** Short human name. */
  title: string
  /** Where it is defined. */
  source: string
  description: string
  /** Seconds since the epoch: show as a date. */
  time?: boolean
}

const RFC7519 = 'RFC 7519'
const OIDC = 'OIDC Core'
const RFC8693 = 'RFC 8693'
const RFC9068 = 'RFC 9068'
const COMMON = 'common practice'

/**
 * Claim name -> description.
 *
 * @example
 * CLAIMS.exp.title // 'Expiration time'
 */
export const CLAIMS: Readonly<Record<string, ClaimInfo>> = {
  iss: {
    title: 'Issuer',
    source: RFC7519,
    description: 'Who issued the token (often the identity provider URL).',
  },
  sub: {
    title: 'Subject',
    source: RFC7519,
    description: 'Who the token is about: a user or client identifier, unique within the issuer.',
  },
  aud: {
    title: 'Audience',
    source: RFC7519,
    description: 'Who the token is meant for; a recipient must reject a token not addressed to it.',
  },
  exp: {
    title: 'Expiration time',
    source: RFC7519,
    description: 'The token must not be accepted on or after this time.',
    time: true,
  },
  nbf: {
    title: 'Not before',
    source: RFC7519,
    description: 'The token must not be accepted before this time.',
    time: true,
  },
  iat: {
    title: 'Issued at',
    source: RFC7519,
    description: 'When the token was issued.',
    time: true,
  },
  jti: {
    title: 'JWT ID',
    source: RFC7519,
    description: 'Unique identifier of this token, used to prevent replay.',
  },
  auth_time: {
    title: 'Authentication time',
    source: OIDC,
    description: 'When the user last actively authenticated.',
    time: true,
  },
  updated_at: {
    title: 'Profile updated at',
    source: OIDC,
    description: 'When the user profile was last updated.',
    time: true,
  },
  nonce: {
    title: 'Nonce',
    source: OIDC,
    description:
      'Value from the authentication request, binding the ID token to the client session.',
  },
  acr: {
    title: 'Authentication context class',
    source: OIDC,
    description: 'The assurance level of the authentication that was performed.',
  },
  amr: {
    title: 'Authentication methods',
    source: OIDC,
    description: 'Methods used to authenticate (e.g. pwd, otp, mfa).',
  },
  azp: {
    title: 'Authorized party',
    source: OIDC,
    description: 'The client the ID token was issued to.',
  },
  at_hash: {
    title: 'Access token hash',
    source: OIDC,
    description: 'Half of the hash of the access token issued with this ID token.',
  },
  c_hash: {
    title: 'Code hash',
    source: OIDC,
    description: 'Half of the hash of the authorization code issued with this ID token.',
  },
  sid: {
    title: 'Session ID',
    source: 'OIDC Front-Channel Logout',
    description: 'Identifier of the user session at the issuer.',
  },
  name: { title: 'Full name', source: OIDC, description: "The user's full name for display." },
  given_name: { title: 'Given name', source: OIDC, description: 'First name(s) of the user.' },
  family_name: { title: 'Family name', source: OIDC, description: 'Surname(s) of the user.' },
  middle_name: { title: 'Middle name', source: OIDC, description: 'Middle name(s) of the user.' },
  nickname: { title: 'Nickname', source: OIDC, description: 'Casual name of the user.' },
  preferred_username: {
    title: 'Preferred username',
    source: OIDC,
    description: 'Shorthand name the user wishes to be referred to by; not guaranteed unique.',
  },
  profile: { title: 'Profile URL', source: OIDC, description: "URL of the user's profile page." },
  picture: {
    title: 'Picture URL',
    source: OIDC,
    description: "URL of the user's profile picture.",
  },
  website: { title: 'Website', source: OIDC, description: "URL of the user's web page or blog." },
  email: { title: 'Email', source: OIDC, description: "The user's email address (personal data)." },
  email_verified: {
    title: 'Email verified',
    source: OIDC,
    description: 'True when the issuer has verified the email address.',
  },
  gender: { title: 'Gender', source: OIDC, description: "The user's gender (personal data)." },
  birthdate: {
    title: 'Birthdate',
    source: OIDC,
    description: "The user's birthday, YYYY-MM-DD (personal data).",
  },
  zoneinfo: {
    title: 'Time zone',
    source: OIDC,
    description: "The user's time zone, e.g. Europe/Paris.",
  },
  locale: { title: 'Locale', source: OIDC, description: "The user's locale, e.g. en-US." },
  phone_number: {
    title: 'Phone number',
    source: OIDC,
    description: "The user's phone number (personal data).",
  },
  phone_number_verified: {
    title: 'Phone verified',
    source: OIDC,
    description: 'True when the issuer has verified the phone number.',
  },
  address: {
    title: 'Address',
    source: OIDC,
    description: "The user's postal address (personal data).",
  },
  act: {
    title: 'Actor',
    source: RFC8693,
    description: 'The party acting on behalf of the subject (delegation, token exchange).',
  },
  may_act: {
    title: 'May act',
    source: RFC8693,
    description: 'Who is allowed to act on behalf of the subject.',
  },
  scope: {
    title: 'Scope',
    source: `${RFC8693} / ${RFC9068}`,
    description: 'Space-separated list of scopes the token grants.',
  },
  scp: {
    title: 'Scopes',
    source: COMMON,
    description: 'Scopes granted (array or space-separated string; Azure AD, Okta).',
  },
  client_id: {
    title: 'Client ID',
    source: `${RFC8693} / ${RFC9068}`,
    description: 'The OAuth client the token was issued to.',
  },
  cnf: {
    title: 'Confirmation',
    source: 'RFC 7800',
    description: 'Proof-of-possession key the presenter must hold.',
  },
  roles: {
    title: 'Roles',
    source: RFC9068,
    description: 'Roles of the subject (RFC 7643 attribute).',
  },
  groups: { title: 'Groups', source: RFC9068, description: 'Groups the subject belongs to.' },
  entitlements: {
    title: 'Entitlements',
    source: RFC9068,
    description: 'Entitlements of the subject.',
  },
  role: {
    title: 'Role',
    source: COMMON,
    description: 'Application role of the subject (e.g. admin, user).',
  },
  permissions: {
    title: 'Permissions',
    source: COMMON,
    description: 'Fine-grained permissions granted (Auth0 RBAC).',
  },
  tenant_id: {
    title: 'Tenant ID',
    source: COMMON,
    description: 'The tenant (customer account) the subject belongs to.',
  },
  tid: {
    title: 'Tenant ID',
    source: 'Azure AD',
    description: 'The Azure AD tenant the user signed in to.',
  },
  oid: {
    title: 'Object ID',
    source: 'Azure AD',
    description: 'Immutable identifier of the user in Azure AD.',
  },
  org_id: {
    title: 'Organization ID',
    source: COMMON,
    description: 'The organization the subject acts for.',
  },
  organization_ids: {
    title: 'Organization IDs',
    source: COMMON,
    description: 'Organizations the subject belongs to.',
  },
  org_role: {
    title: 'Organization role',
    source: COMMON,
    description: "The subject's role within the organization.",
  },
  session_state: {
    title: 'Session state',
    source: 'OIDC Session Management',
    description: 'Opaque session state at the issuer.',
  },
  typ: {
    title: 'Token type',
    source: COMMON,
    description: 'Kind of token in the payload (Keycloak: Bearer, ID, Refresh).',
  },
  hex_identity: {
    title: 'Identity',
    source: 'SpacetimeDB',
    description: 'The SpacetimeDB identity, hex-encoded.',
  },
}

/** The description of `name`, if it is a known claim. */
export function describeClaim(name: string): ClaimInfo | undefined {
  return Object.prototype.hasOwnProperty.call(CLAIMS, name) ? CLAIMS[name] : undefined
}
