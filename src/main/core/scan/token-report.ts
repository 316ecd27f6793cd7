/**
 * A unique token of a scan as the user sees it: decoded once, named by its sha256, shown
 * redacted, with the claims people look for first, its time status and lint findings.
 */
import { createHash } from 'node:crypto'
import { identifyProvider, providerLabel } from '../../../shared/providers'
import { isRecord } from '../../../shared/is-record'
import { redact } from '../../../shared/redact'
import type { ScanClaims, ScanToken } from '../../../shared/scan-types'
import { decodeToken } from '../../../shared/token-decode'
import { tokenStatus } from '../../../shared/token-status'
import type { Sighting } from './token-tally'

/** The lint rules that say a token lives too long (one home: the linter). */
const LONG_LIVED = new Set(['long_lifetime', 'no_exp', 'exp_null'])

export function sha256Hex(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** What a token says, wherever it was seen: decoded once. */
export type TokenFacts = Omit<
  ScanToken,
  'count' | 'firstLine' | 'lastLine' | 'firstFile' | 'lastFile' | 'verification'
>

export function tokenFacts(token: string, now: Date, showToken: boolean): TokenFacts {
  const decoded = decodeToken(token, now)
  return {
    sha256: sha256Hex(token),
    preview: redact(token),
    ...(showToken ? { token } : {}),
    kind: decoded.kind,
    header: decoded.header,
    payload: decoded.payload,
    claims: claimsOf(decoded.header, decoded.payload),
    status: tokenStatus(decoded, now),
    longLived: decoded.kind === 'JWS' && decoded.lint.some((f) => LONG_LIVED.has(f.code)),
    lint: decoded.lint,
  }
}

/** A token's facts and where it was seen, in the report's order. */
export function tokenReport(facts: TokenFacts, sighting: Sighting, files: string[]): ScanToken {
  const { sha256, preview, token, kind, ...decoded } = facts
  return {
    sha256,
    preview,
    ...(token === undefined ? {} : { token }),
    kind,
    count: sighting.count,
    firstLine: sighting.first.line,
    lastLine: sighting.last.line,
    ...(files.length > 1
      ? { firstFile: files[sighting.first.file], lastFile: files[sighting.last.file] }
      : {}),
    ...decoded,
  }
}

function claimsOf(header: Record<string, unknown> | null, payload: unknown): ScanClaims {
  const claims: ScanClaims = {}
  const text = (from: Record<string, unknown> | null, name: string) => {
    const value = from?.[name]
    return typeof value === 'string' ? value : undefined
  }
  const body = isRecord(payload) ? payload : null
  const put = <K extends keyof ScanClaims>(name: K, value: ScanClaims[K] | undefined) => {
    if (value !== undefined) claims[name] = value
  }
  put('alg', text(header, 'alg'))
  put('enc', text(header, 'enc'))
  const provider = identifyProvider(payload, header ?? {})
  put('provider', provider ? providerLabel(provider) : undefined)
  put('kid', text(header, 'kid'))
  put('typ', text(header, 'typ'))
  put('iss', text(body, 'iss'))
  put('sub', text(body, 'sub'))
  const aud = body?.['aud']
  put(
    'aud',
    typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string'))
      ? (aud as string | string[])
      : undefined,
  )
  put('clientId', text(body, 'client_id') ?? text(body, 'azp'))
  const scope = body?.['scope'] ?? body?.['scp']
  put(
    'scope',
    typeof scope === 'string'
      ? scope
      : Array.isArray(scope)
        ? scope.filter((s) => typeof s === 'string').join(' ')
        : undefined,
  )
  return claims
}
