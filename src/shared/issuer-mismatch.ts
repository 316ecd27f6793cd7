/**
 * Why a token's iss is not the expected issuer, when the difference has a known cause: an
 * Entra ID v1 token checked against the v2.0 endpoint (or the reverse; the version follows the
 * API's manifest, not the endpoint the client asked), or a trailing slash (Auth0's issuer
 * ends with one; many configurations drop it). Null when nothing is known.
 */

const ENTRA_V1 = /^https:\/\/sts\.windows\.net\/([0-9a-f-]{36})\/$/i
const ENTRA_V2 = /^https:\/\/login\.microsoftonline\.com\/([0-9a-f-]{36})\/v2\.0\/?$/i
const MANIFEST =
  'the version of an Entra access token is set by the API app registration (manifest accessTokenAcceptedVersion: 2 for v2, null or 1 for v1), not by the endpoint the client used'

/**
 * @example
 * issuerMismatchHint('https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/', 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0')
 * // 'This is an Entra ID v1 token (sts.windows.net) and a v2.0 issuer is expected: …'
 */
export function issuerMismatchHint(actual: string, expected: string): string | null {
  const v1 = ENTRA_V1.exec(actual)
  const wantV2 = ENTRA_V2.exec(expected)
  if (v1 && wantV2) {
    return `This is an Entra ID v1 token (sts.windows.net) and a v2.0 issuer is expected${sameTenant(v1[1]!, wantV2[1]!)}: ${MANIFEST}.`
  }
  const v2 = ENTRA_V2.exec(actual)
  const wantV1 = ENTRA_V1.exec(expected)
  if (v2 && wantV1) {
    return `This is an Entra ID v2.0 token and a v1 issuer (sts.windows.net) is expected${sameTenant(v2[1]!, wantV1[1]!)}: ${MANIFEST}.`
  }
  if (actual.replace(/\/+$/, '') === expected.replace(/\/+$/, '')) {
    return 'The two differ only by a trailing slash: iss is compared exactly (RFC 7519 §4.1.1), so give the issuer exactly as the token has it if that is the issuer you trust.'
  }
  return null
}

function sameTenant(a: string, b: string): string {
  return a.toLowerCase() === b.toLowerCase() ? '' : ` (and the tenants differ: ${a} vs ${b})`
}
