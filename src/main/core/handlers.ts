/** The handler table: one plain-Node implementation per contract method. */
import type { Handlers } from '../../shared/api'
import type { AppContext } from './context'
import { createKeyHandlers } from './keychain-handlers'
import { createAuditJobs } from './audit/audit-jobs'
import { createScanJobs } from './scan/scan-jobs'
import { generateSecretFor, saveSecretAsKey } from './secrets/secret-service'
import { decodeText } from '../../shared/token-decode'
import { mintToken } from './mint/mint'
import { remoteOptions } from './jwks/remote-key-source'
import { WorkbenchError } from '../../shared/errors'
import { historyAdd, historyClear, historyList } from './history'
import { remotePreferences, setRemotePreferences, setUiState, uiState } from './preferences'
import { verifyToken } from './verify/verify'
import { decryptToken } from './jwe/decrypt'
import { runtimeSupport } from './runtime-algorithms'
import { createTokenJobs } from './oauth/token-jobs'
import { dpopProof } from './oauth/dpop-proof'
import { listRecipes, removeRecipe, runRecipe, saveRecipe } from './oauth/token-recipes'

/**
 * Builds the table the IPC layer, the browser-mode server and tests dispatch through.
 * `openBrowser`: the desktop app opens a code flow's sign-in page in the system browser itself.
 */
export function createHandlers(
  ctx: AppContext,
  options: { openBrowser?: (url: string) => void } = {},
): Handlers {
  const audits = createAuditJobs()
  const scans = createScanJobs(ctx)
  const tokens = createTokenJobs(ctx, options.openBrowser)
  return {
    decode: (text) => decodeText(text, ctx.now()),
    mint: (request) => mintToken(request, ctx),
    verify: (request) => verifyToken(request, ctx),
    decrypt: (request) => decryptToken(request, ctx),
    'runtime.algorithms': () => runtimeSupport.algorithms(),
    ...createKeyHandlers(ctx),
    'secret.generate': (request) => generateSecretFor(ctx, request),
    'secret.save': ({ name, secret, alg }) => saveSecretAsKey(ctx, name, secret, alg),
    'audit.start': (request) => audits.start(request),
    'audit.status': (jobId) => audits.status(jobId),
    'audit.cancel': (jobId) => audits.cancel(jobId),
    'scan.start': (request) => scans.start(request),
    'scan.push': (jobId, chunk) => scans.push(jobId, chunk),
    'scan.status': (jobId) => scans.status(jobId),
    'scan.cancel': (jobId) => scans.cancel(jobId),
    'scan.token': (jobId, sha256) => scans.token(jobId, sha256),
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
    'token.start': (request) => tokens.start(request),
    'token.status': (jobId) => tokens.status(jobId),
    'token.cancel': (jobId) => tokens.cancel(jobId),
    'recipes.list': () => listRecipes(ctx),
    'recipes.save': ({ recipe, replace }) => saveRecipe(ctx, recipe, replace),
    'recipes.remove': async (name) => {
      await removeRecipe(ctx, name)
      return { removed: true as const }
    },
    'recipes.run': (run) => runRecipe(run, ctx),
    'dpop.proof': (request) => dpopProof(request, ctx),
    'files.pick': () => {
      throw new WorkbenchError(
        'ERR_NOT_AVAILABLE',
        'Browser mode cannot open the desktop file dialog: type a path on this machine, or drop the file on the window.',
      )
    },
  }
}
