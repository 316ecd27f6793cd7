/**
 * What the Mint form holds, and the pure steps around it: a template or an inspected token
 * filling the form, and the form becoming a contract MintRequest (or a coded field error).
 */
import { isRecord } from '../../../shared/is-record'
import { TEMPLATES, type TemplateName } from '../../../shared/templates'
import { audienceList, optionalText, type FormResult } from '../forms/form-fields'
import { EMPTY_KEY_SOURCE, toKeySource, type KeySourceForm } from '../forms/key-source-form'
import { isJwsAlg, type JwsAlg } from '../../../shared/algorithms'
import type { MintRequest } from '../../../shared/request-schemas'

export interface MintForm {
  template: TemplateName | ''
  /** '' lets the key decide (HS256 for a secret, the stored key's own alg). */
  alg: JwsAlg | ''
  key: KeySourceForm
  sub: string
  iss: string
  /** Comma separated; two or more become an array. */
  aud: string
  /** A duration or time; '' or 'none' for no exp. */
  expiresIn: string
  notBefore: string
  iat: boolean
  jti: boolean
  /** Custom claims as JSON object text. */
  claims: string
  /** Extra protected header fields as JSON object text. */
  header: string
  kid: string
  /** Leave kid out of the header, even for a key that has one. */
  noKid: boolean
  /** '' leaves typ out. */
  typ: string
  unsecured: boolean
  strict: boolean
  /** A stored encryption key to encrypt the token to (a nested JWT, or the claims alone); '' none. */
  encryptTo: string
}

export type MintField = 'key' | 'claims' | 'header'

export const EMPTY_MINT_FORM: MintForm = {
  template: '',
  alg: '',
  key: EMPTY_KEY_SOURCE,
  sub: '',
  iss: '',
  aud: '',
  expiresIn: '15m',
  notBefore: '',
  iat: true,
  jti: false,
  claims: '',
  header: '',
  kid: '',
  noKid: false,
  typ: 'JWT',
  unsecured: false,
  strict: false,
  encryptTo: '',
}

const OWN_FIELDS = new Set(['sub', 'iss', 'aud', 'exp', 'nbf', 'iat', 'jti'])

/** The form filled from a template; the key source and the switches are kept. */
export function formFromTemplate(form: MintForm, name: TemplateName | ''): MintForm {
  if (name === '') return { ...form, template: '' }
  const t = TEMPLATES[name]
  return {
    ...form,
    ...claimFields(t.claims),
    template: name,
    alg: t.alg,
    expiresIn: t.expiresIn ?? 'none',
    notBefore: '',
  }
}

/**
 * The form filled from an inspected token, for minting a new one like it: alg, header and
 * claims; the lifetime kept as a duration (exp - iat); a fresh iat and jti when it had them.
 */
export function formFromToken(form: MintForm, header: unknown, payload: unknown): MintForm {
  const h = asRecord(header)
  const p = asRecord(payload)
  const { alg, kid, typ, ...headerExtras } = h
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
  const iat = num(p['iat'])
  const exp = num(p['exp'])
  const nbf = num(p['nbf'])
  return {
    ...form,
    ...claimFields(p),
    template: '',
    alg: isJwsAlg(alg) ? alg : '',
    unsecured: alg === 'none',
    expiresIn:
      exp === undefined
        ? 'none'
        : iat !== undefined && exp > iat
          ? `${exp - iat}s`
          : form.expiresIn,
    notBefore: nbf !== undefined && iat !== undefined && nbf > iat ? `${nbf - iat}s` : '',
    iat: 'iat' in p,
    jti: 'jti' in p,
    header: Object.keys(headerExtras).length > 0 ? JSON.stringify(headerExtras, null, 2) : '',
    kid: typeof kid === 'string' ? kid : '',
    noKid: kid === undefined,
    typ: typeof typ === 'string' ? typ : '',
  }
}

/** sub, iss and aud as form fields, the other non-time claims as JSON text. */
function claimFields(claims: Record<string, unknown>) {
  const rest = Object.fromEntries(Object.entries(claims).filter(([k]) => !OWN_FIELDS.has(k)))
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  const aud = claims['aud']
  return {
    sub: text(claims['sub']),
    iss: text(claims['iss']),
    aud: Array.isArray(aud) ? aud.filter((a) => typeof a === 'string').join(', ') : text(aud),
    claims: Object.keys(rest).length > 0 ? JSON.stringify(rest, null, 2) : '',
  }
}

/**
 * The contract request for the form, or the first field that is wrong with a coded error.
 * Nothing is sent for a form that fails here.
 *
 * @example
 * buildMintRequest({ ...EMPTY_MINT_FORM, claims: '{oops' }) // { ok: false, field: 'claims', ... }
 */
export function buildMintRequest(form: MintForm): FormResult<MintRequest, MintField> {
  const claims = parseJsonObject(form.claims, 'claims', 'ERR_INVALID_CLAIMS', 'Claims')
  if (!claims.ok) return claims
  const header = parseJsonObject(form.header, 'header', 'ERR_INVALID_ARGUMENT', 'Header')
  if (!header.ok) return header
  const request: MintRequest = {
    iat: form.iat,
    expiresIn: ['', 'none'].includes(form.expiresIn.trim()) ? null : form.expiresIn.trim(),
    typ: form.typ.trim() === '' ? null : form.typ.trim(),
  }
  if (form.unsecured) request.unsecured = true
  else {
    const key = toKeySource(form.key)
    if (!key.ok) return key
    request.key = key.value
    if (form.alg !== '') request.alg = form.alg
    if (form.strict) request.strict = true
  }
  const sub = optionalText(form.sub)
  if (sub !== undefined) request.sub = sub
  const iss = optionalText(form.iss)
  if (iss !== undefined) request.iss = iss
  const aud = audienceList(form.aud)
  if (aud !== undefined) request.aud = aud
  const notBefore = optionalText(form.notBefore)
  if (notBefore !== undefined) request.notBefore = notBefore
  if (form.jti) request.jti = true
  if (form.encryptTo !== '') request.encrypt = { to: { storedKey: form.encryptTo } }
  if (claims.value) request.claims = claims.value
  if (header.value) request.header = header.value
  if (form.noKid) request.kid = null
  else {
    const kid = optionalText(form.kid)
    if (kid !== undefined) request.kid = kid
  }
  return { ok: true, value: request }
}

function parseJsonObject<F extends MintField>(
  text: string,
  field: F,
  code: 'ERR_INVALID_CLAIMS' | 'ERR_INVALID_ARGUMENT',
  what: string,
): FormResult<Record<string, unknown> | undefined, F> {
  if (text.trim() === '') return { ok: true, value: undefined }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not JSON'
    return {
      ok: false,
      field,
      error: {
        code,
        message: `${what} ${what === 'Claims' ? 'are' : 'is'} not valid JSON: ${reason}`,
      },
    }
  }
  if (!isRecord(parsed)) {
    return {
      ok: false,
      field,
      error: { code, message: `${what} must be a JSON object, e.g. {"role": "admin"}.` },
    }
  }
  return { ok: true, value: parsed }
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

/**
 * The claim set the JSON editor shows: sub, iss and aud from the form with the custom claims
 * (the times are set when minting). Null while the custom claims text is not a JSON object.
 */
export function claimSetText(form: MintForm): string | null {
  const custom = parseJsonObject(form.claims, 'claims', 'ERR_INVALID_CLAIMS', 'Claims')
  if (!custom.ok) return null
  const aud = audienceList(form.aud)
  const set: Record<string, unknown> = {
    ...(optionalText(form.sub) === undefined ? {} : { sub: form.sub.trim() }),
    ...(optionalText(form.iss) === undefined ? {} : { iss: form.iss.trim() }),
    ...(aud === undefined ? {} : { aud }),
    ...custom.value,
  }
  return Object.keys(set).length === 0 ? '' : JSON.stringify(set, null, 2)
}

/**
 * The form after an edit of the claim set's JSON: sub, iss and aud go to their fields. Text
 * that is not a JSON object is kept as the claims, so minting refuses it with its error.
 */
export function formFromClaimSet(form: MintForm, text: string): MintForm {
  const parsed = parseJsonObject(text, 'claims', 'ERR_INVALID_CLAIMS', 'Claims')
  if (!parsed.ok) return { ...form, claims: text }
  return { ...form, ...claimFields(parsed.value ?? {}) }
}

/** The header the JSON editor shows: typ and kid from the form with the extras. */
export function headerSetText(form: MintForm): string | null {
  const extras = parseJsonObject(form.header, 'header', 'ERR_INVALID_ARGUMENT', 'Header')
  if (!extras.ok) return null
  const set: Record<string, unknown> = {
    ...(form.typ.trim() === '' ? {} : { typ: form.typ.trim() }),
    ...(form.noKid || form.kid.trim() === '' ? {} : { kid: form.kid.trim() }),
    ...extras.value,
  }
  return Object.keys(set).length === 0 ? '' : JSON.stringify(set, null, 2)
}

/** The form after an edit of the header's JSON: typ and kid go to their fields. */
export function formFromHeaderSet(form: MintForm, text: string): MintForm {
  const parsed = parseJsonObject(text, 'header', 'ERR_INVALID_ARGUMENT', 'Header')
  if (!parsed.ok) return { ...form, header: text }
  // alg comes from the key or the algorithm field, never from here.
  const { typ, kid, alg, ...extras } = parsed.value ?? {}
  void alg
  return {
    ...form,
    typ: typeof typ === 'string' ? typ : '',
    kid: typeof kid === 'string' ? kid : form.noKid ? form.kid : '',
    header: Object.keys(extras).length > 0 ? JSON.stringify(extras, null, 2) : '',
  }
}

/** Where a JSON text first fails, as "line L, column C: reason", or null when it parses. */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return null
  try {
    const value: unknown = JSON.parse(text)
    return isRecord(value) ? null : 'must be a JSON object, e.g. {"role": "admin"}'
  } catch (error) {
    const message = error instanceof Error ? error.message : 'not JSON'
    const at = /position (\d+)/.exec(message)
    if (!at) return message
    const before = text.slice(0, Number(at[1]))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    return `line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`
  }
}
