/**
 * A local OIDC issuer (plain node:http) that publishes the public keys of stored keys, active
 * and retiring, so a backend under development can verify tokens minted by the workbench.
 * Keys are read from the settings file on every request: a rotation shows without a restart.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WorkbenchError } from '../../../shared/errors'
import type { IssuerStatus } from '../../../shared/stored-key-types'
import type { AppContext } from '../context'
import type { IssuerOptions } from '../../../shared/stored-key-schemas'

export const DEFAULT_ISSUER_PORT = 8787
export const DEFAULT_ISSUER_HOST = '127.0.0.1'

export interface RunningIssuer {
  status: IssuerStatus
  close(): Promise<void>
}

/** Starts the issuer; ERR_PORT_IN_USE when the port is taken. */
export async function startIssuer(
  ctx: AppContext,
  options: IssuerOptions = {},
): Promise<RunningIssuer> {
  const host = options.host ?? DEFAULT_ISSUER_HOST
  const keys = options.keys ?? []
  const store = ctx.keys
  // Fail now on a misspelt key name rather than at the first request.
  store.publishedJwks(keys)
  let issuer = ''
  let basePath = ''

  const server = createServer((request, response) => {
    try {
      handle(request, response)
    } catch (error) {
      const code = error instanceof WorkbenchError ? error.code : 'ERR_INTERNAL'
      send(response, 500, JSON.stringify({ error: code }), 'no-store')
    }
  })

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const local = basePath && path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path
    if (local === '/.well-known/jwks.json') {
      const jwks = store.publishedJwks(keys)
      sendCached(request, response, JSON.stringify(jwks))
      return
    }
    if (local === '/.well-known/openid-configuration') {
      const jwks = store.publishedJwks(keys)
      const algs = [...new Set(jwks.keys.map((k) => k['alg']).filter(Boolean))]
      const discovery = {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: algs.length > 0 ? algs : ['RS256'],
        token_endpoint_auth_methods_supported: ['none'],
      }
      sendCached(request, response, JSON.stringify(discovery))
      return
    }
    send(response, 404, JSON.stringify({ error: 'not_found' }), 'no-store')
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new WorkbenchError(
              'ERR_PORT_IN_USE',
              `Port ${options.port ?? DEFAULT_ISSUER_PORT} on ${host} is in use: pick another with --port.`,
            )
          : error,
      )
    })
    server.listen(options.port ?? DEFAULT_ISSUER_PORT, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const hostInUrl = host.includes(':') ? `[${host}]` : host
  issuer = (options.issuer ?? `http://${hostInUrl}:${port}`).replace(/\/+$/, '')
  try {
    basePath = new URL(issuer).pathname.replace(/\/+$/, '')
  } catch {
    server.close()
    throw new WorkbenchError('ERR_INVALID_ARGUMENT', 'The issuer is not a URL.')
  }
  return {
    status: {
      running: true,
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      port,
      host,
      keys: [...keys],
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function sendCached(request: IncomingMessage, response: ServerResponse, body: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  const cache = 'public, max-age=60, must-revalidate'
  const match = request.headers['if-none-match']
  if (match !== undefined && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    response.writeHead(304, { ETag: etag, 'Cache-Control': cache }).end()
    return
  }
  response.setHeader('ETag', etag)
  send(response, 200, body, cache, request.method === 'HEAD')
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  cache: string,
  headOnly = false,
): void {
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': cache,
    'X-Content-Type-Options': 'nosniff',
  })
  response.end(headOnly ? undefined : body)
}

/** One issuer per process, for the app's start/stop toggle. */
export function createIssuerToggle(ctx: AppContext) {
  let running: RunningIssuer | null = null
  return {
    async start(options: IssuerOptions): Promise<IssuerStatus> {
      if (running) await running.close()
      running = null
      running = await startIssuer(ctx, options)
      return running.status
    },
    async stop(): Promise<IssuerStatus> {
      if (running) await running.close()
      running = null
      return { running: false }
    },
    status(): IssuerStatus {
      return running ? running.status : { running: false }
    },
  }
}
