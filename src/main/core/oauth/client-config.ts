/**
 * A profile as an openid-client Configuration: the issuer's metadata by discovery (OpenID
 * Connect, then RFC 8414; the document must name the issuer exactly), the client's
 * authentication from the keychain, and every request through the workbench's fetch.
 */
import * as client from 'openid-client'
import type { ClientProfile } from '../../../shared/oauth-schemas'
import type { AppContext } from '../context'
import { assertionKey } from './client-keys'
import type { ClientProfiles } from './client-profiles'
import { oauthFetch } from './oauth-fetch'
import { oauthError } from './oauth-errors'

/** The client authentication the profile names, its secret or key read from the keychain. */
async function clientAuth(
  profile: ClientProfile,
  ctx: AppContext,
  clients: ClientProfiles,
): Promise<client.ClientAuth> {
  switch (profile.authMethod) {
    case 'client_secret_basic':
      return client.ClientSecretBasic(await clients.secret(profile.name))
    case 'client_secret_post':
      return client.ClientSecretPost(await clients.secret(profile.name))
    case 'client_secret_jwt':
      return client.ClientSecretJwt(await clients.secret(profile.name))
    case 'private_key_jwt': {
      const { key, kid } = await assertionKey(ctx.keys, profile.signingKey!)
      return client.PrivateKeyJwt({ key, kid })
    }
    case 'none':
      return client.None()
  }
}

/** Discovers the issuer and builds the configuration the grants run with. */
export async function clientConfig(
  profile: ClientProfile,
  ctx: AppContext,
  clients: ClientProfiles,
): Promise<client.Configuration> {
  const auth = await clientAuth(profile, ctx, clients)
  const fetch = oauthFetch(ctx.remote.fetchOptions())
  const server = new URL(profile.issuer)
  // The URL rules (https except loopback) are our fetch's; openid-client's own check is off
  // only for a loopback issuer, which the rules allow over http.
  const execute = server.protocol === 'http:' ? [client.allowInsecureRequests] : []
  const discover = (algorithm: 'oidc' | 'oauth2') =>
    client.discovery(server, profile.clientId, undefined, auth, {
      [client.customFetch]: fetch,
      execute,
      algorithm,
    })
  try {
    return await discover('oidc').catch(async (error: unknown) => {
      // No OpenID configuration: try the RFC 8414 authorization server metadata.
      if (statusOf(error) === 404) return discover('oauth2')
      throw error
    })
  } catch (error) {
    throw oauthError(error, `Discovery of ${profile.issuer}`)
  }
}

function statusOf(error: unknown): number | undefined {
  const cause = (error as { cause?: unknown }).cause
  const status = (cause as { status?: unknown } | undefined)?.status
  return typeof status === 'number' ? status : undefined
}
