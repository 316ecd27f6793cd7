/**
 * Token flows as jobs for the app (see jobs.ts): the code flow waits for the browser and the
 * device flow for the user, so the UI starts one, polls its progress (the authorization URL,
 * the user code and its expiry) and gets the tokens, or cancels it (the listener closes).
 */
import type { TokenRequest } from '../../../shared/oauth-schemas'
import type { TokenStatus } from '../../../shared/oauth-types'
import type { AppContext } from '../context'
import { createJobRegistry } from '../jobs'
import { obtainToken, type FlowHooks } from './obtain-token'

export interface TokenJobs {
  start(request: TokenRequest): { jobId: string }
  status(jobId: string): TokenStatus
  cancel(jobId: string): Promise<TokenStatus>
  settled(jobId: string): Promise<TokenStatus>
}

export function createTokenJobs(
  ctx: AppContext,
  openBrowser?: FlowHooks['openBrowser'],
): TokenJobs {
  const jobs = createJobRegistry<TokenStatus>('token')
  return {
    start(request) {
      ctx.clients.get(request.profile) // an unknown profile is refused now, not in the status
      return jobs.start(
        { progress: { phase: 'starting' } },
        undefined,
        (signal, status) =>
          obtainToken(request, ctx, {
            signal,
            onProgress: (progress) => (status.progress = progress),
            ...(openBrowser ? { openBrowser } : {}),
          }),
        (status, result) => (status.result = result),
      )
    },
    status: jobs.status,
    cancel: jobs.cancel,
    settled: jobs.settled,
  }
}
