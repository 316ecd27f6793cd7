/**
 * OpenID Connect Discovery (ISSUER/.well-known/openid-configuration), falling back to RFC 8414
 * (/.well-known/oauth-authorization-server): the document must name the issuer asked for,
 * exactly (OIDC Discovery §4.3), and a jwks_uri.
 */
import { WorkbenchError } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import { clip } from '../../../shared/redact'
import type { Prepare } from './document-cache'

/** The discovery URLs of an issuer, in the order they are tried. */
export function discoveryUrls(issuer: string): string[] {
  const url = new URL(issuer)
  const path = url.pathname.replace(/\/+$/, '')
  return [
    `${url.origin}${path}/.well-known/openid-configuration`,
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
  ]
}

/**
 * The issuer a discovery document names must be the one asked for, exactly (OIDC Discovery
 * §4.3), on every use: "https://idp/" and "https://idp" share one discovery URL, so a cached
 * document is checked again against each issuer asked for.
 */
export function checkIssuer(named: unknown, issuer: string, url: string): void {
  if (named !== issuer) {
    throw new WorkbenchError(
      'ERR_DISCOVERY_ISSUER_MISMATCH',
      `The discovery document at ${clip(url, 200)} says issuer ${clip(JSON.stringify(named ?? null), 200)}, not ${clip(issuer, 200)}: it must match exactly (OIDC Discovery §4.3). Check the issuer URL, trailing slash included.`,
    )
  }
}

/** Checks a discovery document against the issuer asked for; keeps what the workbench uses. */
export function prepareDiscovery(issuer: string): Prepare {
  return (json, url) => {
    if (!isRecord(json)) {
      throw new WorkbenchError(
        'ERR_DISCOVERY_INVALID',
        `${clip(url, 200)} is JSON but not a discovery document (an object).`,
      )
    }
    checkIssuer(json['issuer'], issuer, url)
    if (typeof json['jwks_uri'] !== 'string' || json['jwks_uri'] === '') {
      throw new WorkbenchError(
        'ERR_DISCOVERY_NO_JWKS_URI',
        `The discovery document of ${issuer} has no jwks_uri: the issuer publishes no keys to verify with.`,
      )
    }
    const body: Record<string, unknown> = { issuer, jwks_uri: json['jwks_uri'] }
    const algs = json['id_token_signing_alg_values_supported']
    if (Array.isArray(algs))
      body['id_token_signing_alg_values_supported'] = algs
        .filter((a) => typeof a === 'string')
        .slice(0, 32)
    return { body }
  }
}
