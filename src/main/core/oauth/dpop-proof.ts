/**
 * A DPoP proof for one resource request (RFC 9449 §4.2), signed by a stored key: typ
 * dpop+jwt, the public key in the header, htm, htu (without query and fragment), iat, a fresh
 * jti, ath when the access token is given, and the server's nonce when it sent one.
 */
import { createHash, createPublicKey, randomUUID, type KeyObject } from 'node:crypto'
import { calculateJwkThumbprint, type JWK } from 'jose'
import { WorkbenchError } from '../../../shared/errors'
import type { DpopProofRequest } from '../../../shared/oauth-schemas'
import type { DpopProofResult } from '../../../shared/oauth-types'
import type { AppContext } from '../context'
import { checkRemoteUrl } from '../jwks/remote-url'
import { signCompact } from '../mint/jws-sign'

/** The public members of a key's JWK (RFC 7638 keeps only these). */
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e'] as const

export async function dpopProof(
  request: DpopProofRequest,
  ctx: AppContext,
): Promise<DpopProofResult> {
  const key = await ctx.keys.signingKey(request.key)
  if (key.key instanceof Uint8Array) {
    throw new WorkbenchError(
      'ERR_KEY_SYMMETRIC',
      `"${request.key}" is an HMAC secret: a DPoP proof carries its public key, so it is signed with a private key (ES256, RS256, EdDSA ...).`,
    )
  }
  const url = checkRemoteUrl(request.url, 'OAUTH', { insecureHttp: true })
  url.search = ''
  url.hash = ''
  const full = createPublicKey(key.key as KeyObject).export({ format: 'jwk' }) as JWK
  const jwk = Object.fromEntries(
    PUBLIC_MEMBERS.filter((m) => full[m] !== undefined).map((m) => [m, full[m]]),
  )
  const header = { typ: 'dpop+jwt', alg: key.alg, jwk }
  const claims = {
    jti: randomUUID(),
    htm: request.method.toUpperCase(),
    htu: url.href,
    iat: Math.floor(ctx.now().getTime() / 1000),
    ...(request.accessToken === undefined
      ? {}
      : { ath: createHash('sha256').update(request.accessToken).digest('base64url') }),
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
  }
  const bytes = (o: object) => new TextEncoder().encode(JSON.stringify(o))
  return {
    proof: signCompact(bytes(header), bytes(claims), key.alg, key.key),
    jkt: await calculateJwkThumbprint(jwk as JWK),
  }
}
