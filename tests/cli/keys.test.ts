/**
 * `jwtw keys`, `jwtw creds` and `jwtw serve` as a person runs them (in-process, real Secret
 * Service): a lifecycle per key format (generated, PKCS#1, SEC1, PKCS#8 on stdin, JWK, JWKS,
 * HMAC secrets), then the leak test: no secret appears in the settings directory or in anything
 * printed, in any encoding, except in the explicit private exports.
 */
import { execFileSync } from 'node:child_process'
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { createOsKeychain } from '../../src/main/core/keychain'
import { cliEnv, jwtw as run, startJwtw, type CliRun } from '../helpers/cli'
import { probeKeychain } from '../helpers/keychain-available'

const { available } = await probeKeychain()

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
      ['keys', 'tag', 'x', 'none', 'prod'],
      ['creds', 'get'],
      ['creds', 'get', 'name', '--host', 'h'],
      ['serve', '--port', 'abc'],
    ]) {
      const r = await run(args, { env })
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^ERR_INVALID_ARGUMENT: /)
    }
  })
})

describe.skipIf(!available)('jwtw keys, creds and serve (real Secret Service)', () => {
  const { home, service, env } = cliEnv('cli-keys')
  const printed: string[] = []
  const explicitExports: string[] = []
  const jwtw = async (args: string[], input?: string): Promise<CliRun> => {
    const r = await run(args, { env, ...(input === undefined ? {} : { input }) })
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
  const names = async () =>
    (JSON.parse(await ok(['keys', 'list', '--json'])) as { name: string }[]).map((k) => k.name)
  const fixtures = mkdtempSync(join(tmpdir(), 'jwtw-cli-fixtures-'))
  const secrets = new Set<Buffer>()
  const texts = new Set<string>()
  const keychain = createOsKeychain(service)

  afterAll(async () => {
    for (const account of await keychain.list()) await keychain.delete(account)
    rmSync(home, { recursive: true, force: true })
    rmSync(fixtures, { recursive: true, force: true })
  })

  /** Collects every secret the keychain holds for `name` (all versions), for the leak search. */
  const remember = async () => {
    for (const account of await keychain.list()) {
      const material = JSON.parse((await keychain.get(account))!) as {
        pkcs8?: string
        oct?: string
      }
      if (material.oct) secrets.add(Buffer.from(material.oct, 'base64url'))
      if (material.pkcs8) {
        texts.add(material.pkcs8)
        const jwk = createPrivateKey(material.pkcs8).export({ format: 'jwk' })
        for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
          if (jwk[f]) secrets.add(Buffer.from(jwk[f], 'base64url'))
        }
      }
    }
  }

  /** Sign, verify, rotate, verify the old token, export publicly, delete. */
  const lifecycle = async (name: string, symmetric = false) => {
    const token = (await ok(['mint', '--key', name, '--sub', 'leak-test'])).trim()
    await ok(['verify', token, '--key', name])
    expect(await ok(['keys', 'rotate', name])).toMatch(/retiring: /)
    await ok(['verify', token, '--key', name])
    const fresh = (await ok(['mint', '--key', name])).trim()
    await ok(['verify', fresh, '--key', name])
    if (symmetric) {
      const exported = await jwtw(['keys', 'export', name])
      expect(exported.code).toBe(1)
      expect(exported.stderr).toMatch(/^ERR_KEY_SYMMETRIC: /)
    } else {
      expect(await ok(['keys', 'export', name])).toMatch(/^-----BEGIN PUBLIC KEY-----/)
      expect(JSON.parse(await ok(['keys', 'export', name, '--format', 'jwk']))).not.toHaveProperty(
        'd',
      )
      await ok(['keys', 'export', name, '--format', 'jwks'])
    }
    await remember()
    await ok(['keys', 'delete', name])
    expect(await names()).not.toContain(name)
  }

  it.each(['HS256', 'HS512', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'])(
    'a generated %s key: sign, verify, rotate, export, delete',
    async (alg) => {
      await ok(['keys', 'generate', `gen-${alg}`, '--alg', alg])
      await lifecycle(`gen-${alg}`, alg.startsWith('HS'))
    },
  )

  it('an RSA 3072 key (--bits)', async () => {
    expect(await ok(['keys', 'generate', 'rsa-3072', '--alg', 'RS384', '--bits', '3072'])).toMatch(
      /RSA 3072 bits/,
    )
    await lifecycle('rsa-3072')
  })

  it('a PKCS#1 RSA key from openssl', async () => {
    const pkcs1 = join(fixtures, 'rsa.pem')
    execFileSync('openssl', ['genrsa', '-traditional', '-out', pkcs1, '2048'], { stdio: 'ignore' })
    texts.add(readFileSync(pkcs1, 'utf8'))
    await ok(['keys', 'import', 'imp-pkcs1', pkcs1])
    await lifecycle('imp-pkcs1')
  })

  it('a SEC1 EC key from openssl', async () => {
    const sec1 = join(fixtures, 'id_ecdsa')
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', sec1])
    texts.add(readFileSync(sec1, 'utf8'))
    await ok(['keys', 'import', 'imp-sec1', sec1])
    await lifecycle('imp-sec1')
  })

  it('a PKCS#8 Ed25519 key on stdin, and its explicit private export', async () => {
    const ed = generateKeyPairSync('ed25519')
    const pem = ed.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    texts.add(pem)
    await ok(['keys', 'import', 'imp-pkcs8', '-'], pem)
    const privatePem = await ok(['keys', 'export', 'imp-pkcs8', '--private'])
    expect(createPrivateKey(privatePem).export({ format: 'jwk' }).d).toBe(
      ed.privateKey.export({ format: 'jwk' }).d,
    )
    await lifecycle('imp-pkcs8')
  })

  it('a private JWK, and a JWKS imported --all', async () => {
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({
      format: 'jwk',
    })
    secrets.add(Buffer.from(jwk.d!, 'base64url'))
    const jwkFile = join(fixtures, 'key.jwk')
    writeFileSync(jwkFile, JSON.stringify({ ...jwk, kid: 'p384' }))
    await ok(['keys', 'import', 'imp-jwk', jwkFile])
    await lifecycle('imp-jwk')
    const jwksKeys = [1, 2].map((i) => ({
      ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
      kid: `r${i}`,
    }))
    for (const k of jwksKeys)
      for (const f of ['d', 'p', 'q'] as const) secrets.add(Buffer.from(k[f]!, 'base64url'))
    await ok(['keys', 'import', 'imp-jwks', '-', '--all'], JSON.stringify({ keys: jwksKeys }))
    expect(await names()).toEqual(expect.arrayContaining(['imp-jwks-1', 'imp-jwks-2']))
    await lifecycle('imp-jwks-1')
    await lifecycle('imp-jwks-2')
  })

  it('HMAC secrets from stdin as hex and as text, and the hex private export', async () => {
    const hexSecret = randomBytes(32)
    secrets.add(hexSecret)
    await ok(
      ['keys', 'import', 'imp-hex', '-', '--alg', 'HS256', '--encoding', 'hex'],
      `${hexSecret.toString('hex')}\n`,
    )
    expect((await ok(['keys', 'export', 'imp-hex', '--private', '--format', 'hex'])).trim()).toBe(
      hexSecret.toString('hex'),
    )
    await lifecycle('imp-hex', true)
    const textSecret = `text-secret-${randomBytes(40).toString('hex')}`
    texts.add(textSecret)
    await ok(['keys', 'import', 'imp-text', '-', '--alg', 'HS512'], textSecret)
    await lifecycle('imp-text', true)
  })

  it('importing a key already stored under another name warns and names it', async () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string
    await ok(['keys', 'import', 'first-name', '-'], pem)
    const again = await jwtw(['keys', 'import', 'second-name', '-'], pem)
    expect(again.code).toBe(0)
    expect(again.stderr).toMatch(/^warning: This key is already stored as "first-name"/)
    await remember()
    await ok(['keys', 'delete', 'first-name'])
    await ok(['keys', 'delete', 'second-name'])
  })

  it('a JWK nested 5,000 deep is refused where it enters, with the key error code', async () => {
    const deep = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`
    const text = `{"kty":"EC","crv":"P-256","x":"x","y":"y","ext":${deep}}`
    const r = await jwtw(['keys', 'import', 'deep', '-'], text)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^ERR_INVALID_KEY: .*nests deeper than 64 levels/)
  })

  it('after the whole run no secret is found anywhere but in explicit exports', () => {
    expect(secrets.size).toBeGreaterThan(20)
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
  })

  it('missing secret: a key whose keychain entry was deleted outside shows it and fails with ERR_KEY_SECRET_MISSING', async () => {
    await ok(['keys', 'generate', 'orphan', '--alg', 'ES256'])
    for (const account of await keychain.list()) await keychain.delete(account)
    expect(await ok(['keys', 'list'])).toMatch(/orphan .*missing secret/)
    const r = await jwtw(['mint', '--key', 'orphan'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^ERR_KEY_SECRET_MISSING: /)
    await ok(['keys', 'delete', 'orphan'])
  })

  it('keys tag replaces the tags; "none" and no tag clear them', async () => {
    await ok(['keys', 'generate', 'tagged', '--alg', 'ES256', '--tag', 'dev'])
    expect(await ok(['keys', 'tag', 'tagged', 'prod', 'team-a'])).toBe('tagged: prod, team-a\n')
    const tagsOf = async () =>
      (JSON.parse(await ok(['keys', 'list', '--json'])) as { name: string; tags: string[] }[]).find(
        (k) => k.name === 'tagged',
      )?.tags
    expect(await tagsOf()).toEqual(['prod', 'team-a'])
    expect(await ok(['keys', 'tag', 'tagged', 'none'])).toBe('tagged: no tags\n')
    expect(await tagsOf()).toEqual([])
    await ok(['keys', 'tag', 'tagged', 'x'])
    expect(await ok(['keys', 'tag', 'tagged'])).toBe('tagged: no tags\n')
    const missing = await jwtw(['keys', 'tag', 'nope', 'x'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^ERR_KEY_NOT_FOUND: /)
    await remember()
    await ok(['keys', 'delete', 'tagged'])
  })

  it('after a lost settings file, recover --restore --all rebuilds each key with its versions and their status', async () => {
    await ok(['keys', 'generate', 'rotated', '--alg', 'ES256'])
    const first = (await ok(['mint', '--key', 'rotated'])).trim()
    await ok(['keys', 'rotate', 'rotated'])
    const before = JSON.parse(await ok(['keys', 'list', '--json'])) as Array<{
      name: string
      kid: string
      versions: Array<{ kid: string; status: string }>
    }>
    const record = before.find((k) => k.name === 'rotated')!
    rmSync(join(home, 'config.json'))
    const listed = await ok(['keys', 'recover'])
    expect(listed).toMatch(/2 keychain entries/)
    await ok(['keys', 'recover', '--restore', '--all'])
    const after = (JSON.parse(await ok(['keys', 'list', '--json'])) as typeof before).filter((k) =>
      k.name.startsWith('rotated'),
    )
    expect(after).toHaveLength(1)
    expect(after[0]!.kid).toBe(record.kid)
    expect(after[0]!.versions.map((v) => [v.kid, v.status]).sort()).toEqual(
      record.versions.map((v) => [v.kid, v.status]).sort(),
    )
    // The retiring version verifies its old token and never signs.
    await ok(['verify', first, '--key', 'rotated'])
    await remember()
    await ok(['keys', 'delete', 'rotated'])
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
    rmSync(join(home, aside[0]!))
  })

  it('creds set (stdin, or a no-echo prompt), get by name or host, list with notes, delete', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const exp = Math.floor(Date.now() / 1000) + 3600
    const token = `${part({ alg: 'ES256', kid: 'spacetimedb-local-2026' })}.${part({ hex_identity: 'c200ab', sub: 'a1b2', iss: 'localhost', aud: ['spacetimedb'], exp })}.c2ln`
    expect(
      await ok(
        [
          'creds',
          'set',
          'spacetime://localhost:3000/blackholio',
          '--host',
          'localhost:3000',
          '--note',
          'blackholio dev',
        ],
        token,
      ),
    ).toMatch(/^saved .*token/)
    const prompted = await run(['creds', 'set', 'staging api'], {
      env,
      terminal: true,
      input: 'plain-secret-value\r',
    })
    expect(prompted.stderr).toBe('Value for staging api (not shown): \n')
    expect(prompted.code).toBe(0)
    expect((await ok(['creds', 'get', 'spacetime://localhost:3000/blackholio'])).trim()).toBe(token)
    // A secret saved over the token (likely the wrong name) is refused unless asked for.
    const over = await run(['creds', 'set', 'spacetime://localhost:3000/blackholio'], {
      env,
      input: 'a-plain-secret-not-a-token',
    })
    expect(over.code).toBe(1)
    expect(over.stderr).toMatch(/^ERR_CREDENTIAL_KIND: .*holds a token; this value is a secret/)
    expect((await ok(['creds', 'get', '--host', 'localhost:3000'])).trim()).toBe(token)
    expect(await ok(['creds', 'get', '--host', 'LOCALHOST:3000', '--header'])).toBe(
      `Authorization: Bearer ${token}\n`,
    )
    const list = JSON.parse(await ok(['creds', 'list', '--json'])) as {
      name: string
      state: string
      note?: string
    }[]
    expect(list.map((c) => [c.name, c.state, c.note])).toEqual([
      ['spacetime://localhost:3000/blackholio', 'expiring', 'blackholio dev'],
      ['staging api', 'no-expiry', undefined],
    ])
    expect(await ok(['creds', 'list'])).toMatch(/expires within a day .*blackholio dev/)
    expect(readFileSync(join(home, 'config.json'), 'utf8')).not.toContain('plain-secret-value')
    const argv = await jwtw(['creds', 'set', 'argv', 'value-on-the-command-line'])
    expect(argv.code).toBe(0)
    expect(argv.stderr).toMatch(/^warning: a VALUE argument puts the secret in the process list/)
    await ok(['creds', 'delete', 'staging api'])
    await ok(['creds', 'delete', 'argv'])
    const gone = await jwtw(['creds', 'get', 'staging api'])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/^ERR_CREDENTIAL_NOT_FOUND: /)
    const noHost = await jwtw(['creds', 'get', '--host', 'nowhere.example'])
    expect(noHost.stderr).toMatch(/^ERR_CREDENTIAL_NOT_FOUND: No saved credential for host/)
  })

  it('jwtw serve prints the issuer URL first and serves a JWKS that verifies a CLI-minted token', async () => {
    await ok(['keys', 'generate', 'srv', '--alg', 'ES256'])
    const serve = startJwtw(['serve', '--port', '0', '--key', 'srv'], { env })
    try {
      const issuer = (await serve.waitFor(/\n/)).split('\n')[0]!
      expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const token = (await ok(['mint', '--key', 'srv', '--iss', issuer, '--aud', 'api'])).trim()
      const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`))
      const { payload } = await jwtVerify(token, jwks, { issuer, audience: 'api' })
      expect(payload.iss).toBe(issuer)
    } finally {
      serve.interrupt()
      expect((await serve.done).code).toBe(0)
    }
    expect(serve.stderr()).toMatch(/^Serving srv on 127\.0\.0\.1:\d+; Ctrl\+C stops\.\n$/)
    const open = await run(['serve', '--port', '0', '--host', '0.0.0.0', '--port', 'x'], { env })
    expect(open.code).toBe(2)
  })

  it('jwtw serve --host 0.0.0.0 warns that every interface can reach it', async () => {
    const serve = startJwtw(['serve', '--port', '0', '--host', '0.0.0.0'], { env })
    await serve.waitFor(/\n/)
    serve.interrupt()
    await serve.done
    expect(serve.stderr()).toMatch(
      /^warning: --host 0\.0\.0\.0 listens beyond this machine: every interface/,
    )
  })
})
