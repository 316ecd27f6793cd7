/** The handler table: one plain-Node implementation per contract method. */
import type { Handlers } from '../../shared/api'
import type { AppContext } from './context'
import { createKeyHandlers } from './keychain-handlers'
import { decodeText } from '../../shared/token-decode'
import { remoteOptions } from './jwks/remote-key-source'
import { WorkbenchError } from '../../shared/errors'
import { historyAdd, historyClear, historyList } from './history'
import { onFirstUse } from '../../shared/on-first-use'
import { remotePreferences, setRemotePreferences, setUiState, uiState } from './preferences'

/**
 * Builds the table the IPC layer, the browser-mode server and tests dispatch through.
 * `openBrowser`: the desktop app opens a code flow's sign-in page in the system browser itself.
 */
export function createHandlers(
  ctx: AppContext,
  options: { openBrowser?: (url: string) => void } = {},
): Handlers {
  // Each service is loaded on its first call: a CLI command runs one of them, so it parses
  // only that one (mint never parses verify, decrypt, the audit or the OAuth client).
  const mint = onFirstUse(() => import('./mint/mint'))
  const verify = onFirstUse(() => import('./verify/verify'))
  const decrypt = onFirstUse(() => import('./jwe/decrypt'))
  const runtime = onFirstUse(() => import('./runtime-algorithms'))
  const secrets = onFirstUse(() => import('./secrets/secret-service'))
  const audits = onFirstUse(async () => (await import('./audit/audit-jobs')).createAuditJobs())
  const scans = onFirstUse(async () => (await import('./scan/scan-jobs')).createScanJobs(ctx))
  const tokens = onFirstUse(async () =>
    (await import('./oauth/token-jobs')).createTokenJobs(ctx, options.openBrowser),
  )
  const recipes = onFirstUse(() => import('./oauth/token-recipes'))
  return {
    decode: (text) => decodeText(text, ctx.now()),
    mint: async (request) => (await mint()).mintToken(request, ctx),
    verify: async (request) => (await verify()).verifyToken(request, ctx),
    decrypt: async (request) => (await decrypt()).decryptToken(request, ctx),
    'runtime.algorithms': async () => (await runtime()).runtimeSupport.algorithms(),
    ...createKeyHandlers(ctx),
    'secret.generate': async (request) => (await secrets()).generateSecretFor(ctx, request),
    'secret.save': async ({ name, secret, alg }) =>
      (await secrets()).saveSecretAsKey(ctx, name, secret, alg),
    'audit.start': async (request) => (await audits()).start(request),
    'audit.status': async (jobId) => (await audits()).status(jobId),
    'audit.cancel': async (jobId) => (await audits()).cancel(jobId),
    'scan.start': async (request) => (await scans()).start(request),
    'scan.push': async (jobId, chunk) => (await scans()).push(jobId, chunk),
    'scan.status': async (jobId) => (await scans()).status(jobId),
    'scan.cancel': async (jobId) => (await scans()).cancel(jobId),
    'scan.token': async (jobId, sha256) => (await scans()).token(jobId, sha256),
    'jwks.fetch': (source, options) =>
      ctx.remote.report(source, {
        ...remoteOptions(options?.remote),
        ...(options?.refresh ? { refresh: true } : {}),
      }),
    'jwks.cached': () => ctx.remote.cache.list(),
    'jwks.forget': async (url) => {
      await ctx.remote.cache.forget(url)
      return { forgotten: true as const }
    },
    'issuers.list': () => ctx.trustedIssuers.list(),
    'issuers.add': ({ issuer, ...options }) => ctx.trustedIssuers.add(issuer, options),
    'issuers.remove': async (issuer) => {
      await ctx.trustedIssuers.remove(issuer)
      return { removed: true as const }
    },
    'preferences.remote': () => remotePreferences(ctx),
    'preferences.setRemote': (value) => setRemotePreferences(ctx, value),
    'preferences.ui': () => uiState(ctx),
    'preferences.setUi': (patch) => setUiState(ctx, patch),
    'history.list': () => historyList(ctx),
    'history.add': (entry) => historyAdd(ctx, entry),
    'history.clear': () => historyClear(ctx),
    'clients.list': () => ctx.clients.list(),
    'clients.get': (name) => ctx.clients.summary(name),
    'clients.add': (input) => ctx.clients.add(input),
    'clients.remove': async (name) => {
      await ctx.clients.remove(name)
      return { removed: true as const }
    },
    'token.start': async (request) => (await tokens()).start(request),
    'token.status': async (jobId) => (await tokens()).status(jobId),
    'token.cancel': async (jobId) => (await tokens()).cancel(jobId),
    'recipes.list': async () => (await recipes()).listRecipes(ctx),
    'recipes.save': async ({ recipe, replace }) =>
      (await recipes()).saveRecipe(ctx, recipe, replace),
    'recipes.remove': async (name) => {
      await (await recipes()).removeRecipe(ctx, name)
      return { removed: true as const }
    },
    'recipes.run': async (run) => (await recipes()).runRecipe(run, ctx),
    'dpop.proof': async (request) => (await import('./oauth/dpop-proof')).dpopProof(request, ctx),
    'files.pick': () => {
      throw new WorkbenchError(
        'ERR_NOT_AVAILABLE',
        'Browser mode cannot open the desktop file dialog: type a path on this machine, or drop the file on the window.',
      )
    },
  }
}
