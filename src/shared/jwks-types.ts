/**
 * Remote keys as they cross the contract: a fetched JWK Set described (never a private
 * member), its cache state and rotation, findings on the set, and trusted issuers.
 */

/** Where a verification's key came from when it was fetched. */
export interface RemoteOrigin {
  /** The JWK Set URL the key was read from. */
  jwksUri: string
  /** The issuer whose discovery document named that URL. */
  issuer?: string
  /** When the copy in use was fetched (ISO 8601). */
  fetchedAt: string
  /** Seconds since the copy was last confirmed by the server. */
  ageSeconds: number
  /** True when the server could not be reached and an older copy was used. */
  stale: boolean
  /** Why the copy is stale: the failure of the fetch that did not work. */
  staleBecause?: { code: string; message: string }
}

/** One key of a fetched set: what it is, never what it holds. */
export interface JwkSummary {
  kid?: string
  kty: string
  alg?: string
  use?: string
  /** 'RSA 2048 bits', 'EC P-256', 'Ed25519', or the reason it cannot be used. */
  detail: string
  /** RFC 7638 thumbprint, for keys that can be read. */
  thumbprint?: string
  /** The first certificate of its x5c chain. */
  certificate?: { subject: string; notAfter: string; expired: boolean }
  /** False when the key cannot verify (unsupported, malformed, weak, or not for signatures). */
  usable: boolean
}

/** Something wrong or risky about a published set. */
export interface JwksFinding {
  code:
    | 'private_members'
    | 'symmetric_key'
    | 'rsa_short'
    | 'key_weak'
    | 'duplicate_kid'
    | 'missing_kid'
    | 'no_alg_or_use'
    | 'certificate_expired'
    | 'unusable_key'
  severity: 'error' | 'warning' | 'info'
  message: string
}

/** The cache entry behind a report. */
export interface JwksCacheState {
  fetchedAt: string
  /** Last time the server confirmed the copy (a 200 or a 304). */
  checkedAt: string
  ageSeconds: number
  /** How long a copy is used without asking the server again. */
  maxAgeSeconds: number
  fresh: boolean
  stale: boolean
  staleBecause?: { code: string; message: string }
  etag?: string
  lastModified?: string
}

/** A JWK Set fetched (or read from the cache), explained. */
export interface JwksReport {
  jwksUri: string
  issuer?: string
  keys: JwkSummary[]
  cache: JwksCacheState
  /** kids (or thumbprints, for keys without kid) added and removed since the previous copy. */
  rotation: { added: string[]; removed: string[]; since?: string }
  findings: JwksFinding[]
}

/** A cached document, as listed. */
export interface CachedDocument {
  url: string
  kind: 'jwks' | 'discovery'
  fetchedAt: string
  checkedAt: string
  maxAgeSeconds: number
  keys?: number
}

/** An issuer whose keys are fetched by discovery for tokens it issued, with no key given. */
export interface TrustedIssuer {
  issuer: string
  name?: string
  /** Expected audience, checked when the caller gives none. */
  audience?: string
  /** Added to accept tokens for any of its clients (no audience check). */
  anyAudience?: boolean
  addedAt: string
}
