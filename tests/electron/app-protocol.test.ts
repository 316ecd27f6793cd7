import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  APP_URL,
  isAppUrl,
  registerAppScheme,
  serveAppProtocol,
  trustedUrlCheck,
} from '../../src/main/electron/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../src/main/core/csp'

function servedRoot() {
  const root = mkdtempSync(join(tmpdir(), 'jwtw-app-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<html>app</html>')
  writeFileSync(join(root, 'assets', 'a.js'), 'console.log(1)')
  writeFileSync(join(root, '..', `${root.split('/').pop()}-secret.html`), 'outside')
  return root
}

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme', () => {
    const registerSchemesAsPrivileged = vi.fn()
    registerAppScheme({ registerSchemesAsPrivileged })
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ])
  })

  it('recognises only our origin', () => {
    expect(isAppUrl(APP_URL)).toBe(true)
    expect(isAppUrl('app://other/index.html')).toBe(false)
    expect(isAppUrl('file:///index.html')).toBe(false)
    expect(isAppUrl('https://workbench/')).toBe(false)
  })

  it('serves built files with the CSP and refuses paths outside the root', async () => {
    const root = servedRoot()
    let handler: ((req: Request) => Promise<Response>) | undefined
    serveAppProtocol(
      { handle: (_scheme: string, h: typeof handler) => (handler = h) } as never,
      root,
    )
    const index = await handler!(new Request('app://workbench/index.html'))
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await index.text()).toBe('<html>app</html>')
    expect(
      (await handler!(new Request('app://workbench/assets/a.js'))).headers.get('content-type'),
    ).toMatch(/javascript/)
    const name = root.split('/').pop()
    for (const path of [
      `/..%2f${name}-secret.html`,
      '/%2e%2e/etc/passwd',
      '/missing.js',
      '/assets/%00.js',
    ]) {
      expect((await handler!(new Request(`app://workbench${path}`))).status, path).toBe(404)
    }
    expect((await handler!(new Request('app://elsewhere/index.html'))).status).toBe(404)
  })
})

describe('trusted URLs', () => {
  it('trust the app origin, and the dev server by its exact origin, never by prefix', () => {
    const built = trustedUrlCheck(undefined)
    expect(built('app://workbench/index.html')).toBe(true)
    expect(built('http://localhost:5173/')).toBe(false)
    const dev = trustedUrlCheck('http://localhost:5173')
    expect(dev('http://localhost:5173/')).toBe(true)
    expect(dev('http://localhost:5173/src/main.tsx?x=1')).toBe(true)
    for (const url of [
      'http://localhost:5173.evil.example/',
      'http://localhost:51730/',
      'https://localhost:5173/',
      'http://localhost:5173@evil.example/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(dev(url), url).toBe(false)
    }
  })
})
