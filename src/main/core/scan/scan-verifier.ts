/**
 * Verifies each unique token of a scan once, while the scan goes on: tokens are queued as they
 * are found and verified a few at a time (the scan never waits for them). A fixed key (a
 * secret, key text, a stored key) is resolved once up front, so a bad key fails the scan before
 * it reads anything; remote sources go through the shared JWKS cache per token. Given
 * decryption keys, each unique JWE is decrypted once, and its inner token verified with the
 * verification key when there is one.
 */
import { toErrorPayload } from '../../../shared/errors'
import type { ScanVerification } from '../../../shared/scan-types'
import type { JweKeySourceInput, KeySourceInput } from '../../../shared/request-schemas'
import type { CredentialStore } from '../credentials/credential-store'
import { decryptToken } from '../jwe/decrypt'
import type { VerifyResult } from '../../../shared/verify-types'
import { localSourceOf, resolveLocalKeys } from '../keys/key-source'
import { describe } from '../verify/header-checks'
import type { VerifyContext } from '../verify/key-resolution'
import { verifyToken, verifyWithKeys } from '../verify/verify'
import { prepareOptions } from '../verify/verify-options'

const AT_ONCE = 8

const ENCRYPTED: ScanVerification = {
  state: 'unverifiable',
  code: 'ERR_JWE_NOT_VERIFIED',
  message:
    'An encrypted token (JWE): scan reads its header only. Give decryption keys (--decrypt, --decrypt-key NAME) to decrypt it.',
}

export interface ScanVerifier {
  /** Starts verifying `token` (once; later calls for the same token do nothing). */
  queue(token: string): void
  /** The verification of a queued token (none for a signed token when only decrypting). */
  result(token: string): Promise<ScanVerification | undefined>
}

export async function createScanVerifier(
  { key, decrypt }: { key?: KeySourceInput; decrypt?: JweKeySourceInput },
  ctx: VerifyContext & { readonly credentials: CredentialStore },
): Promise<ScanVerifier> {
  const local = key === undefined ? undefined : localSourceOf(key)
  const fixed = local ? await resolveLocalKeys(local, ctx, 'verify') : undefined
  const verify = (token: string): Promise<ScanVerification | undefined> => {
    if (token.split('.').length === 5) {
      return decrypt === undefined ? Promise.resolve(ENCRYPTED) : decrypted(token, decrypt)
    }
    if (key === undefined) return Promise.resolve(undefined)
    return (
      fixed
        ? verifyWithKeys(token, fixed, prepareOptions({}, ctx.now()))
        : verifyToken({ token, key }, ctx)
    ).then(verdict)
  }
  const decrypted = async (token: string, with_: JweKeySourceInput): Promise<ScanVerification> => {
    const result = await decryptToken({ token, key: with_, ...(key ? { verify: key } : {}) }, ctx)
    const by = `decrypted with ${result.key.name ? `stored key "${result.key.name}"` : result.key.detail}`
    if (result.verification) {
      const inner = verdict(result.verification)
      return { ...inner, key: `${by}; ${inner.key ?? 'inner token'}` }
    }
    return {
      state: 'unverifiable',
      code: 'ERR_JWE_NOT_VERIFIED',
      message: `Decrypted (${result.content}); the inner content is not verified${key ? '' : ' (no verification key given)'}.`,
      key: by,
    }
  }

  const results = new Map<string, Promise<ScanVerification | undefined>>()
  const waiting: Array<() => void> = []
  let running = 0
  const slot = async (): Promise<void> => {
    if (running < AT_ONCE) {
      running++
      return
    }
    await new Promise<void>((resolve) => waiting.push(resolve))
  }
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else running--
  }

  const verifier: ScanVerifier = {
    queue(token) {
      if (results.has(token)) return
      results.set(
        token,
        slot()
          .then(() => verify(token))
          .catch(unverifiable)
          .finally(release),
      )
    },
    result(token) {
      verifier.queue(token)
      return results.get(token)!
    },
  }
  return verifier
}

function verdict(result: VerifyResult): ScanVerification {
  const key = result.key ? describe(result.key) : undefined
  const withKey = key === undefined ? {} : { key }
  if (result.valid) return { state: 'valid', ...withKey }
  const failed = result.checks.find((c) => !c.ok && !c.skipped) ?? result.checks.find((c) => !c.ok)
  const code = failed?.code ?? 'ERR_JWS_INVALID'
  // The given keys cannot speak for the token (another issuer, another key type, no key with
  // its kid): unverifiable, not a failure of the token.
  const state = failed?.unverifiable ? 'unverifiable' : 'invalid'
  return { state, code, message: failed?.message ?? 'The token is invalid.', ...withKey }
}

function unverifiable(error: unknown): ScanVerification {
  const { code, message } = toErrorPayload(error)
  return { state: 'unverifiable', code, message }
}
