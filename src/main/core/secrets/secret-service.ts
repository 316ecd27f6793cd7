/** Secret generation and saving for the contract and the CLI; keychain writes go through the key store. */
import { generateSecret } from '../../../shared/secret-strength'
import type { GeneratedSecret, SecretEncoding } from '../../../shared/secret-types'
import type { KeySummary } from '../../../shared/stored-key-types'
import type { AppContext } from '../context'
import type { HmacAlg } from '../../../shared/algorithms'

/**
 * Saves a secret as an HS key. The key is the secret's UTF-8 text, the bytes an app gets from
 * `JWT_SECRET_KEY=...`, so tokens signed here verify there.
 */
export function saveSecretAsKey(
  ctx: AppContext,
  name: string,
  secret: string,
  alg: HmacAlg = 'HS256',
): Promise<KeySummary> {
  return ctx.keys.saveHmacSecret(name, new TextEncoder().encode(secret), alg)
}

export async function generateSecretFor(
  ctx: AppContext,
  request: {
    bytes?: number
    encoding?: SecretEncoding
    envName?: string
    saveAs?: string
    alg?: HmacAlg
  },
): Promise<GeneratedSecret> {
  const generated: GeneratedSecret = generateSecret(request)
  if (request.saveAs !== undefined) {
    await saveSecretAsKey(ctx, request.saveAs, generated.secret, request.alg)
    generated.savedAs = request.saveAs
  }
  return generated
}
