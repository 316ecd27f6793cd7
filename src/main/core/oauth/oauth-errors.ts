/**
 * openid-client's and oauth4webapi's errors as ours: the server's own error and
 * error_description are shown (RFC 6749 §5.2), a failure of our fetch keeps its ERR_OAUTH_*
 * code, and every other failure gets the code of what went wrong (state, ID token, answer).
 */
import { ClientError } from 'openid-client'
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'

/** `where`: what was asked ("the token endpoint", "discovery of https://..."). */
export function oauthError(error: unknown, where: string): WorkbenchError {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as Error).cause, depth++) {
    if (e instanceof WorkbenchError) return e
  }
  const code = (error as { code?: unknown }).code
  const message = clip(innermostMessage(error), 300)
  // A 401 with WWW-Authenticate carries the error in the challenge (RFC 6750 §3).
  const challenge = error as {
    code?: unknown
    cause?: Array<{ parameters?: Record<string, string> }>
  }
  const fromChallenge =
    code === 'OAUTH_WWW_AUTHENTICATE_CHALLENGE' && Array.isArray(challenge.cause)
      ? challenge.cause[0]?.parameters
      : undefined
  const source = (fromChallenge?.['error'] ? fromChallenge : error) as {
    error?: unknown
    error_description?: unknown
  }
  const serverError = source.error
  if (typeof serverError === 'string') {
    const description = source.error_description
    const status = (error as { status?: unknown }).status
    return new WorkbenchError(
      'ERR_OAUTH_SERVER_ERROR',
      `${where} answered ${clip(serverError, 100)}${typeof description === 'string' ? `: ${clip(description, 500)}` : ''}${hint(serverError)}`,
      {
        details: {
          error: clip(serverError, 100),
          ...(typeof description === 'string' ? { error_description: clip(description, 500) } : {}),
          ...(typeof status === 'number' ? { status } : {}),
        },
      },
    )
  }
  switch (code) {
    case 'OAUTH_WWW_AUTHENTICATE_CHALLENGE':
      return new WorkbenchError(
        'ERR_OAUTH_SERVER_ERROR',
        `${where} refused the request: ${message}.`,
      )
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
    case 'OAUTH_INVALID_RESPONSE':
      if (/"state"/.test(message)) {
        return new WorkbenchError(
          'ERR_OAUTH_STATE_MISMATCH',
          'The answer in the browser does not carry the state this sign-in sent: it is not the answer to this request (a stale tab, or a forged redirect). Nothing was exchanged; run the sign-in again.',
        )
      }
      return new WorkbenchError('ERR_OAUTH_RESPONSE_INVALID', `${where}: ${message}.`)
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return new WorkbenchError(
        'ERR_OAUTH_ID_TOKEN_INVALID',
        `The ID token failed its checks (OpenID Connect Core §3.1.3.7): ${message}. It was not accepted.`,
      )
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_PARSE_ERROR':
      return new WorkbenchError('ERR_OAUTH_NOT_JSON', `${where} did not answer with JSON.`)
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM': {
      const status = (error as { cause?: { status?: unknown } }).cause?.status
      return new WorkbenchError(
        'ERR_OAUTH_HTTP_STATUS',
        `${where} answered HTTP ${typeof status === 'number' ? status : '(unexpected)'} with no OAuth error: check the issuer URL and the endpoint.`,
      )
    }
    case 'OAUTH_MISSING_SERVER_METADATA':
    case 'OAUTH_UNSUPPORTED_OPERATION':
      return new WorkbenchError(
        'ERR_OAUTH_GRANT_UNSUPPORTED',
        `The server does not offer this: ${message} (its discovery document names no such endpoint).`,
      )
  }
  if (error instanceof ClientError || error instanceof TypeError) {
    return new WorkbenchError('ERR_OAUTH_RESPONSE_INVALID', `${where}: ${message}.`)
  }
  return new WorkbenchError('ERR_OAUTH_RESPONSE_INVALID', `${where} failed: ${message}.`)
}

/** openid-client wraps oauth4webapi's error ("invalid response encountered"): the inner one says what. */
function innermostMessage(error: unknown): string {
  let message = String((error as Error)?.message ?? error)
  for (
    let e = (error as Error)?.cause, depth = 0;
    e instanceof Error && depth < 4;
    e = e.cause, depth++
  ) {
    message = e.message
  }
  return message
}

function hint(error: string): string {
  switch (error) {
    case 'invalid_client':
      return '. Check the client id, the authentication method and its secret or key.'
    case 'invalid_grant':
      return '. The code, refresh token or assertion was refused (expired, used, or issued to another client).'
    case 'unauthorized_client':
      return '. This client may not use this grant: enable it for the client at the provider.'
    case 'invalid_scope':
      return '. Check the scopes the client may ask for.'
    default:
      return ''
  }
}
