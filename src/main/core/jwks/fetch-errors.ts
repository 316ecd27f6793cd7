/** The errors of fetching a remote document, each with its own code and what to do about it. */
import { WorkbenchError, type FetchFailure, type RemoteDocument } from '../../../shared/errors'

export function fetchError(
  document: RemoteDocument,
  failure: FetchFailure,
  message: string,
  cause?: unknown,
): WorkbenchError {
  return new WorkbenchError(
    `ERR_${document}_${failure}`,
    message,
    cause === undefined ? undefined : { cause },
  )
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'ERR_SSL_WRONG_VERSION_NUMBER',
])
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR',
])

/** A network error from undici or Node, as our error for `url`. */
export function networkError(
  error: unknown,
  document: RemoteDocument,
  url: URL,
  timeoutMs: number,
): WorkbenchError {
  const codes = causeChain(error)
  const host = url.host
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME')) {
    return fetchError(
      document,
      'DNS',
      `${host} could not be resolved (DNS): check the URL and your network.`,
      error,
    )
  }
  if (codes.includes('ECONNREFUSED')) {
    return fetchError(
      document,
      'CONNECTION_REFUSED',
      `${host} refused the connection: is the server running on that port?`,
      error,
    )
  }
  if (codes.some((c) => TIMEOUT_CODES.has(c)) || isTimeout(error)) {
    return fetchError(
      document,
      'TIMEOUT',
      `${host} did not answer within ${timeoutMs / 1000} s.`,
      error,
    )
  }
  const tls = codes.find((c) => TLS_CODES.has(c))
  if (tls !== undefined) {
    const what =
      tls === 'CERT_HAS_EXPIRED'
        ? 'its certificate has expired'
        : tls === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? 'its certificate is for another name'
          : 'its certificate is not signed by a CA this machine trusts (self-signed or a private CA)'
    return fetchError(
      document,
      'TLS',
      `TLS to ${host} failed: ${what} (${tls}). For an internal CA, give its certificate with --ca FILE (or the jwks.ca setting).`,
      error,
    )
  }
  return fetchError(
    document,
    'NETWORK',
    `Fetching from ${host} failed (${codes[0] ?? 'network error'}).`,
    error,
  )
}

function causeChain(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') codes.push(code)
    current = (current as { cause?: unknown }).cause
  }
  return codes
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown }).name
  return name === 'TimeoutError' || name === 'AbortError'
}
