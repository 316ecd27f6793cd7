/** What the Verify form holds and how it becomes a contract VerifyRequest (or a coded field error). */
import { isRecord } from '../../../shared/is-record'
import { jsonOrString } from '../../../shared/json-or-string'
import { audienceList, optionalText, type FormResult } from '../forms/form-fields'
import { EMPTY_KEY_SOURCE, toKeySource, type KeySourceForm } from '../forms/key-source-form'
import type { JwsAlg } from '../../../shared/algorithms'
import type { RequiredClaim, VerifyOptions, VerifyRequest } from '../../../shared/request-schemas'
import type { VerifyProfile } from '../../../shared/verify-profiles'
import { placeRequirement } from '../../../shared/providers'

export interface VerifyForm {
  token: string
  key: KeySourceForm
  /** Allowlist; empty allows any algorithm that fits the key. */
  algorithms: JwsAlg[]
  issuer: string
  /** Comma separated; any one of them must match. */
  audience: string
  subject: string
  typ: string
  /** One claim a line: `name` (present) or `name=value` (value as JSON when it parses). */
  require: string
  /** Roles and scopes (space or comma separated, each required), wherever providers keep them. */
  role: string
  scope: string
  clockTolerance: string
  at: string
  maxAge: string
  /** A token profile (auto: the one the token declares). */
  profile: VerifyProfile
  /** ID token: the nonce sent. */
  nonce: string
}

export type VerifyField = 'token' | 'key' | 'require'

export const EMPTY_VERIFY_FORM: VerifyForm = {
  token: '',
  key: EMPTY_KEY_SOURCE,
  algorithms: [],
  issuer: '',
  audience: '',
  subject: '',
  typ: '',
  require: '',
  role: '',
  scope: '',
  clockTolerance: '',
  at: '',
  maxAge: '',
  profile: 'auto',
  nonce: '',
}

/**
 * The contract request for the form, or the first field that is wrong with a coded error.
 *
 * @example
 * buildVerifyRequest({ ...EMPTY_VERIFY_FORM, token: '' }) // { ok: false, field: 'token', ... }
 */
export function buildVerifyRequest(form: VerifyForm): FormResult<VerifyRequest, VerifyField> {
  const token = form.token.trim()
  if (token === '') {
    return {
      ok: false,
      field: 'token',
      error: { code: 'ERR_NO_TOKEN_FOUND', message: 'Paste the token to verify.' },
    }
  }
  const key = toKeySource(form.key)
  if (!key.ok) return key
  const require = parseRequired(form.require)
  if (!require.ok) return require

  const options: VerifyOptions = {}
  if (form.algorithms.length > 0) options.algorithms = form.algorithms
  const issuer = optionalText(form.issuer)
  if (issuer !== undefined) options.issuer = issuer
  const audience = audienceList(form.audience)
  if (audience !== undefined) options.audience = audience
  const subject = optionalText(form.subject)
  if (subject !== undefined) options.subject = subject
  const typ = optionalText(form.typ)
  if (typ !== undefined) options.typ = typ
  const required = [
    ...require.value,
    ...words(form.role).map((r) => placeRequirement('role', r)),
    ...words(form.scope).map((s) => placeRequirement('scope', s)),
  ]
  if (required.length > 0) options.require = required
  const tolerance = optionalText(form.clockTolerance)
  if (tolerance !== undefined)
    options.clockTolerance = /^\d+$/.test(tolerance) ? Number(tolerance) : tolerance
  const at = optionalText(form.at)
  if (at !== undefined) options.at = at
  const maxAge = optionalText(form.maxAge)
  if (maxAge !== undefined) options.maxAge = maxAge
  if (form.profile !== 'auto') options.profile = form.profile
  const nonce = optionalText(form.nonce)
  if (nonce !== undefined) options.nonce = nonce
  return { ok: true, value: { token, key: key.value, options } }
}

const words = (text: string) => text.split(/[\s,]+/).filter(Boolean)

/** `name` or `name=value` lines, like `jwtw verify --require`. */
function parseRequired(text: string): FormResult<RequiredClaim[], 'require'> {
  const claims: RequiredClaim[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const at = line.indexOf('=')
    const name = (at === -1 ? line : line.slice(0, at)).trim()
    if (name === '') {
      return {
        ok: false,
        field: 'require',
        error: {
          code: 'ERR_INVALID_ARGUMENT',
          message: `Required claim "${line.slice(0, 40)}" has no name: write name or name=value.`,
        },
      }
    }
    claims.push(at === -1 ? { name } : { name, value: jsonOrString(line.slice(at + 1).trim()) })
  }
  return { ok: true, value: claims }
}

/** What the workbench already knows that can verify a token. */
export interface KnownKeys {
  trustedIssuers: readonly string[]
  /** Stored signing keys by name and active kid. */
  storedKeys: ReadonlyArray<{ name: string; kid: string }>
}

/**
 * The key source that fits a token handed to Verify: its trusted issuer when it has one, else
 * its issuer's discovery prefilled from iss (nothing is fetched until Verify is asked), else a
 * stored key whose kid matches; for HS* tokens a stored key whose kid matches, else the secret
 * field; a pasted key otherwise. The user's typed values stay.
 *
 * @example
 * keySourceForToken(EMPTY_KEY_SOURCE, { alg: 'RS256' }, { iss: 'https://sso.example.com/realms/shop' }, { trustedIssuers: [], storedKeys: [] }).mode // 'issuer'
 */
export function keySourceForToken(
  current: KeySourceForm,
  header: unknown,
  payload: unknown,
  known: KnownKeys,
): KeySourceForm {
  const alg = isRecord(header) && typeof header['alg'] === 'string' ? header['alg'] : ''
  const kid = isRecord(header) && typeof header['kid'] === 'string' ? header['kid'] : undefined
  const iss = isRecord(payload) && typeof payload['iss'] === 'string' ? payload['iss'] : undefined
  const stored = kid === undefined ? undefined : known.storedKeys.find((k) => k.kid === kid)
  const storedSource = stored && { ...current, mode: 'stored' as const, storedKey: stored.name }
  if (alg.startsWith('HS')) return storedSource ?? { ...current, mode: 'secret' }
  if (iss !== undefined && known.trustedIssuers.includes(iss))
    return { ...current, mode: 'trusted' }
  if (iss !== undefined && /^https:\/\//.test(iss))
    return { ...current, mode: 'issuer', issuer: iss }
  return storedSource ?? { ...current, mode: current.mode === 'secret' ? 'keyText' : current.mode }
}
