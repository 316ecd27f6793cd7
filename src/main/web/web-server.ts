/**
 * Browser mode: the built renderer and the contract over HTTP, on 127.0.0.1 only. The printed
 * URL carries a one-time login code (in the fragment, so no request line, log or Referer ever
 * holds it); the page trades it once for a session credential it keeps in sessionStorage
 * (scoped to this origin, port included) and sends as `Authorization: Bearer`. There are no
 * cookies: a cookie would reach every other server on 127.0.0.1, whatever its port. The Host
 * header is checked (DNS rebinding), the Origin too; no CORS; the same CSP as the app; slow
 * requests are cut off and connections capped.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { ErrorPayload } from '../../shared/errors'
import { LIMITS } from '../../shared/limits'
import { CONTENT_SECURITY_POLICY } from '../core/csp'
import type { Dispatch } from '../core/dispatch'
import { readStaticFile } from '../core/static-files'
import { createSessions, DEFAULT_IDLE_MS } from './sessions'

export interface WebServerOptions {
  dispatch: Dispatch
  rendererDir: string
  /** 0 (the default) picks a free port. */
  port?: number
  /** Sessions end after this long without a request (default 12 h). */
  idleMs?: number
}

export interface WebServer {
  /** A fresh one-time login URL (each call makes a new code; every code works once). */
  newLoginUrl(): string
  /** A session credential for scripts (Authorization: Bearer), never put in a URL. */
  newApiToken(): string
  port: number
  close(): Promise<void>
}

/** Where the page trades a login code for a session credential. */
export const LOGIN_PATH = '/session'
/**
 * Timeouts and caps that keep one slow or greedy client from holding the server. A connection
 * is unauthenticated until it carries a request with a valid session credential; those have a
 * cap of their own, and past it the oldest one is closed, so a pile of half-sent requests can
 * never hold the slots the signed-in page needs. A browser on 127.0.0.1 sends its headers at
 * once: 3 s is generous.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 3_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxUnauthenticatedConnections: 32,
  maxConnections: 256,
  maxRequestsPerSocket: 1000,
  loginBodyBytes: 1024,
} as const

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
}

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const sessions = createSessions({ idleMs: options.idleMs ?? DEFAULT_IDLE_MS })
  const server: Server = createServer(
    {
      headersTimeout: SERVER_LIMITS.headersTimeoutMs,
      requestTimeout: SERVER_LIMITS.requestTimeoutMs,
      keepAliveTimeout: SERVER_LIMITS.keepAliveTimeoutMs,
      // How often Node looks for requests past their timeouts (its default is 30 s).
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent)
          sendJson(res, 500, errorBody('ERR_INTERNAL', 'Unexpected internal error.'))
        else res.destroy()
      })
    },
  )
  server.maxConnections = SERVER_LIMITS.maxConnections
  server.maxRequestsPerSocket = SERVER_LIMITS.maxRequestsPerSocket
  // In order of arrival: the first is the oldest, closed when a new one would pass the cap.
  const unauthenticated = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    unauthenticated.add(socket)
    socket.once('close', () => unauthenticated.delete(socket))
    if (unauthenticated.size > SERVER_LIMITS.maxUnauthenticatedConnections) {
      const oldest = unauthenticated.values().next().value
      if (oldest !== undefined) {
        unauthenticated.delete(oldest)
        oldest.destroy()
      }
    }
  })
  let port = 0

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return sendJson(
        res,
        403,
        errorBody('ERR_FORBIDDEN_HOST', 'Forbidden: unexpected Host header.'),
      )
    }
    const url = new URL(req.url ?? '/', `http://${host}`)
    const isApi = url.pathname.startsWith('/api/')
    if (isApi || url.pathname === LOGIN_PATH) {
      if (req.method !== 'POST') {
        return sendJson(res, 405, errorBody('ERR_INVALID_ARGUMENT', 'Use POST with a JSON body.'))
      }
      const origin = req.headers.origin
      if (origin !== undefined && origin !== `http://${host}`) {
        return sendJson(
          res,
          403,
          errorBody('ERR_FORBIDDEN_HOST', 'Forbidden: cross-origin request.'),
        )
      }
      if (!isApi) {
        const body = await readJsonBody(req, res, SERVER_LIMITS.loginBodyBytes)
        return body === undefined ? undefined : handleLogin(res, body)
      }
      // The credential is checked before a byte of the body is read or parsed.
      if (!isAuthorized(req)) {
        res.setHeader('connection', 'close')
        return sendJson(
          res,
          401,
          errorBody(
            'ERR_UNAUTHORIZED',
            'Not signed in: open the login link `jwtw ui` printed (press Enter in its terminal for a new one).',
          ),
        )
      }
      unauthenticated.delete(req.socket)
      const body = await readJsonBody(req, res, LIMITS.requestBodyBytes)
      if (body === undefined) return
      const result = await options.dispatch(url.pathname.slice(5), body)
      return sendJson(res, result.ok ? 200 : statusOf(result.error), result)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Method not allowed')
    // The page and its assets are the public UI; the contract behind /api/ needs a session.
    const file = await readStaticFile(options.rendererDir, url.pathname)
    if (!file) return sendText(res, 404, 'Not found')
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.contentType })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  function handleLogin(res: ServerResponse, body: unknown): void {
    const code = (body as { code?: unknown } | null)?.code
    const credential =
      typeof code === 'string' && code.length <= 128 ? sessions.exchange(code) : null
    if (credential === null) {
      return sendJson(
        res,
        401,
        errorBody(
          'ERR_UNAUTHORIZED',
          'This login link was already used or has expired. Press Enter in the terminal running `jwtw ui` for a new one.',
        ),
      )
    }
    sendJson(res, 200, { ok: true, value: { credential } })
  }

  function isAuthorized(req: IncomingMessage): boolean {
    const auth = req.headers.authorization
    return auth?.startsWith('Bearer ') === true && sessions.check(auth.slice(7))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  return {
    newLoginUrl: () => `http://127.0.0.1:${port}/#login=${sessions.newLoginCode()}`,
    newApiToken: () => sessions.newApiToken(),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The parsed JSON body, or undefined after answering 413/400 itself. */
async function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  cap: number,
): Promise<unknown> {
  const text = await readBody(req, cap)
  if (text === null) {
    sendJson(res, 413, errorBody('ERR_INPUT_TOO_LARGE', 'Request body is too large.'))
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    sendJson(res, 400, errorBody('ERR_INVALID_ARGUMENT', 'The body must be JSON.'))
    return undefined
  }
}

function statusOf(error: ErrorPayload): number {
  switch (error.code) {
    case 'ERR_INVALID_ARGUMENT':
      return 400
    case 'ERR_UNKNOWN_METHOD':
      return 404
    case 'ERR_INTERNAL':
      return 500
    default:
      return 200
  }
}

function errorBody(code: ErrorPayload['code'], message: string) {
  return { ok: false, error: { code, message } }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}

function readBody(req: IncomingMessage, cap: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > cap) {
        req.removeAllListeners('data')
        req.resume()
        resolve(null)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
