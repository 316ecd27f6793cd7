/** Contract handlers for stored keys, saved credentials and the local issuer toggle. */
import type { Handlers } from '../../shared/api'
import type { AppContext } from './context'
import { onFirstUse } from '../../shared/on-first-use'

type KeyMethods =
  | 'keys.list'
  | 'keys.generate'
  | 'keys.import'
  | 'keys.exportPublic'
  | 'keys.exportPrivate'
  | 'keys.rotate'
  | 'keys.delete'
  | 'keys.setKid'
  | 'keys.setTags'
  | 'keys.orphans'
  | 'keys.recover'
  | 'creds.list'
  | 'creds.set'
  | 'creds.get'
  | 'creds.getByHost'
  | 'creds.delete'
  | 'issuer.start'
  | 'issuer.stop'
  | 'issuer.status'

/** One issuer per handler table: the app's start/stop toggle. */
export function createKeyHandlers(ctx: AppContext): Pick<Handlers, KeyMethods> {
  const keys = () => ctx.keys
  const creds = () => ctx.credentials
  // Loaded on first use, like the services (see handlers.ts).
  const issuer = onFirstUse(async () =>
    (await import('./issuer/issuer-server')).createIssuerToggle(ctx),
  )
  const recovery = onFirstUse(() => import('./recovery/keychain-recovery'))
  return {
    'keys.list': () => keys().list(),
    'keys.generate': ({ name, ...options }) => keys().generate(name, options),
    'keys.import': ({ name, text, ...options }) => keys().importKey(name, text, options),
    'keys.exportPublic': (name, format) => keys().exportPublic(name, format),
    'keys.exportPrivate': (name, format) => keys().exportPrivate(name, format),
    'keys.rotate': (name) => keys().rotate(name),
    'keys.delete': async (name, options) => {
      await keys().remove(name, options ?? {})
      return { deleted: true as const }
    },
    'keys.setKid': (name, kid) => keys().setKid(name, kid),
    'keys.setTags': (name, tags) => keys().setTags(name, tags),
    'keys.orphans': async () => (await recovery()).findOrphans(ctx),
    'keys.recover': async ({ action, accounts }) =>
      (await recovery()).recoverOrphans(ctx, ctx.keys, action, accounts),
    'creds.list': () => creds().list(),
    'creds.set': (input) => creds().set(input),
    'creds.get': (name) => creds().get(name),
    'creds.getByHost': (host) => creds().getByHost(host),
    'creds.delete': async (name) => {
      await creds().remove(name)
      return { deleted: true as const }
    },
    'issuer.start': async (options) => (await issuer()).start(options),
    'issuer.stop': async () => (await issuer()).stop(),
    'issuer.status': async () => (await issuer()).status(),
  }
}
