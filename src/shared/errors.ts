/**
 * Error codes and the error class every service throws. Modelled on jose's JOSEError: a stable
 * `code`, `name` = the class name, `cause` kept. jose's own codes pass through unchanged.
 */

/** Codes jose can produce; they cross our boundaries unchanged. */
export const JOSE_CODES = [
  'ERR_JOSE_GENERIC',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWE_INVALID',
  'ERR_JWE_DECRYPTION_FAILED',
  'ERR_JWK_INVALID',
  'ERR_JWKS_INVALID',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWKS_TIMEOUT',
] as const

/** Our own codes, in the same `ERR_` style. */
export const WORKBENCH_CODES = [
  'ERR_INTERNAL',
  'ERR_INVALID_ARGUMENT',
  'ERR_UNKNOWN_METHOD',
  'ERR_UNTRUSTED_SENDER',
  'ERR_UNAUTHORIZED',
  'ERR_FORBIDDEN_HOST',
  'ERR_INPUT_TOO_LARGE',
  'ERR_NO_TOKEN_FOUND',
  'ERR_MULTIPLE_TOKENS',
  'ERR_EXP_BEFORE_IAT',
  'ERR_JWT_MALFORMED',
  'ERR_JWE_NOT_VERIFIED',
  'ERR_NOT_A_JWE',
  'ERR_JWE_UNSUPPORTED',
  'ERR_JWE_RSA1_5_REFUSED',
  'ERR_JWE_NO_KEY',
  'ERR_JWE_INFLATE_LIMIT',
  'ERR_JWE_PBES2_COUNT',
  'ERR_ALG_NOT_AVAILABLE',
  'ERR_KEYCHAIN_UNAVAILABLE',
  'ERR_KEY_NOT_FOUND',
  'ERR_KEY_EXISTS',
  'ERR_KEY_SECRET_MISSING',
  'ERR_INVALID_KEY_NAME',
  'ERR_KEY_VERIFY_ONLY',
  'ERR_KEY_SYMMETRIC',
  'ERR_INVALID_CREDENTIAL_NAME',
  'ERR_INVALID_KEY',
  'ERR_KEY_ALG_MISMATCH',
  'ERR_NO_KEY',
  'ERR_UNSUPPORTED_ALG',
  'ERR_WEAK_SECRET',
  'ERR_INVALID_DURATION',
  'ERR_INVALID_CLAIMS',
  'ERR_FILE_READ',
  'ERR_SETTINGS_CORRUPT',
  'ERR_SETTINGS_BUSY',
  'ERR_SETTINGS_UNSAFE',
  'ERR_KEY_WEAK',
  'ERR_KEY_UNFIT',
  'ERR_JWT_DUPLICATE_MEMBER',
  'ERR_JWT_CLAIMS_INVALID',
  'ERR_JWT_CLAIMS_UNREADABLE',
  'ERR_JWKS_MIXED_KEY_TYPES',
  'ERR_JWKS_DUPLICATE_KID',
  'ERR_CREDENTIAL_NOT_FOUND',
  'ERR_CREDENTIAL_KIND',
  'ERR_NOT_HMAC_TOKEN',
  'ERR_CANCELLED',
  'ERR_JOB_NOT_FOUND',
  'ERR_NOT_BUILT',
  'ERR_NOT_AVAILABLE',
  'ERR_UI_NOT_BUILT',
  'ERR_PORT_IN_USE',
] as const

/**
 * How fetching a remote document can fail; each becomes ERR_JWKS_<FAILURE> for a JWK Set and
 * ERR_DISCOVERY_<FAILURE> for a discovery document (ERR_JWKS_TIMEOUT is also jose's).
 */
export const FETCH_FAILURES = [
  'BAD_URL',
  'INSECURE_URL',
  'DNS',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'TLS',
  'HTTP_STATUS',
  'NOT_JSON',
  'TOO_LARGE',
  'REDIRECT_REFUSED',
  'PROXY',
  'NETWORK',
] as const
export type FetchFailure = (typeof FETCH_FAILURES)[number]
/**
 * The remote documents: a JWK Set, an OpenID Connect / RFC 8414 discovery document, or an
 * OAuth endpoint's answer (token, device authorization, PAR, introspection).
 */
export type RemoteDocument = 'JWKS' | 'DISCOVERY' | 'OAUTH'
export type FetchErrorCode = `ERR_${RemoteDocument}_${FetchFailure}`

/** Codes of the remote-keys service beyond the fetch failures. */
export const REMOTE_CODES = [
  'ERR_DISCOVERY_INVALID',
  'ERR_DISCOVERY_ISSUER_MISMATCH',
  'ERR_DISCOVERY_NO_JWKS_URI',
  'ERR_ISSUER_NOT_TRUSTED',
] as const

/** Codes of the OAuth clients and token flows beyond the fetch failures (ERR_OAUTH_<FAILURE>). */
export const OAUTH_CODES = [
  'ERR_CLIENT_NOT_FOUND',
  'ERR_CLIENT_EXISTS',
  'ERR_CLIENT_SECRET_MISSING',
  'ERR_OAUTH_SERVER_ERROR',
  'ERR_OAUTH_RESPONSE_INVALID',
  'ERR_OAUTH_STATE_MISMATCH',
  'ERR_OAUTH_ID_TOKEN_INVALID',
  'ERR_OAUTH_REDIRECT_URI',
  'ERR_OAUTH_TIMEOUT',
  'ERR_OAUTH_GRANT_UNSUPPORTED',
  'ERR_OAUTH_NO_REFRESH_TOKEN',
  'ERR_OAUTH_DEVICE_EXPIRED',
  'ERR_OAUTH_SIGN_IN_REQUIRED',
] as const

export type JoseErrorCode = (typeof JOSE_CODES)[number]
export type WorkbenchErrorCode =
  (typeof WORKBENCH_CODES)[number] | (typeof REMOTE_CODES)[number] | (typeof OAUTH_CODES)[number]
export type ErrorCode = JoseErrorCode | WorkbenchErrorCode | FetchErrorCode

/** What an error looks like once it has crossed a boundary. */
export interface ErrorPayload {
  code: ErrorCode
  message: string
  details?: unknown
}

/**
 * The error every service throws for a failure a person can cause.
 *
 * @example
 * throw new WorkbenchError('ERR_KEY_NOT_FOUND', 'No key named "prod". Run `jwtw keys list`.')
 */
export class WorkbenchError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    if (options?.details !== undefined) this.details = options.details
  }
}

/** Every error code, in one list (the registry a zod enum and a JSON Schema read). */
export const ERROR_CODES = [
  ...JOSE_CODES,
  ...WORKBENCH_CODES,
  ...REMOTE_CODES,
  ...OAUTH_CODES,
  ...FETCH_FAILURES.flatMap(
    (f) => [`ERR_JWKS_${f}`, `ERR_DISCOVERY_${f}`, `ERR_OAUTH_${f}`] as const,
  ),
] as readonly ErrorCode[]

const KNOWN_CODES = new Set<string>(ERROR_CODES)

/** True when `code` is one of ours or one of jose's. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code)
}

/**
 * Turns anything thrown into the payload that crosses a boundary. Known codes keep their
 * message; anything else becomes ERR_INTERNAL with no stack and no original message (it may
 * hold a token or a secret).
 *
 * @example
 * toErrorPayload(new WorkbenchError('ERR_NO_KEY', 'no key')) // { code: 'ERR_NO_KEY', message: 'no key' }
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof WorkbenchError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details }
  }
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined
  if (error instanceof Error && isErrorCode(code)) return { code, message: error.message }
  return { code: 'ERR_INTERNAL', message: 'Unexpected internal error; nothing was changed.' }
}
