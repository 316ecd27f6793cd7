/**
 * A token parsed once at the edge of verification: the compact text as checked (surrounding
 * whitespace and one `Bearer ` removed, nothing else), its decoded parts, and what it names to
 * pick keys by. Every step of a verification receives this one value.
 */
import { isRecord } from '../../../shared/is-record'
import { decodeToken } from '../../../shared/token-decode'
import { unwrapToken } from '../../../shared/token-text'
import type { DecodedToken } from '../../../shared/token-types'
import type { TokenHint } from '../keys/key-source'

export interface ParsedToken {
  compact: string
  decoded: DecodedToken
  /** kid (the caller's, else the header's) and iss: looked up, never trusted. */
  hint: TokenHint
}

export function parseToken(text: string, kid?: string): ParsedToken {
  const compact = unwrapToken(text)
  const decoded = decodeToken(compact, new Date(0), { display: false })
  const hint: TokenHint = {}
  const headerKid = decoded.header?.['kid']
  if (kid !== undefined) hint.kid = kid
  else if (typeof headerKid === 'string') hint.kid = headerKid
  const iss = isRecord(decoded.payload) ? decoded.payload['iss'] : undefined
  if (typeof iss === 'string') hint.iss = iss
  return { compact, decoded, hint }
}
