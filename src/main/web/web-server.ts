/**
 * Browser mode: the built renderer and the contract over HTTP, on 127.0.0.1 only. A random
 * per-launch session token (carried once by the printed URL, then an HttpOnly cookie) guards
 * every request; the Host header is checked against DNS rebinding; no CORS; the same CSP.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ErrorPayload } from '../../shared/errors'
import { CONTENT_SECURITY_POLICY } from '../core/csp'
import type { Dispatch } from '../core/dispatch'
import { readStaticFile } from '../core/static-files'
import { LIMITS } from '../../shared/limits'

export interface WebServerOptions {
  dispatch: Dispatch
  rendererDir: string
  /** 0 (the default) picks a free port. */
  port?: number
}

export interface WebServer {
  /** The one-time URL that logs a browser in. */
  url: string
  port: number
  /** The session token itself, for non-browser clients (Authorization: Bearer). */
  token: string
  close(): Promise<void>
}

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
  const token = randomBytes(32).toString('base64url')
  let loginToken: string | null = token
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, errorBody('ERR_INTERNAL', 'Unexpected internal error.'))
      else res.destroy()
    })
  })
  let port = 0
  const cookieName = () => `jwtw_session_${port}`

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
    // The one-time login: trade the URL token for a cookie and drop it from the address bar.
    const offered = url.searchParams.get('token')
    if (req.method === 'GET' && url.pathname === '/' && offered !== null) {
      if (loginToken === null || !safeEqual(offered, loginToken)) {
        return sendText(
          res,
          401,
          'This login link was already used or is wrong. Restart `jwtw ui`.',
        )
      }
      loginToken = null
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        location: '/',
        'set-cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      })
      return void res.end()
    }
    if (!isAuthorized(req)) {
      return url.pathname.startsWith('/api/')
        ? sendJson(res, 401, errorBody('ERR_UNAUTHORIZED', 'Missing or wrong session credential.'))
        : sendText(res, 401, 'Open the URL printed by `jwtw ui` to use this page.')
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice(5))
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Method not allowed')
    const file = await readStaticFile(options.rendererDir, url.pathname)
    if (!file) return sendText(res, 404, 'Not found')
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.contentType })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') {
      return sendJson(res, 405, errorBody('ERR_INVALID_ARGUMENT', 'Use POST with a JSON array.'))
    }
    const origin = req.headers.origin
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      return sendJson(res, 403, errorBody('ERR_FORBIDDEN_HOST', 'Forbidden: cross-origin request.'))
    }
    const body = await readBody(req)
    if (body === null) {
      return sendJson(res, 413, errorBody('ERR_INPUT_TOO_LARGE', 'Request body is too large.'))
    }
    let args: unknown
    try {
      args = JSON.parse(body)
    } catch {
      return sendJson(
        res,
        400,
        errorBody('ERR_INVALID_ARGUMENT', 'The body must be a JSON array of arguments.'),
      )
    }
    const result = await options.dispatch(method, args)
    const status = result.ok ? 200 : statusOf(result.error)
    sendJson(res, status, result)
  }

  function isAuthorized(req: IncomingMessage): boolean {
    const auth = req.headers.authorization
    if (auth?.startsWith('Bearer ') && safeEqual(auth.slice(7), token)) return true
    const cookies = parseCookies(req.headers.cookie)
    const value = cookies.get(cookieName())
    return value !== undefined && safeEqual(value, token)
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
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
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

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > LIMITS.requestBodyBytes) {
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

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  return cookies
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
