/**
 * `jwtw keys`, `jwtw creds` and `jwtw serve` as a person runs them (the built CLI, spawned),
 * and the leak test: after a full lifecycle no secret appears in the settings directory or in
 * anything printed, in any encoding, except in the explicit private exports.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOsKeychain } from '../../src/main/core/keychain'
import { ROOT, runJwtw, type CliRun } from '../helpers/cli'
import { probeKeychain } from '../helpers/keychain-available'
import { runTs } from '../helpers/run-ts'

const { available } = await probeKeychain()

let counter = 0
function cliEnv() {
  const home = mkdtempSync(join(tmpdir(), 'jwtw-cli-keys-'))
  const service = `jwtw-test-cli-keys-${process.pid}-${counter++}`
  return { home, service, env: { JWTW_HOME: home, JWTW_KEYCHAIN_SERVICE: service } }
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT })
})

describe('jwtw keys: arguments', () => {
  it('exits 2 with usage on bad arguments', async () => {
    const { env } = cliEnv()
    for (const args of [
      ['keys'],
      ['keys', 'frobnicate'],
      ['keys', 'generate', 'x'],
      ['keys', 'generate', 'x', '--alg', 'XX999'],
      ['keys', 'export', 'x', '--format', 'der'],
      ['keys', 'tag'],
      ['creds', 'get'],
      ['serve', '--port', 'abc'],
    ]) {
      const r = await runJwtw(args, { env })
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^ERR_INVALID_ARGUMENT: /)
    }
  })
})

describe('jwtw keys with an unreachable keychain', () => {
  it('fails with ERR_KEYCHAIN_UNAVAILABLE, exit 1, and writes nothing', async () => {
    const { env, home } = cliEnv()
    const r = await runJwtw(['keys', 'generate', 'k', '--alg', 'ES256'], {
      env: { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/jwtw-bus' },
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^ERR_KEYCHAIN_UNAVAILABLE: .*(gnome-keyring|Secret Service)/)
    const written = readdirSync(home).filter((f) => f !== 'config.json')
    expect(written).toEqual([])
    const settings = readdirSync(home).includes('config.json')
      ? readFileSync(join(home, 'config.json'), 'utf8')
      : '{}'
    expect(JSON.parse(settings).keys ?? {}).toEqual({})
  })
})

describe.skipIf(!available)('jwtw keys, creds and serve (real Secret Service)', () => {
  const { home, service, env } = cliEnv()
  const printed: string[] = []
  const explicitExports: string[] = []
  const jwtw = async (args: string[], input?: string): Promise<CliRun> => {
    const r = await runJwtw(args, { env, ...(input === undefined ? {} : { input }) })
    const isPrivateExport = args[0] === 'keys' && args[1] === 'export' && args.includes('--private')
    ;(isPrivateExport ? explicitExports : printed).push(r.stdout, r.stderr)
    return r
  }
  const ok = async (args: string[], input?: string): Promise<string> => {
    const r = await jwtw(args, input)
    expect(r.stderr, `${args.join(' ')}: ${r.stderr}`).toBe('')
    expect(r.code, args.join(' ')).toBe(0)
    return r.stdout
  }
  const fixtures = mkdtempSync(join(tmpdir(), 'jwtw-cli-fixtures-'))
  const secrets = new Set<Buffer>()
  const texts = new Set<string>()

  afterAll(async () => {
    const keychain = createOsKeychain(service)
    for (const account of await keychain.list()) await keychain.delete(account)
    rmSync(home, { recursive: true, force: true })
    rmSync(fixtures, { recursive: true, force: true })
  })

  it('runs the whole lifecycle, then no secret is found anywhere but in explicit exports', async () => {
    const algs = ['HS256', 'HS384', 'HS512', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA']
    for (const alg of algs) await ok(['keys', 'generate', `gen-${alg}`, '--alg', alg])
    await ok(['keys', 'generate', 'rsa-3072', '--alg', 'RS384', '--bits', '3072'])

    // Imports of every format, from files and stdin.
    const pkcs1 = join(fixtures, 'rsa.pem')
    execFileSync('openssl', ['genrsa', '-traditional', '-out', pkcs1, '2048'], { stdio: 'ignore' })
    const sec1 = join(fixtures, 'id_ecdsa')
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', sec1])
    const pkcs8 = join(fixtures, 'ed.pem')
    const ed = generateKeyPairSync('ed25519')
    writeFileSync(pkcs8, ed.privateKey.export({ type: 'pkcs8', format: 'pem' }))
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({
      format: 'jwk',
    })
    const jwkFile = join(fixtures, 'key.jwk')
    writeFileSync(jwkFile, JSON.stringify({ ...jwk, kid: 'p384' }))
    const jwksKeys = [1, 2].map((i) => ({
      ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
      kid: `r${i}`,
    }))
    const hexSecret = randomBytes(32)
    const textSecret = `text-secret-${randomBytes(40).toString('hex')}`
    for (const file of [pkcs1, sec1, pkcs8]) texts.add(readFileSync(file, 'utf8'))
    texts.add(textSecret)
    secrets.add(hexSecret)

    await ok(['keys', 'import', 'imp-pkcs1', pkcs1])
    await ok(['keys', 'import', 'imp-sec1', sec1])
    await ok(['keys', 'import', 'imp-pkcs8', '-'], readFileSync(pkcs8, 'utf8'))
    await ok(['keys', 'import', 'imp-jwk', jwkFile])
    await ok(['keys', 'import', 'imp-jwks', '-', '--all'], JSON.stringify({ keys: jwksKeys }))
    await ok(
      ['keys', 'import', 'imp-hex', '-', '--alg', 'HS256', '--encoding', 'hex'],
      `${hexSecret.toString('hex')}\n`,
    )
    await ok(['keys', 'import', 'imp-text', '-', '--alg', 'HS512'], textSecret)

    const listed = JSON.parse(await ok(['keys', 'list', '--json'])) as { name: string }[]
    const names = listed.map((k) => k.name)
    expect(names).toHaveLength(algs.length + 1 + 8)
    expect(names).toEqual(expect.arrayContaining(['imp-jwks-1', 'imp-jwks-2', 'imp-jwk']))
    expect(await ok(['keys', 'list'])).toMatch(/^NAME\s+ALG/)

    // Sign and verify with every key, rotate some, sign again.
    for (const name of names) {
      const token = (await ok(['mint', '--key', name, '--sub', 'leak-test'])).trim()
      await ok(['verify', token, '--key', name])
    }
    for (const name of ['gen-ES256', 'gen-HS256', 'imp-pkcs1', 'gen-EdDSA']) {
      const token = (await ok(['mint', '--key', name])).trim()
      const out = await ok(['keys', 'rotate', name])
      expect(out).toMatch(/retiring: /)
      await ok(['verify', token, '--key', name])
    }

    // Public exports in every format.
    for (const name of names.filter(
      (n) => !n.startsWith('gen-HS') && !n.startsWith('imp-hex') && n !== 'imp-text',
    )) {
      expect(await ok(['keys', 'export', name])).toMatch(/^-----BEGIN PUBLIC KEY-----/)
      expect(JSON.parse(await ok(['keys', 'export', name, '--format', 'jwk']))).not.toHaveProperty(
        'd',
      )
      await ok(['keys', 'export', name, '--format', 'jwks'])
    }
    const symmetric = await jwtw(['keys', 'export', 'gen-HS256'])
    expect(symmetric.code).toBe(1)
    expect(symmetric.stderr).toMatch(/^ERR_KEY_SYMMETRIC: /)

    // The explicit private export works (and is the one place secrets may appear).
    const privatePem = await ok(['keys', 'export', 'imp-pkcs8', '--private'])
    expect(createPrivateKey(privatePem).export({ format: 'jwk' }).d).toBe(
      ed.privateKey.export({ format: 'jwk' }).d,
    )
    expect((await ok(['keys', 'export', 'imp-hex', '--private', '--format', 'hex'])).trim()).toBe(
      hexSecret.toString('hex'),
    )

    // Collect every secret the keychain holds (all versions), before deleting.
    const keychain = createOsKeychain(service)
    for (const account of await keychain.list()) {
      const material = JSON.parse((await keychain.get(account))!) as {
        pkcs8?: string
        oct?: string
      }
      if (material.oct) secrets.add(Buffer.from(material.oct, 'base64url'))
      if (material.pkcs8) {
        texts.add(material.pkcs8)
        const jwkPrivate = createPrivateKey(material.pkcs8).export({ format: 'jwk' })
        for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
          if (jwkPrivate[f]) secrets.add(Buffer.from(jwkPrivate[f], 'base64url'))
        }
      }
    }
    for (const k of jwksKeys)
      for (const f of ['d', 'p', 'q'] as const) secrets.add(Buffer.from(k[f]!, 'base64url'))
    secrets.add(Buffer.from(jwk.d!, 'base64url'))
    expect(secrets.size).toBeGreaterThan(30)

    for (const name of names) await ok(['keys', 'delete', name])
    expect(JSON.parse(await ok(['keys', 'list', '--json']))).toEqual([])
    expect(await keychain.list()).toEqual([])

    // The search.
    const needles = new Set<string>()
    for (const bytes of secrets) {
      needles.add(bytes.toString('hex'))
      needles.add(bytes.toString('hex').toUpperCase())
      needles.add(bytes.toString('base64'))
      needles.add(bytes.toString('base64url'))
      // Also unpadded base64 in case something strips padding.
      needles.add(bytes.toString('base64').replace(/=+$/, ''))
    }
    for (const text of texts) {
      needles.add(text.trim())
      // A private PEM also carries the public key (RSA n, the EC point): a line made only of
      // public bytes may rightly appear in a public export, so it is no needle.
      let publicDer = Buffer.alloc(0)
      try {
        publicDer = createPublicKey(text).export({ type: 'spki', format: 'der' })
      } catch {
        // Not a PEM key (an HMAC secret text): every line is secret.
      }
      for (const line of text.split('\n')) {
        if (line.length < 40 || line.startsWith('-----')) continue
        if (publicDer.length > 0 && publicDer.includes(Buffer.from(line, 'base64'))) continue
        needles.add(line)
      }
    }
    const haystacks: Array<[string, Buffer]> = printed.map((t, i) => [
      `output #${i}`,
      Buffer.from(t),
    ])
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry)
        if (statSync(path).isDirectory()) walk(path)
        else haystacks.push([path, readFileSync(path)])
      }
    }
    walk(home)
    expect(haystacks.some(([p]) => p.endsWith('config.json'))).toBe(true)
    const found: string[] = []
    for (const [where, data] of haystacks) {
      for (const needle of needles) {
        if (data.includes(needle)) found.push(`${where}: ${needle.slice(0, 12)}…`)
      }
      for (const raw of secrets) if (data.includes(raw)) found.push(`${where}: raw bytes`)
    }
    expect(found).toEqual([])
    // The test can fail: the explicit exports do contain what it searches for.
    const exported = Buffer.from(explicitExports.join('\n'))
    expect([...needles].some((n) => exported.includes(n))).toBe(true)
  }, 300_000)

  it('missing secret: a key whose keychain entry was deleted outside shows it and fails with ERR_KEY_SECRET_MISSING', async () => {
    await ok(['keys', 'generate', 'orphan', '--alg', 'ES256'])
    const keychain = createOsKeychain(service)
    for (const account of await keychain.list()) await keychain.delete(account)
    expect(await ok(['keys', 'list'])).toMatch(/orphan .*missing secret/)
    const r = await jwtw(['mint', '--key', 'orphan'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^ERR_KEY_SECRET_MISSING: /)
    await ok(['keys', 'delete', 'orphan'])
  })

  it('keys tag replaces and clears the tags', async () => {
    await ok(['keys', 'generate', 'tagged', '--alg', 'ES256', '--tag', 'dev'])
    expect(await ok(['keys', 'tag', 'tagged', 'prod', 'team-a'])).toBe('tagged: prod, team-a\n')
    const tagsOf = async () =>
      (JSON.parse(await ok(['keys', 'list', '--json'])) as { name: string; tags: string[] }[]).find(
        (k) => k.name === 'tagged',
      )?.tags
    expect(await tagsOf()).toEqual(['prod', 'team-a'])
    expect(await ok(['keys', 'tag', 'tagged'])).toBe('tagged: no tags\n')
    expect(await tagsOf()).toEqual([])
    const missing = await jwtw(['keys', 'tag', 'nope', 'x'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^ERR_KEY_NOT_FOUND: /)
    await ok(['keys', 'delete', 'tagged'])
  })

  it('a key created by the CLI shows up in another process, and both can write at once', async () => {
    // Another process (as the app would) writes its own section while the CLI writes keys.
    const other = runTs(
      `import { createConfSettingsStore } from '../keys/src/main/core/settings/settings-store'
       const store = createConfSettingsStore(${JSON.stringify(home)})
       for (let i = 0; i < 40; i++) store.update('app', (cur) => ({ ...(cur ?? {}), ['w' + i]: i }))`,
      process.env,
    )
    const [a, b, c] = await Promise.all([
      jwtw(['keys', 'generate', 'par-a', '--alg', 'EdDSA']),
      jwtw(['keys', 'generate', 'par-b', '--alg', 'ES256']),
      other,
    ])
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0])
    const settings = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))
    expect(Object.keys(settings.app)).toHaveLength(40)
    const names = (JSON.parse(await ok(['keys', 'list', '--json'])) as { name: string }[]).map(
      (k) => k.name,
    )
    expect(names).toEqual(expect.arrayContaining(['par-a', 'par-b']))
    await ok(['keys', 'delete', 'par-a'])
    await ok(['keys', 'delete', 'par-b'])
  })

  it('corrupt settings: moved aside with a warning on stderr, the command still works', async () => {
    writeFileSync(join(home, 'config.json'), '{"keys": {')
    const r = await jwtw(['keys', 'list', '--json'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^warning: .*config\.json\.corrupt-/)
    expect(JSON.parse(r.stdout)).toEqual([])
    const aside = readdirSync(home).filter((f) => f.startsWith('config.json.corrupt-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(home, aside[0]!), 'utf8')).toBe('{"keys": {')
  })

  it('creds set/get/list/delete', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const exp = Math.floor(Date.now() / 1000) + 3600
    const token = `${part({ alg: 'HS256' })}.${part({ sub: 'x', exp })}.c2ln`
    expect(
      await ok(
        ['creds', 'set', 'spacetime://localhost:3000/blackholio', '-', '--host', 'localhost:3000'],
        token,
      ),
    ).toMatch(/^saved .*token/)
    await ok(['creds', 'set', 'staging api', 'plain-secret-value'])
    expect((await ok(['creds', 'get', 'spacetime://localhost:3000/blackholio'])).trim()).toBe(token)
    expect(await ok(['creds', 'get', 'spacetime://localhost:3000/blackholio', '--header'])).toBe(
      `Authorization: Bearer ${token}\n`,
    )
    const list = JSON.parse(await ok(['creds', 'list', '--json'])) as {
      name: string
      state: string
    }[]
    expect(list.map((c) => [c.name, c.state])).toEqual([
      ['spacetime://localhost:3000/blackholio', 'expiring'],
      ['staging api', 'no-expiry'],
    ])
    expect(await ok(['creds', 'list'])).toMatch(/expires within a day/)
    expect(readFileSync(join(home, 'config.json'), 'utf8')).not.toContain('plain-secret-value')
    await ok(['creds', 'delete', 'staging api'])
    const gone = await jwtw(['creds', 'get', 'staging api'])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/^ERR_CREDENTIAL_NOT_FOUND: /)
  })

  it('jwtw serve prints the issuer URL first and serves a JWKS that verifies a CLI-minted token', async () => {
    await ok(['keys', 'generate', 'srv', '--alg', 'ES256'])
    const child = spawn(
      process.execPath,
      ['bin/jwtw.mjs', 'serve', '--port', '0', '--key', 'srv'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    try {
      const issuer = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
      })
      expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const token = (await ok(['mint', '--key', 'srv', '--iss', issuer, '--aud', 'api'])).trim()
      const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`))
      const { payload } = await jwtVerify(token, jwks, { issuer, audience: 'api' })
      expect(payload.iss).toBe(issuer)
    } finally {
      child.kill('SIGTERM')
    }
  })
})
