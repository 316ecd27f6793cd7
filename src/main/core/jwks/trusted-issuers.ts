/**
 * Trusted issuers: a token whose iss is one of these verifies with no key given, its keys
 * found by discovery. Nothing else is ever fetched from a token's own claims.
 */
import * as z from 'zod/mini'
import { WorkbenchError } from '../../../shared/errors'
import type { TrustedIssuer } from '../../../shared/jwks-types'
import { clip } from '../../../shared/redact'
import type { CoreEnv } from '../env'
import { checkRemoteUrl } from './remote-url'

const SECTION = 'trustedIssuers'
const TrustedSchema = z.lazy(() =>
  z.looseObject({
    issuer: z.string().check(z.minLength(1)),
    name: z.optional(z.string()),
    audience: z.optional(z.string()),
    anyAudience: z.optional(z.boolean()),
    addedAt: z.string(),
  }),
)

export interface TrustedIssuers {
  list(): TrustedIssuer[]
  /** The trusted issuer whose URL is exactly `iss`. */
  find(iss: string): TrustedIssuer | undefined
  add(
    issuer: string,
    options?: { name?: string; audience?: string; anyAudience?: boolean; insecureHttp?: boolean },
  ): Promise<TrustedIssuer>
  remove(issuer: string): Promise<void>
}

export function openTrustedIssuers(env: CoreEnv): TrustedIssuers {
  const list = (): TrustedIssuer[] => {
    const raw = env.settings.get(SECTION)
    if (!Array.isArray(raw)) return []
    return raw.flatMap((item) => {
      const parsed = TrustedSchema.safeParse(item)
      return parsed.success ? [parsed.data as TrustedIssuer] : []
    })
  }
  return {
    list,
    find: (iss) => list().find((t) => t.issuer === iss),
    async add(issuer, options = {}) {
      // The same URL rules as a fetch: https, or http to this machine.
      checkRemoteUrl(issuer, 'DISCOVERY', options)
      const entry: TrustedIssuer = {
        issuer,
        ...(options.name ? { name: options.name } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
        ...(options.anyAudience && !options.audience ? { anyAudience: true } : {}),
        addedAt: env.now().toISOString(),
      }
      await env.settings.update(SECTION, (current) => {
        const kept = (Array.isArray(current) ? current : []).filter(
          (t) => (t as { issuer?: unknown } | null)?.issuer !== issuer,
        )
        return [...kept, entry as never]
      })
      return entry
    },
    async remove(issuer) {
      if (!list().some((t) => t.issuer === issuer)) {
        throw new WorkbenchError(
          'ERR_ISSUER_NOT_TRUSTED',
          `${clip(issuer, 200)} is not a trusted issuer. Run \`jwtw issuers list\`.`,
        )
      }
      await env.settings.update(SECTION, (current) =>
        (Array.isArray(current) ? current : []).filter(
          (t) => (t as { issuer?: unknown } | null)?.issuer !== issuer,
        ),
      )
    },
  }
}
