// Saving generated secrets as HS keys in the real OS keychain (run with `npm test`).
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/main/core/dispatch'
import { createHandlers } from '../../../src/main/core/handlers'
import { createOsKeychain } from '../../../src/main/core/keychain'
import { mintToken } from '../../../src/main/core/mint/mint'
import { defaultContext } from '../../../src/main/core/context'
import { probeKeychain } from '../../helpers/keychain-available'
import { jwtw } from '../../helpers/cli'

const probe = await probeKeychain()
const service = `jwtw-test-secret-${process.pid}`
const dir = mkdtempSync(join(tmpdir(), 'jwtw-secret-save-'))
const ctx = defaultContext({
  keychain: createOsKeychain(service),
  settingsDir: dir,
  now: () => new Date('2026-11-22T12:00:00Z'),
  warn: () => undefined,
})

afterAll(async () => {
  if (probe.available) {
    for (const account of await ctx.keychain.list().catch(() => []))
      await ctx.keychain.delete(account)
  }
  rmSync(dir, { recursive: true, force: true })
})

function signatureOf(token: string, secret: string): string {
  const [h, p] = token.split('.')
  return createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')
}

describe.skipIf(!probe.available)('saving secrets to the keychain', () => {
  const dispatch = createDispatcher(createHandlers(ctx))

  it('secret.generate with saveAs stores the secret text as an HS key that signs', async () => {
    const r = await dispatch('secret.generate', [{ saveAs: 'generated', envName: 'JWT_SECRET' }])
    if (!r.ok) throw new Error(r.error.code)
    const g = r.value as { secret: string; savedAs: string; envLine: string }
    expect(g.savedAs).toBe('generated')
    expect(g.envLine).toBe(`JWT_SECRET=${g.secret}`)
    const minted = await mintToken({ key: { storedKey: 'generated' }, sub: 'a' }, ctx)
    expect(minted.token.split('.')[2]).toBe(signatureOf(minted.token, g.secret))
  })

  it('secret.save stores a given secret; a taken name is refused', async () => {
    const ok = await dispatch('secret.save', [
      { name: 'given', secret: 'x'.repeat(40), alg: 'HS384' },
    ])
    expect(ok).toMatchObject({ ok: true, value: { alg: 'HS384' } })
    const again = await dispatch('secret.save', [{ name: 'given', secret: 'y'.repeat(40) }])
    expect(again).toMatchObject({ ok: false, error: { code: 'ERR_KEY_EXISTS' } })
    expect((await ctx.keys.get('given')).alg).toBe('HS384')
  })

  it('jwtw secret generate --save stores it under JWTW_KEYCHAIN_SERVICE', async () => {
    const run = await jwtw(['secret', 'generate', '--save', 'from-cli'], {
      env: { JWTW_KEYCHAIN_SERVICE: service, JWTW_HOME: dir },
    })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('Saved in the OS keychain as HS256 key "from-cli"')
    const secret = run.stdout.trim()
    const minted = await mintToken({ key: { storedKey: 'from-cli' }, sub: 'a' }, ctx)
    expect(minted.token.split('.')[2]).toBe(signatureOf(minted.token, secret))
  })
})

describe('contract argument checks', () => {
  const dispatch = createDispatcher(createHandlers(ctx))
  it.each([
    ['secret.generate', [{ bytes: 4 }]],
    ['secret.generate', [{ envName: 'A B' }]],
    ['secret.save', [{ name: 'n', secret: 'x'.repeat(5000) }]],
    ['audit.start', [{ token: 'x'.repeat((256 << 10) + 1) }]],
    ['audit.start', [{ token: 'a.b.c', wordlists: Array(17).fill('/tmp/x') }]],
    ['audit.status', ['x'.repeat(65)]],
  ])('%s refuses %j', async (method, args) => {
    const r = await dispatch(method, args)
    expect(r).toMatchObject({ ok: false, error: { code: 'ERR_INVALID_ARGUMENT' } })
  })

  it('audit.start refuses RS256 at once and audit.status knows no such job', async () => {
    const rs = 'eyJhbGciOiJSUzI1NiJ9.e30.' + Buffer.alloc(256, 1).toString('base64url')
    expect(await dispatch('audit.start', [{ token: rs }])).toMatchObject({
      ok: false,
      error: { code: 'ERR_NOT_HMAC_TOKEN' },
    })
    expect(await dispatch('audit.status', ['missing'])).toMatchObject({
      ok: false,
      error: { code: 'ERR_JOB_NOT_FOUND' },
    })
  })
})
