/**
 * Remote keys as they cross the contract: a fetched JWK Set described (never a private
 * member), its cache state and rotation, findings on the set, and trusted issuers.
 */
import type { z } from 'zod/mini'
import type {
  CachedDocumentSchema,
  JwkSummarySchema,
  JwksFindingSchema,
  JwksReportSchema,
  TrustedIssuerSchema,
} from './shapes/jwks'
import type { RemoteOriginSchema } from './shapes/verify'

/** Where a verification's key came from when it was fetched. */
export type RemoteOrigin = z.infer<typeof RemoteOriginSchema>
/** One key of a fetched set: what it is, never what it holds. */
export type JwkSummary = z.infer<typeof JwkSummarySchema>
/** Something wrong or risky about a published set. */
export type JwksFinding = z.infer<typeof JwksFindingSchema>
/** A JWK Set fetched (or read from the cache), explained. */
export type JwksReport = z.infer<typeof JwksReportSchema>
/** A cached document, as listed. */
export type CachedDocument = z.infer<typeof CachedDocumentSchema>
/** An issuer whose keys are fetched by discovery for tokens it issued, with no key given. */
export type TrustedIssuer = z.infer<typeof TrustedIssuerSchema>
