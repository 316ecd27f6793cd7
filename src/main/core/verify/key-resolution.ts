/**
 * The one place a verification's key source is resolved, and what it implies about the
 * claims. A local source is the caller's key; a JWKS URL its keys; an issuer its keys by
 * discovery and the token's iss must be that issuer; with no key given, the token's issuer when
 * it is trusted, whose tokens must then also be for the audience it was trusted for. Nothing is
 * ever fetched from a token's own claims but a trusted issuer's own discovery.
 */
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'
import type { KeySourceInput } from '../../../shared/request-schemas'
import { remoteOptions, resolveRemoteKeys } from '../jwks/remote-key-source'
import type { RemoteKeys } from '../jwks/remote-keys'
import type { TrustedIssuers } from '../jwks/trusted-issuers'
import {
  localSourceOf,
  resolveLocalKeys,
  type ResolvedKeys,
  type TokenHint,
} from '../keys/key-source'
import type { KeyStore } from '../keys/key-store'

/** What verification needs from the context. */
export interface VerifyContext {
  readonly keys: KeyStore
  readonly remote: RemoteKeys
  readonly trustedIssuers: TrustedIssuers
  now(): Date
}

/** What the key source says the claims must be, unless the caller says otherwise. */
export interface SourceExpectations {
  issuer?: string
  audience?: string
  /** The audience check cannot run: why (a trusted issuer added with no audience). */
  audienceUnset?: string
}

export interface VerifyKeys {
  resolved: ResolvedKeys
  expected: SourceExpectations
}

export async function resolveVerifyKeys(
  input: KeySourceInput,
  hint: TokenHint,
  ctx: VerifyContext,
): Promise<VerifyKeys> {
  const local = localSourceOf(input)
  if (local) return { resolved: await resolveLocalKeys(local, ctx, 'verify'), expected: {} }
  const remote = remoteOptions('remote' in input ? input.remote : undefined)
  if ('jwksUrl' in input) {
    const source = { type: 'jwks' as const, url: input.jwksUrl, remote }
    return { resolved: await resolveRemoteKeys(source, ctx.remote, hint), expected: {} }
  }
  if ('issuer' in input) {
    const source = { type: 'issuer' as const, issuer: input.issuer, remote }
    return {
      resolved: await resolveRemoteKeys(source, ctx.remote, hint),
      expected: { issuer: input.issuer },
    }
  }
  const trusted = hint.iss === undefined ? undefined : ctx.trustedIssuers.find(hint.iss)
  if (!trusted) {
    throw new WorkbenchError(
      'ERR_ISSUER_NOT_TRUSTED',
      hint.iss === undefined
        ? 'No key given, and the token names no issuer (iss) to look one up by. Give --secret-file, --key, --key-file, --jwks URL or --issuer URL.'
        : `No key given, and the token's issuer ${clip(hint.iss, 200)} is not a trusted issuer. Give --secret-file, --key, --key-file, --jwks URL or --issuer URL, or trust it: jwtw issuers add ${clip(hint.iss, 200)} --aud AUDIENCE`,
    )
  }
  const source = { type: 'issuer' as const, issuer: trusted.issuer, remote }
  const expected: SourceExpectations = { issuer: trusted.issuer }
  if (trusted.audience !== undefined) expected.audience = trusted.audience
  else if (!trusted.anyAudience) {
    expected.audienceUnset = `The trusted issuer ${clip(trusted.issuer, 200)} was added with no audience, so its tokens' audience cannot be checked: give --aud, or set one: jwtw issuers add ${clip(trusted.issuer, 200)} --aud AUDIENCE (or --any-audience).`
  }
  return { resolved: await resolveRemoteKeys(source, ctx.remote, hint), expected }
}
