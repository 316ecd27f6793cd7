/**
 * The OAuth names the workbench speaks, without zod: client authentication methods, grants and
 * RFC 8693 token types. The CLI's option declarations read them at start-up, so this module
 * must stay free of schema code (oauth-schemas.ts builds the schemas from it).
 */

/** RFC 6749 §2.3 / OIDC Core §9: how the client proves who it is at the token endpoint. */
export const CLIENT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'none',
] as const
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number]

/**
 * True for the methods that authenticate with a client secret (kept in the keychain).
 *
 * @example
 * usesClientSecret('client_secret_jwt') // true
 * usesClientSecret('private_key_jwt') // false
 */
export function usesClientSecret(method: ClientAuthMethod): boolean {
  return method.startsWith('client_secret_')
}

/** The grants, by their CLI names (RFC 6749, 7636, 8628, 8693, 7523 §2.1). */
export const GRANTS = [
  'code',
  'client-credentials',
  'device',
  'refresh',
  'exchange',
  'jwt-bearer',
] as const
export type Grant = (typeof GRANTS)[number]

/** The grant_type each grant sends. */
export const GRANT_TYPES: Record<Grant, string> = {
  code: 'authorization_code',
  'client-credentials': 'client_credentials',
  device: 'urn:ietf:params:oauth:grant-type:device_code',
  refresh: 'refresh_token',
  exchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
  'jwt-bearer': 'urn:ietf:params:oauth:grant-type:jwt-bearer',
}

/** RFC 8693 §3 token type identifiers. */
export const TOKEN_TYPE_IDS = {
  access_token: 'urn:ietf:params:oauth:token-type:access_token',
  id_token: 'urn:ietf:params:oauth:token-type:id_token',
  refresh_token: 'urn:ietf:params:oauth:token-type:refresh_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
} as const
export type TokenTypeName = keyof typeof TOKEN_TYPE_IDS
