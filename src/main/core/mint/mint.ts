/**
 * Mints JWS tokens: every supported algorithm, claims from a template plus the request, times
 * from the injected clock, kid defaulting to the key's own or its RFC 7638 thumbprint.
 */
import { randomUUID } from 'node:crypto'
import { base64url } from 'jose'
import { hmacMinBytes, isHmacAlg, type JwsAlg } from '../../../shared/algorithms'
import { WorkbenchError } from '../../../shared/errors'
import type { MintResult, MintWarning } from '../../../shared/mint-types'
import { TEMPLATES } from '../../../shared/templates'
import type { MintRequest } from '../../../shared/request-schemas'
import { resolveTime } from '../duration'
import { localSourceOf, resolveLocalKeys } from '../keys/key-source'
import type { RemoteKeys } from '../jwks/remote-keys'
import type { CredentialStore } from '../credentials/credential-store'
import type { KeyStore } from '../keys/key-store'
import { assertUsableFor, type UsableKey } from '../keys/usable-key'
import { encryptTo } from '../jwe/encrypt'
import { signCompact } from './jws-sign'

const REGISTERED_ORDER = ['iss', 'sub', 'aud', 'iat', 'nbf', 'exp', 'jti']
/** The lifetime of a token minted without one and without a template. */
export const DEFAULT_LIFETIME = '15m'

/** What minting needs from the context. */
export interface MintContext {
  readonly keys: KeyStore
  /** For encrypting to a published key (a JWKS URL, an issuer). */
  readonly remote: RemoteKeys
  /** For a PBES2 password saved as a credential. */
  readonly credentials: CredentialStore
  now(): Date
}

/**
 * Mints the token described by `request`: signed, or, with `encrypt`, the signed token
 * encrypted (nested, cty JWT) or, without a signing key, the claims encrypted alone. Key
 * material never appears in the result.
 */
export async function mintToken(asked: MintRequest, ctx: MintContext): Promise<MintResult> {
  const request = withProfile(asked, ctx.now())
  const { encrypt, ...signing } = request
  if (encrypt === undefined) return mintSigned(signing, ctx)
  if (request.key === undefined && !request.unsecured) {
    const claims = buildClaims(signing, ctx.now())
    const plaintext = new TextEncoder().encode(JSON.stringify(claims))
    const typ = typOf(request)
    const { token, encrypted } = await encryptTo(plaintext, encrypt, ctx, {
      ...(typ === undefined ? {} : { typ }),
      ...(request.cty === undefined ? {} : { cty: request.cty }),
    })
    return { token, header: encrypted.header, payload: claims, key: null, warnings: [], encrypted }
  }
  const signed = await mintSigned(signing, ctx)
  const plaintext = new TextEncoder().encode(signed.token)
  const { token, encrypted } = await encryptTo(plaintext, encrypt, ctx, { cty: 'JWT' })
  return { ...signed, token, encrypted: { ...encrypted, inner: signed.token } }
}

/** RFC 9068 §2.2: the claims a JWT access token must carry. */
const ACCESS_TOKEN_CLAIMS = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'] as const

/** The request with its profile applied: for `access`, typ at+jwt, iat and a jti, then checked. */
function withProfile(request: MintRequest, now: Date): MintRequest {
  if (request.profile !== 'access') return request
  const filled: MintRequest = {
    ...request,
    iat: true,
    ...(request.jti === undefined || request.jti === false ? { jti: true } : {}),
    ...(typeof request.header?.['typ'] === 'string' ? {} : { typ: 'at+jwt' }),
  }
  const claims = buildClaims(filled, now)
  const missing = ACCESS_TOKEN_CLAIMS.filter(
    (name) => claims[name] === undefined || claims[name] === null,
  )
  if (missing.length > 0) {
    throw new WorkbenchError(
      'ERR_INVALID_CLAIMS',
      `An RFC 9068 access token carries ${ACCESS_TOKEN_CLAIMS.join(', ')}; missing: ${missing.join(', ')} (for client_id: --claim client_id=ID).`,
    )
  }
  return filled
}

/** The claims of a request: the template's, then the request's, times from the clock. */
function buildClaims(request: MintRequest, now: Date): Record<string, unknown> {
  const template = request.template === undefined ? undefined : TEMPLATES[request.template]
  const iat = Math.floor(now.getTime() / 1000)

  const claims: Record<string, unknown> = { ...template?.claims, ...request.claims }
  if (request.iss !== undefined) claims['iss'] = request.iss
  if (request.sub !== undefined) claims['sub'] = request.sub
  if (request.aud !== undefined) {
    claims['aud'] =
      Array.isArray(request.aud) && request.aud.length === 1 ? request.aud[0] : request.aud
  }
  if (request.iat !== false) claims['iat'] = iat
  else delete claims['iat']
  // No lifetime asked for: a template's, else the default (the same in the CLI and the UI).
  const expiresIn =
    request.expiresIn !== undefined
      ? request.expiresIn
      : template !== undefined
        ? template.expiresIn
        : DEFAULT_LIFETIME
  if (expiresIn !== null && expiresIn.trim() !== '' && expiresIn.trim() !== 'none') {
    claims['exp'] = resolveTime(expiresIn, now, 'expiry')
    if ((claims['exp'] as number) < iat && !request.allowExpired) {
      throw new WorkbenchError(
        'ERR_EXP_BEFORE_IAT',
        `The expiry ${expiresIn.slice(0, 40)} puts exp before iat: the token would be born expired. For a negative test, allow it (--allow-expired).`,
      )
    }
  }
  if (request.notBefore !== undefined)
    claims['nbf'] = resolveTime(request.notBefore, now, 'not-before')
  if (request.jti === true) claims['jti'] = randomUUID()
  else if (typeof request.jti === 'string') claims['jti'] = request.jti
  return orderClaims(claims)
}

async function mintSigned(request: MintRequest, ctx: MintContext): Promise<MintResult> {
  const template = request.template === undefined ? undefined : TEMPLATES[request.template]
  const payload = buildClaims(request, ctx.now())

  const warnings: MintWarning[] = []
  const header: Record<string, unknown> = {}

  if (request.unsecured) {
    Object.assign(header, request.header, { alg: 'none' })
    setTyp(header, request)
    if (typeof request.kid === 'string') header['kid'] = request.kid
    if (request.cty !== undefined) header['cty'] = request.cty
    warnings.push({
      code: 'UNSECURED',
      message: 'Unsecured token (alg none): anyone can forge it; use it only for negative tests.',
    })
    const encode = (value: unknown) => base64url.encode(JSON.stringify(value))
    return { token: `${encode(header)}.${encode(payload)}.`, header, payload, key: null, warnings }
  }

  if (request.key === undefined) {
    throw new WorkbenchError(
      'ERR_NO_KEY',
      'No signing key: give a secret, a key or a stored key name.',
    )
  }
  const source = localSourceOf(request.key)
  if (source === undefined) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      'Minting signs with a private key or secret: a JWKS URL, an issuer or a trusted issuer holds public keys only.',
    )
  }
  const { keys, refused } = await resolveLocalKeys(source, ctx, 'sign')
  if (keys.length === 0 && refused[0]) throw new WorkbenchError(refused[0].code, refused[0].message)
  const key = pickSigningKey(keys)
  assertUsableFor(key.description, 'sign')
  const alg = request.alg ?? defaultAlg(key, template?.alg)
  if (!key.description.algs.includes(alg)) {
    throw new WorkbenchError(
      'ERR_KEY_ALG_MISMATCH',
      `${alg} does not fit this key (${key.description.detail}); it signs ${key.description.algs.join(', ') || 'nothing supported'}.`,
    )
  }
  if (key.signing instanceof Uint8Array && isHmacAlg(alg)) {
    const minimum = hmacMinBytes(alg)
    if (key.signing.length < minimum) {
      const message = `The secret is ${key.signing.length} bytes; ${alg} needs at least ${minimum} (RFC 7518 §3.2). Use a longer random secret.`
      if (request.strict) throw new WorkbenchError('ERR_WEAK_SECRET', message)
      warnings.push({ code: 'WEAK_SECRET', message })
    }
  }

  Object.assign(header, request.header, { alg })
  setTyp(header, request)
  const kid =
    request.kid === undefined
      ? (header['kid'] ?? key.description.kid ?? key.description.thumbprint)
      : request.kid
  if (kid !== null && kid !== undefined && kid !== '') header['kid'] = kid
  else delete header['kid']
  if (request.cty !== undefined) header['cty'] = request.cty
  // We always base64url-encode the payload, so a b64 header (RFC 7797) would describe the
  // token wrongly. crit is allowed: a workbench mints tokens that test verifiers.
  if ('b64' in header) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      'The b64 header (unencoded payload, RFC 7797) is not supported when minting.',
    )
  }

  const encoder = new TextEncoder()
  const token = signCompact(
    encoder.encode(JSON.stringify(header)),
    encoder.encode(JSON.stringify(payload)),
    alg,
    key.signing!,
  )
  return { token, header, payload, key: key.description, warnings }
}

/** The header's typ: a typ given in the header is minted as given; else typ, or JWT; null: none. */
function typOf(request: MintRequest): string | undefined {
  const given = request.header?.['typ']
  if (typeof given === 'string') return given
  return request.typ === null ? undefined : (request.typ ?? 'JWT')
}

function setTyp(header: Record<string, unknown>, request: MintRequest): void {
  const typ = typOf(request)
  if (typ === undefined) delete header['typ']
  else header['typ'] = typ
}

function pickSigningKey(keys: UsableKey[]): UsableKey {
  const signing = keys.filter((k) => k.signing !== undefined)
  if (signing.length === 0) {
    throw new WorkbenchError(
      'ERR_NO_KEY',
      'This is a public key: minting needs the private key (or a secret).',
    )
  }
  if (signing.length > 1) {
    throw new WorkbenchError(
      'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
      'The JWKS holds several private keys; pick one with its kid.',
    )
  }
  return signing[0]!
}

function defaultAlg(key: UsableKey, templateAlg: JwsAlg | undefined): JwsAlg {
  // The key decides: a template's algorithm applies only when the key can sign with it (a
  // stored key or a key file keeps its own; an HMAC secret takes the template's HS size).
  if (templateAlg !== undefined && key.description.algs.includes(templateAlg)) return templateAlg
  const first = key.description.algs[0]
  if (first === undefined) {
    throw new WorkbenchError(
      'ERR_UNSUPPORTED_ALG',
      `No supported algorithm for ${key.description.detail}.`,
    )
  }
  return first
}

function orderClaims(claims: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {}
  for (const name of REGISTERED_ORDER) if (name in claims) ordered[name] = claims[name]
  for (const [name, value] of Object.entries(claims)) if (!(name in ordered)) ordered[name] = value
  return ordered
}
