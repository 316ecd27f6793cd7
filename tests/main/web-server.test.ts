import { mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Handlers } from '../../src/shared/api'
import { createDispatcher } from '../../src/main/core/dispatch'
import { startWebServer, type WebServer } from '../../src/main/web/web-server'

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
  const auth = () => ({ authorization: `Bearer ${server.token}` })

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'jwtw-web-'))
    writeFileSync(join(root, 'index.html'), '<html>ui</html>')
    const handlers = {
      decode: (text: string) => (text === 'throw' ? Promise.reject(new Error('x')) : [{ text }]),
    } as unknown as Handlers
    server = await startWebServer({ dispatch: createDispatcher(handlers), rendererDir: root })
  })
  afterAll(() => server.close())

  it('listens on 127.0.0.1 and prints a URL carrying a session token', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{40,}$`),
    )
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

  it('trades the one-time URL for an HttpOnly cookie, then refuses the URL again', async () => {
    const page = await send(server, '/')
    expect(page.status).toBe(401)
    const login = await send(server, new URL(server.url).pathname + new URL(server.url).search)
    expect(login.status).toBe(303)
    const cookie = String(login.headers['set-cookie']).split(';')[0]!
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
    const withCookie = await send(server, '/', { headers: { cookie } })
    expect(withCookie.status).toBe(200)
    expect(withCookie.body).toBe('<html>ui</html>')
    const api = await send(server, '/api/decode', {
      method: 'POST',
      body: '["x"]',
      headers: { cookie },
    })
    expect(api.status).toBe(200)
    const again = await send(server, new URL(server.url).pathname + new URL(server.url).search)
    expect(again.status).toBe(401)
  })
})
