/** Real HTTP(S) servers on 127.0.0.1 that serve JWKS and discovery documents and count requests. */
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { Socket } from 'node:net'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Reply {
  status?: number
  headers?: Record<string, string>
  body?: string | Buffer
  /** Milliseconds to wait before answering. */
  delayMs?: number
}

export interface TestServer {
  url: string
  port: number
  /** Requests seen, by path. */
  hits: (path?: string) => number
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>
  /** What a path answers (a function to decide per request); '*' answers every other path. */
  route(path: string, reply: Reply | ((req: IncomingMessage) => Reply)): void
  close(): Promise<void>
}

export async function startServer(tls?: { key: string; cert: string }): Promise<TestServer> {
  const routes = new Map<string, Reply | ((req: IncomingMessage) => Reply)>()
  const requests: TestServer['requests'] = []
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push({ path, headers: req.headers })
    const route = routes.get(path) ?? routes.get('*')
    const reply =
      typeof route === 'function' ? route(req) : (route ?? { status: 404, body: 'not found' })
    setTimeout(() => {
      if (res.destroyed) return
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers })
      res.end(reply.body ?? '')
    }, reply.delayMs ?? 0)
  }
  const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler)
  // As a proxy: a CONNECT is counted and refused (502), as a proxy that cannot reach the host.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    requests.push({ path: `CONNECT ${req.url ?? ''}`, headers: req.headers })
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    hits: (path) => requests.filter((r) => path === undefined || r.path === path).length,
    requests,
    route: (path, reply) => void routes.set(path, reply),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A JSON reply. */
export function json(value: unknown, headers: Record<string, string> = {}): Reply {
  return { body: JSON.stringify(value), headers }
}

/** An RSA signing key pair with its public JWK (kid given). */
export function rsaKey(kid: string): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKey,
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
  }
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl, and its files. */
export function selfSigned(): { key: string; cert: string; certFile: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'jwtw-tls-'))
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  )
  const result = {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
  }
  return { ...result, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
