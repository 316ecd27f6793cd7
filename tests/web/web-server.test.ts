import { mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Handlers } from '../../src/shared/api'
import { createDispatcher } from '../../src/main/core/dispatch'
import { SERVER_LIMITS, startWebServer, type WebServer } from '../../src/main/web/web-server'

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

// node:http rather than fetch: fetch does not let a test set the Host header.
function send(
  server: WebServer,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: init.method ?? 'GET',
        headers: { host: `127.0.0.1:${server.port}`, ...init.headers },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

describe('browser-mode server over real HTTP', () => {
  let server: WebServer
  let credential = ''
  const auth = () => ({ authorization: `Bearer ${credential}` })
  const codeOf = (url: string) => new URL(url).hash.replace(/^#login=/, '')
  const login = (code: string) =>
    send(server, '/session', { method: 'POST', body: JSON.stringify({ code }) })

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'jwtw-web-'))
    writeFileSync(join(root, 'index.html'), '<html>ui</html>')
    const handlers = {
      decode: (text: string) => (text === 'throw' ? Promise.reject(new Error('x')) : [{ text }]),
    } as unknown as Handlers
    server = await startWebServer({ dispatch: createDispatcher(handlers), rendererDir: root })
    const reply = await login(codeOf(server.newLoginUrl()))
    credential = (JSON.parse(reply.body) as { value: { credential: string } }).value.credential
  })
  afterAll(() => server.close())

  it('listens on 127.0.0.1 and makes a fresh one-time login URL each time, the code in the fragment', () => {
    const a = server.newLoginUrl()
    const b = server.newLoginUrl()
    expect(a).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#login=[A-Za-z0-9_-]{43}$`),
    )
    expect(codeOf(a)).not.toBe(codeOf(b))
  })

  it('answers 401 to an API request without the session credential', async () => {
    const reply = await send(server, '/api/decode', { method: 'POST', body: '["x"]' })
    expect(reply.status).toBe(401)
    expect(JSON.parse(reply.body).error.code).toBe('ERR_UNAUTHORIZED')
    const wrong = await send(server, '/api/decode', {
      method: 'POST',
      body: '["x"]',
      headers: { authorization: 'Bearer nope' },
    })
    expect(wrong.status).toBe(401)
  })

  it('answers 403 to a foreign Host header even with the credential', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
    ]) {
      const reply = await send(server, '/api/decode', {
        method: 'POST',
        body: '["x"]',
        headers: { ...auth(), host },
      })
      expect(reply.status, host).toBe(403)
    }
  })

  it('answers 200 with the result for an authorised call, through localhost too', async () => {
    const reply = await send(server, '/api/decode', {
      method: 'POST',
      body: JSON.stringify([JWT]),
      headers: auth(),
    })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: [{ text: JWT }] })
    const viaLocalhost = await send(server, '/api/decode', {
      method: 'POST',
      body: '["a"]',
      headers: { ...auth(), host: `localhost:${server.port}` },
    })
    expect(viaLocalhost.status).toBe(200)
  })

  it('answers 400 on bad arguments and on a body that is not JSON', async () => {
    for (const body of ['[42]', '{}', 'not json', '']) {
      const reply = await send(server, '/api/decode', { method: 'POST', body, headers: auth() })
      expect(reply.status, body).toBe(400)
      expect(JSON.parse(reply.body).error.code).toBe('ERR_INVALID_ARGUMENT')
    }
  })

  it('answers 404 for an unknown method and 500 without detail for an internal error', async () => {
    expect(
      (await send(server, '/api/nope', { method: 'POST', body: '[]', headers: auth() })).status,
    ).toBe(404)
    const internal = await send(server, '/api/decode', {
      method: 'POST',
      body: '["throw"]',
      headers: auth(),
    })
    expect(internal.status).toBe(500)
    expect(JSON.parse(internal.body).error.code).toBe('ERR_INTERNAL')
  })

  it('refuses a cross-origin API call', async () => {
    const reply = await send(server, '/api/decode', {
      method: 'POST',
      body: '["x"]',
      headers: { ...auth(), origin: 'https://evil.example' },
    })
    expect(reply.status).toBe(403)
  })

  it('sends no CORS headers and the same CSP', async () => {
    const reply = await send(server, '/api/decode', {
      method: 'POST',
      body: '["x"]',
      headers: { ...auth(), origin: `http://127.0.0.1:${server.port}` },
    })
    expect(reply.status).toBe(200)
    expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    expect(reply.headers['content-security-policy']).toMatch(/default-src 'none'/)
  })

  it('trades a login code once for a session credential; the code is dead afterwards on every route', async () => {
    const code = codeOf(server.newLoginUrl())
    expect((await send(server, '/')).status).toBe(200) // the public page; no credential in it
    expect((await send(server, '/session')).status).toBe(405)
    const first = await login(code)
    expect(first.status).toBe(200)
    const session = (JSON.parse(first.body) as { value: { credential: string } }).value.credential
    expect(session).not.toBe(code)
    expect((await login(code)).status).toBe(401)
    for (const path of ['/api/decode', '/session']) {
      const reply = await send(server, path, {
        method: 'POST',
        body: JSON.stringify(path === '/session' ? { code } : ['x']),
        headers: { authorization: `Bearer ${code}` },
      })
      expect(reply.status, path).toBe(401)
    }
    const api = await send(server, '/api/decode', {
      method: 'POST',
      body: '["x"]',
      headers: { authorization: `Bearer ${session}` },
    })
    expect(api.status).toBe(200)
  })

  it('never sets a cookie (a cookie would reach every other server on 127.0.0.1)', async () => {
    const replies = [
      await send(server, '/'),
      await login(codeOf(server.newLoginUrl())),
      await send(server, '/api/decode', { method: 'POST', body: '["x"]', headers: auth() }),
      await send(server, '/api/decode', { method: 'POST', body: '["x"]' }),
    ]
    for (const reply of replies) expect(reply.headers['set-cookie']).toBeUndefined()
  })

  it('prints a scripting credential on request that works as a Bearer token', async () => {
    const token = server.newApiToken()
    const api = await send(server, '/api/decode', {
      method: 'POST',
      body: '["x"]',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(api.status).toBe(200)
  })

  it('has header and request timeouts, and caps for unauthenticated and all connections', () => {
    expect(SERVER_LIMITS).toEqual({
      headersTimeoutMs: 3_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxUnauthenticatedConnections: 32,
      maxConnections: 256,
      maxRequestsPerSocket: 1000,
      loginBodyBytes: 1024,
    })
  })

  it('answers 401 before reading the body of an unauthenticated call (failed before: it waited for 4 MiB)', async () => {
    const socket = await open(server.port)
    try {
      // Headers announce a 4 MiB body that never comes: the answer must not wait for it.
      socket.write(
        `POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 4000000\r\n\r\n[`,
      )
      const head = await firstBytes(socket)
      expect(head).toMatch(/^HTTP\/1\.1 401 /)
    } finally {
      socket.destroy()
    }
  })
})

describe('browser-mode sessions', () => {
  it('end after the idle time, and the server answers 401', async () => {
    const root = mkdtempSync(join(tmpdir(), 'jwtw-web-idle-'))
    const handlers = { decode: () => [] } as unknown as Handlers
    const idle = await startWebServer({
      dispatch: createDispatcher(handlers),
      rendererDir: root,
      idleMs: 300,
    })
    try {
      const token = idle.newApiToken()
      const call = () =>
        send(idle, '/api/decode', {
          method: 'POST',
          body: '["x"]',
          headers: { authorization: `Bearer ${token}` },
        })
      expect((await call()).status).toBe(200)
      await new Promise((r) => setTimeout(r, 150))
      expect((await call()).status).toBe(200) // use keeps it alive
      await new Promise((r) => setTimeout(r, 450))
      expect((await call()).status).toBe(401)
    } finally {
      await idle.close()
    }
  })

  it('cannot be starved: 200 half-sent requests never keep the signed-in page out (failed before)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'jwtw-web-cap-'))
    writeFileSync(join(root, 'index.html'), 'ui')
    const handlers = { decode: (text: string) => [{ text }] } as unknown as Handlers
    const capped = await startWebServer({ dispatch: createDispatcher(handlers), rendererDir: root })
    const token = capped.newApiToken()
    const sockets: Socket[] = []
    try {
      for (let i = 0; i < 200; i++) {
        const socket = await open(capped.port)
        socket.on('error', () => {})
        socket.write(`POST /api/decode HTTP/1.1\r\nHost: 127.0.0.1:${capped.port}\r\n`)
        sockets.push(socket)
      }
      const call = await send(capped, '/api/decode', {
        method: 'POST',
        body: '["x"]',
        headers: { authorization: `Bearer ${token}` },
      })
      expect(call.status).toBe(200)
      expect((await send(capped, '/')).status).toBe(200)
      // The oldest unauthenticated connections were closed to make room.
      await new Promise((r) => setTimeout(r, 50))
      const stillOpen = sockets.filter((s) => !s.destroyed && !s.readableEnded).length
      expect(stillOpen).toBeLessThanOrEqual(SERVER_LIMITS.maxUnauthenticatedConnections)
    } finally {
      for (const s of sockets) s.destroy()
      await capped.close()
    }
  })
})

/** The first bytes the server sends on a raw socket. */
function firstBytes(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1')))
    socket.once('error', reject)
  })
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.on('error', reject)
  })
}
