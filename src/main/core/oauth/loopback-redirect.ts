/**
 * The code flow's redirect (RFC 8252 §7.3): a one-shot HTTP listener on 127.0.0.1, on an
 * ephemeral port unless the profile's redirect URI names one. It answers the first request to
 * the redirect path, then closes; it closes on timeout and on cancel too. Only loopback http
 * redirect URIs are accepted: the workbench must receive the code itself.
 */
import { createServer, type Server } from 'node:http'
import { WorkbenchError } from '../../../shared/errors'

export interface LoopbackListener {
  /** The redirect URI with the port actually bound. */
  redirectUri: string
  /** The full URL of the first request to the redirect path. */
  callback: Promise<URL>
  close(): void
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font:16px system-ui;margin:3em"><h1>${title}</h1><p>${text}</p>`

/** Listens for the redirect; `callback` rejects on timeout or abort (ERR_OAUTH_TIMEOUT, ERR_CANCELLED). */
export async function listenForRedirect(
  redirect: URL,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<LoopbackListener> {
  const host = redirect.hostname === '[::1]' ? '::1' : '127.0.0.1'
  let settle!: { resolve: (url: URL) => void; reject: (error: Error) => void }
  const callback = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }))
  callback.catch(() => {})
  let done = false
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`)
    response.setHeader('content-type', 'text/html; charset=utf-8')
    response.setHeader('cache-control', 'no-store')
    response.setHeader('referrer-policy', 'no-referrer')
    if (done || request.method !== 'GET' || url.pathname !== redirect.pathname) {
      response.statusCode = 404
      response.end(PAGE('Not found', 'This is JWT Workbench waiting for a sign-in.'))
      return
    }
    done = true
    const failed = url.searchParams.has('error')
    response.end(
      failed
        ? PAGE(
            'Sign-in failed',
            'The provider answered with an error; JWT Workbench shows it. You can close this tab.',
          )
        : PAGE('Signed in', 'JWT Workbench has the answer. You can close this tab.'),
    )
    // The exact redirect URI plus the answer's query: the token request repeats that URI.
    const answer = boundUri()
    answer.search = url.search
    settle.resolve(answer)
    close()
  })
  const boundUri = () => {
    const bound = new URL(redirect.href)
    bound.port = String((server.address() as { port: number } | null)?.port ?? 0)
    return bound
  }
  const timer = setTimeout(() => {
    settle.reject(
      new WorkbenchError(
        'ERR_OAUTH_TIMEOUT',
        `No answer from the browser within ${Math.round(timeoutMs / 1000)} s: the sign-in was not finished. Run it again.`,
      ),
    )
    close()
  }, timeoutMs)
  const onAbort = () => {
    settle.reject(new WorkbenchError('ERR_CANCELLED', 'The sign-in was cancelled.'))
    close()
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  function close() {
    done = true
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
    server.close()
    server.closeAllConnections()
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new WorkbenchError(
          error.code === 'EADDRINUSE' ? 'ERR_PORT_IN_USE' : 'ERR_OAUTH_REDIRECT_URI',
          `Cannot listen on ${host}:${redirect.port || 'an ephemeral port'} for the redirect: ${error.message}.`,
        ),
      ),
    )
    server.listen(Number(redirect.port || 0), host, () => resolve())
  })
  return { redirectUri: boundUri().href, callback, close }
}
