/** Where a token stands in time, for machines: expired, not yet valid, or valid until when. */
import type { z } from 'zod/mini'
import { isRecord } from './is-record'
import type { TokenStatusSchema } from './shapes/token'
import { isoUtc } from './relative-time'
import type { DecodedToken } from './token-types'

/** Where a token stands in time, for machines. */
export type TokenStatus = z.infer<typeof TokenStatusSchema>

/**
 * The status of a decoded token at `now` (decode only: nothing is verified).
 *
 * @example
 * tokenStatus(decodeToken(token), new Date()).state // 'expired'
 */
export function tokenStatus(token: Pick<DecodedToken, 'payload'>, now: Date): TokenStatus {
  const claims = isRecord(token.payload) ? token.payload : {}
  const nowSeconds = now.getTime() / 1000
  const exp = finite(claims['exp'])
  const nbf = finite(claims['nbf'])
  const expired = exp !== undefined && exp <= nowSeconds
  const notYetValid = nbf !== undefined && nbf > nowSeconds
  return {
    state: expired
      ? 'expired'
      : notYetValid
        ? 'not-yet-valid'
        : exp === undefined
          ? 'no-exp'
          : 'valid',
    expired,
    notYetValid,
    expiresAt: exp === undefined ? null : isoUtc(exp),
    secondsLeft: exp === undefined ? null : Math.floor(exp - nowSeconds),
  }
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
