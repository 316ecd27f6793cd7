/** What names a token to a person: sub, iss, alg and where it stands in time. */
import { isRecord } from '../../../shared/is-record'
import { describeTime } from '../../../shared/relative-time'
import type { DecodedToken } from '../../../shared/token-types'

export interface TokenFacts {
  alg: string
  sub?: string
  iss?: string
  /** 'expires in 4m 12s', 'expired 3m ago', 'no exp'. */
  expiry: string
  expired: boolean
}

export function tokenFacts(token: DecodedToken, now: Date): TokenFacts {
  const claims = isRecord(token.payload) ? token.payload : {}
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined)
  const exp = token.times.find((t) => t.claim === 'exp')
  const facts: TokenFacts = {
    alg: text(token.header?.['alg']) ?? 'no alg',
    expiry:
      token.kind === 'JWE' ? 'encrypted' : exp ? describeTime('exp', exp.value, now) : 'no exp',
    expired: exp !== undefined && exp.value * 1000 <= now.getTime(),
  }
  const sub = text(claims['sub'])
  const iss = text(claims['iss'])
  if (sub !== undefined) facts.sub = sub
  if (iss !== undefined) facts.iss = iss
  return facts
}

/** A curl command that sends the token (to its audience when that is a URL). */
export function curlCommand(token: string, payload: unknown): string {
  const aud = isRecord(payload) ? payload['aud'] : undefined
  const first = Array.isArray(aud) ? aud[0] : aud
  const url =
    typeof first === 'string' && /^https?:\/\//.test(first) ? first : 'https://api.example.com/'
  return `curl -H 'Authorization: Bearer ${token}' '${url.replace(/'/g, '%27')}'`
}
