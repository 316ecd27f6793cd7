/**
 * A fetched JWK Set checked and cut down to what may be kept: only public members are used or
 * stored, and what is wrong with the set (private parts published, weak or unusable keys,
 * duplicate or missing kids, expired certificates) becomes findings, never silence.
 */
import { X509Certificate } from 'node:crypto'
import { WorkbenchError } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import type { JwkSummary, JwksFinding } from '../../../shared/jwks-types'
import { clip } from '../../../shared/redact'
import { parseKeyText } from '../keys/key-parse'
import { asymmetricKey } from '../keys/usable-key'

/** Members that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4, RFC 8037). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

/** A set with only public members, and the findings made while cutting it down. */
export interface PublicSet {
  keys: Array<Record<string, unknown>>
  findings: JwksFinding[]
}

/** Validates a JWK Set document and keeps only public members of its asymmetric keys. */
export function publicSet(json: unknown, url: string): PublicSet {
  if (!isRecord(json) || !Array.isArray(json['keys'])) {
    throw new WorkbenchError(
      'ERR_JWKS_INVALID',
      `${clip(url, 200)} is JSON but not a JWK Set (an object with a "keys" array).`,
    )
  }
  const findings: JwksFinding[] = []
  const keys: Array<Record<string, unknown>> = []
  for (const [i, raw] of json['keys'].entries()) {
    if (!isRecord(raw)) continue
    const label = typeof raw['kid'] === 'string' ? `kid "${clip(raw['kid'], 64)}"` : `key #${i + 1}`
    if (raw['kty'] === 'oct') {
      findings.push({
        code: 'symmetric_key',
        severity: 'error',
        message: `The set publishes an HMAC secret (${label}, kty oct): that secret is now public, so anyone can forge with it. It is neither used nor stored.`,
      })
      continue
    }
    const leaked = PRIVATE_MEMBERS.filter((m) => m in raw)
    if (leaked.length > 0) {
      findings.push({
        code: 'private_members',
        severity: 'error',
        message: `The set publishes private key material for ${label} (${leaked.join(', ')}): that key is compromised. Only its public part is used, and nothing private is stored.`,
      })
    }
    const copy: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(raw)) {
      if (!(PRIVATE_MEMBERS as readonly string[]).includes(name)) copy[name] = value
    }
    keys.push(copy)
  }
  return { keys, findings }
}

/** Each key described, and the findings on the set as a whole. */
export async function describeSet(
  set: PublicSet,
  now: Date,
): Promise<{ keys: JwkSummary[]; findings: JwksFinding[] }> {
  const findings = [...set.findings]
  const summaries: JwkSummary[] = []
  const kids = new Map<string, number>()
  let withoutKid = 0
  for (const jwk of set.keys) {
    const kid = typeof jwk['kid'] === 'string' ? jwk['kid'] : undefined
    if (kid === undefined) withoutKid++
    else kids.set(kid, (kids.get(kid) ?? 0) + 1)
    summaries.push(await summarize(jwk, now, findings))
  }
  const duplicates = [...kids].filter(([, n]) => n > 1).map(([k]) => k)
  if (duplicates.length > 0) {
    findings.push({
      code: 'duplicate_kid',
      severity: 'error',
      message: `Several keys share kid ${duplicates.map((k) => `"${clip(k, 64)}"`).join(', ')}: a verifier cannot tell them apart, so tokens naming it are refused.`,
    })
  }
  if (withoutKid > 1) {
    findings.push({
      code: 'missing_kid',
      severity: 'warning',
      message: `${withoutKid} keys have no kid: verifiers must try each one, and rotation cannot be followed.`,
    })
  }
  if (set.keys.some((k) => k['alg'] === undefined && k['use'] === undefined)) {
    findings.push({
      code: 'no_alg_or_use',
      severity: 'info',
      message:
        'Some keys say neither "alg" nor "use": a verifier must decide by itself what they are for.',
    })
  }
  return { keys: summaries, findings }
}

async function summarize(
  jwk: Record<string, unknown>,
  now: Date,
  findings: JwksFinding[],
): Promise<JwkSummary> {
  const summary: JwkSummary = { kty: String(jwk['kty'] ?? '?'), detail: '', usable: false }
  if (typeof jwk['kid'] === 'string') summary.kid = jwk['kid']
  if (typeof jwk['alg'] === 'string') summary.alg = jwk['alg']
  if (typeof jwk['use'] === 'string') summary.use = jwk['use']
  const label =
    summary.kid === undefined ? `a key of type ${summary.kty}` : `kid "${clip(summary.kid, 64)}"`
  const certificate = firstCertificate(jwk, now)
  if (certificate) {
    summary.certificate = certificate
    if (certificate.expired) {
      findings.push({
        code: 'certificate_expired',
        severity: 'warning',
        message: `The certificate of ${label} expired on ${certificate.notAfter}.`,
      })
    }
  }
  const parsed = parseKeyText(JSON.stringify({ keys: [jwk] }))
  const refused = parsed.refused[0]
  if (refused) {
    summary.detail = refused.message
    const weak = refused.code === 'ERR_KEY_WEAK'
    findings.push({
      code: weak
        ? /modulus is \d+ bits/.test(refused.message)
          ? 'rsa_short'
          : 'key_weak'
        : 'unusable_key',
      severity: weak ? 'error' : 'info',
      message: weak ? refused.message : `${label} cannot verify JWS here: ${refused.message}`,
    })
    return summary
  }
  const key = parsed.keys[0]!
  if (key.key instanceof Uint8Array) return summary
  const { description } = await asymmetricKey(key.key, 'jwks')
  summary.detail = description.detail
  summary.thumbprint = description.thumbprint!
  summary.usable = summary.use === undefined || summary.use === 'sig'
  return summary
}

function firstCertificate(
  jwk: Record<string, unknown>,
  now: Date,
): JwkSummary['certificate'] | undefined {
  const chain = jwk['x5c']
  if (!Array.isArray(chain) || typeof chain[0] !== 'string') return undefined
  try {
    const cert = new X509Certificate(Buffer.from(chain[0], 'base64'))
    const notAfter = new Date(cert.validTo)
    return {
      subject: cert.subject.replace(/\n/g, ', '),
      notAfter: notAfter.toISOString(),
      expired: notAfter.getTime() < now.getTime(),
    }
  } catch {
    return undefined
  }
}
