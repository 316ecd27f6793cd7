import type { z } from 'zod/mini'
import type { MintTemplateSchema } from './shapes/templates'
/** Mint templates: plain data for the common token shapes, used by the renderer and the CLI. */

export const TEMPLATE_NAMES = [
  'service-client',
  'dashboard-user',
  'oidc-user-profile',
  'short-lived-api-token',
  'game-server-identity',
] as const

export type TemplateName = (typeof TEMPLATE_NAMES)[number]

/** A starting point for a token; the request's own fields win over it. */
export type MintTemplate = z.infer<typeof MintTemplateSchema>

/**
 * The templates, in display order.
 *
 * @example
 * TEMPLATES['dashboard-user'].expiresIn // '24h'
 */
export const TEMPLATES: Record<TemplateName, MintTemplate> = {
  'service-client': {
    name: 'service-client',
    title: 'Service client',
    description: 'Machine-to-machine client: only a subject, HS256, no expiry.',
    alg: 'HS256',
    expiresIn: null,
    claims: { sub: 'service-client' },
  },
  'dashboard-user': {
    name: 'dashboard-user',
    title: 'Dashboard user',
    description: 'A signed-in user of a web dashboard, valid for 24 hours.',
    alg: 'HS256',
    expiresIn: '24h',
    claims: { sub: 'user-1234', name: 'Ada Lovelace', role: 'admin' },
  },
  'oidc-user-profile': {
    name: 'oidc-user-profile',
    title: 'OIDC user profile',
    description: 'An OpenID Connect ID token with profile and organization claims, RS256, 1 hour.',
    alg: 'RS256',
    expiresIn: '1h',
    claims: {
      iss: 'https://id.example.com',
      aud: 'dashboard-app',
      sub: 'user-1234',
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      role: 'member',
      tenant_id: 'tenant-42',
      organization_ids: ['org-1', 'org-2'],
      org_role: 'owner',
    },
  },
  'short-lived-api-token': {
    name: 'short-lived-api-token',
    title: 'Short-lived API token',
    description: 'An access token for an API call, valid for 10 minutes.',
    alg: 'HS256',
    expiresIn: '10m',
    claims: { sub: 'api-client', scope: 'read' },
  },
  'game-server-identity': {
    name: 'game-server-identity',
    title: 'Game-server identity',
    description: 'Identity of a game server instance, ES256, 24 hours.',
    alg: 'ES256',
    expiresIn: '24h',
    claims: { sub: 'game-server-eu-1', region: 'eu-west' },
  },
}
