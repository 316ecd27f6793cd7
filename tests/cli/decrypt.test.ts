// `jwtw decrypt`, `jwtw mint --encrypt-to` and encryption keys, in-process through the CLI's entry.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeProtectedHeader } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { cliEnv, jwtw } from '../helpers/cli'
import { tempFiles } from '../helpers/temp-files'
import { conforms } from '../helpers/conforms'
import vectors from '../helpers/fixtures/jwe-vectors.json'
import { probeKeychain } from '../helpers/keychain-available'
import { rsa } from '../helpers/keys'

const { file } = tempFiles('cli-jwe')
const noEnvSecret = { env: { JWT_SECRET_KEY: '' } }
const { available } = await probeKeychain()

describe('jwtw decrypt with keys from files', () => {
  const cookbook = vectors.vectors.find((v) => v.section === '5.4')!
  const keyFile = file('peregrin.jwk', JSON.stringify(cookbook.key))

  it('decrypts the RFC 7520 §5.4 example and says which key did it', async () => {
    const result = await jwtw(['decrypt', cookbook.compact, '--key-file', keyFile])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('decrypted')
    expect(result.stdout).toContain('ECDH-ES+A128KW + A128GCM')
    expect(result.stdout).toContain('kid peregrin.took@tuckborough.example')
    expect(result.stdout).toContain('We are your friends, Frodo.')
  })

  it('--json conforms to its schema; the JSON serialization is read from stdin', async () => {
    const result = await jwtw(['decrypt', '--key-file', keyFile, '--json'], {
      input: JSON.stringify(cookbook.json_flat),
    })
    expect(result.code).toBe(0)
    conforms('decrypt', result.stdout)
    expect(JSON.parse(result.stdout)).toMatchObject({ serialization: 'flattened', content: 'text' })
  })

  it('a wrong key: exit 1 with the one uniform code', async () => {
    const result = await jwtw([
      'decrypt',
      cookbook.compact,
      '--key-file',
      file('wrong.pem', rsa.privatePem),
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^ERR_KEY_UNFIT: /)
    const aes = file('aes.key', 'hex:' + '00'.repeat(16))
    const kw = vectors.vectors.find((v) => v.section === '5.8')!
    const wrong = await jwtw(['decrypt', kw.compact, '--secret-file', aes])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/^ERR_JWE_DECRYPTION_FAILED: Decryption failed/)
  })

  it('a PBES2 password from a file (RFC 7520 §5.3)', async () => {
    const pbes2 = vectors.vectors.find((v) => v.section === '5.3')!
    const result = await jwtw([
      'decrypt',
      pbes2.compact,
      '--password-file',
      file('pwd', `${pbes2.password}\n`),
      '--json',
    ])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).decoded.payload.keys).toHaveLength(3)
  })

  it('mint --encrypt-to @FILE, then decrypt and verify the nested token', async () => {
    const signing = file('signing.pem', rsa.privatePem)
    const recipient = file('recipient.pub.pem', rsa.publicPem)
    const minted = await jwtw(
      [
        'mint',
        '--key-file',
        signing,
        '--iss',
        'https://login.partner-bank.example/oauth2/v2.0',
        '--sub',
        '00u1a2b3c4d5e6f7g8h9',
        '--encrypt-to',
        `@${recipient}`,
      ],
      noEnvSecret,
    )
    expect(minted.code).toBe(0)
    const token = minted.stdout.trim()
    expect(token.split('.')).toHaveLength(5)
    expect(decodeProtectedHeader(token)).toMatchObject({
      alg: 'RSA-OAEP-256',
      enc: 'A256GCM',
      cty: 'JWT',
    })
    const ok = await jwtw(['decrypt', token, '--key-file', signing, '--verify-key-file', recipient])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('Nested token: JWS RS256')
    expect(ok.stdout).toMatch(/valid/)
    const decoded = await jwtw(['decode', token])
    expect(decoded.stdout).toContain('jwtw decrypt')
  })

  it('usage: two key options, or --enc without a recipient, exit 2', async () => {
    expect((await jwtw(['decrypt', 'x', '--key', 'a', '--key-file', keyFile])).code).toBe(2)
    expect((await jwtw(['mint', '--secret', 'x'.repeat(32), '--enc', 'A256GCM'])).code).toBe(2)
  })
})

describe.skipIf(!available)('encryption keys in the keychain through the CLI', () => {
  const { env, home } = cliEnv('jwe')
  afterAll(() => rmSync(home, { recursive: true, force: true }))
  const run = (args: string[], input?: string) =>
    jwtw(args, { env: { ...env, JWT_SECRET_KEY: '' }, ...(input === undefined ? {} : { input }) })

  it('generate --alg RSA-OAEP-256, list shows use enc, mint to it, decrypt with every stored key', async () => {
    expect((await run(['keys', 'generate', 'partner-enc', '--alg', 'RSA-OAEP-256'])).code).toBe(0)
    expect(
      (
        await run([
          'keys',
          'generate',
          'device-enc',
          '--alg',
          'ECDH-ES+A256KW',
          '--curve',
          'X25519',
        ])
      ).code,
    ).toBe(0)
    const list = await run(['keys', 'list'])
    expect(list.stdout).toMatch(/partner-enc\s+RSA-OAEP-256\s+enc/)
    expect(list.stdout).toMatch(/device-enc\s+ECDH-ES\+A256KW\s+enc\s+X25519/)
    const minted = await run(['mint', '--sub', 'device-42', '--encrypt-to', 'device-enc'])
    expect(minted.code).toBe(0)
    expect(decodeProtectedHeader(minted.stdout.trim())).toMatchObject({ alg: 'ECDH-ES+A256KW' })
    const out = await run(['decrypt', minted.stdout.trim(), '--json'])
    expect(out.code).toBe(0)
    expect(JSON.parse(out.stdout)).toMatchObject({ content: 'claims', key: { name: 'device-enc' } })
    const exported = await run(['keys', 'export', 'partner-enc', '--format', 'jwk'])
    expect(JSON.parse(exported.stdout)).toMatchObject({ use: 'enc', alg: 'RSA-OAEP-256' })
  })

  it('scan --decrypt decrypts each unique JWE once and verifies the inner token', async () => {
    expect((await run(['keys', 'generate', 'ledger-sign', '--alg', 'ES256'])).code).toBe(0)
    const nested = await run([
      'mint',
      '--key',
      'ledger-sign',
      '--sub',
      'acct-7731-0042',
      '--iss',
      'https://ledger.partner-bank.example',
      '--encrypt-to',
      'partner-enc',
    ])
    expect(nested.code).toBe(0)
    const token = nested.stdout.trim()
    const log = `POST /settle payload=${token}\nPOST /settle payload=${token}\n`
    const verified = await run(['scan', '--decrypt', '--key', 'ledger-sign', '--json', '-'], log)
    expect(verified.code).toBe(0)
    const [row] = JSON.parse(verified.stdout).tokens
    expect(row.count).toBe(2)
    expect(row.verification).toMatchObject({ state: 'valid' })
    expect(row.verification.key).toMatch(/^decrypted with .*partner-enc/)
    // Decrypted without a key to verify with: said so, not called valid.
    const only = await run(['scan', '--decrypt-key', 'partner-enc', '--json', '-'], log)
    expect(JSON.parse(only.stdout).tokens[0].verification).toMatchObject({
      state: 'unverifiable',
      code: 'ERR_JWE_NOT_VERIFIED',
    })
  })

  it('a PBES2 password saved as a credential encrypts and decrypts; it never reaches argv', async () => {
    const password = 'correct horse battery staple: partner settlement feed'
    expect((await run(['creds', 'set', 'partner-pbes2'], `${password}\n`)).code).toBe(0)
    const minted = await run([
      'mint',
      '--sub',
      'settlement-batch-2026-12-04',
      '--encrypt-password-credential',
      'partner-pbes2',
    ])
    expect(minted.code).toBe(0)
    expect(decodeProtectedHeader(minted.stdout.trim())).toMatchObject({ alg: 'PBES2-HS512+A256KW' })
    const out = await run([
      'decrypt',
      minted.stdout.trim(),
      '--password-credential',
      'partner-pbes2',
      '--json',
    ])
    expect(out.code).toBe(0)
    expect(JSON.parse(out.stdout)).toMatchObject({
      content: 'claims',
      key: { detail: 'password (credential partner-pbes2)' },
    })
    // The same PBES2 token with RFC 7520's password instead: the uniform failure.
    const pbes2 = vectors.vectors.find((v) => v.section === '5.3')!
    const wrong = await run(['decrypt', pbes2.compact, '--password-credential', 'partner-pbes2'])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/^ERR_JWE_DECRYPTION_FAILED/)
  })
})

describe.skipIf(!available)('importing encryption keys through the CLI', () => {
  const { env, home } = cliEnv('jwe-import')
  afterAll(() => rmSync(home, { recursive: true, force: true }))
  const run = (args: string[]) => jwtw(args, { env: { ...env, JWT_SECRET_KEY: '' } })

  it('a JWK marked use enc (RFC 7520 §5.4) imports as an encryption key and decrypts its example', async () => {
    const v = vectors.vectors.find((x) => x.section === '5.4')!
    const path = file('peregrin-import.jwk', JSON.stringify(v.key))
    const imported = await run(['keys', 'import', 'peregrin', path])
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain('use=enc')
    const out = await run(['decrypt', v.compact, '--key', 'peregrin', '--json'])
    expect(out.code).toBe(0)
    expect(JSON.parse(out.stdout).text).toBe(v.plaintext)
  })

  it('a dir key from RFC 7520 §5.6 (its JWK names the enc) imports as dir', async () => {
    const v = vectors.vectors.find((x) => x.section === '5.6')!
    const imported = await run([
      'keys',
      'import',
      'cookbook-dir',
      file('dir.jwk', JSON.stringify(v.key)),
    ])
    expect(imported.code).toBe(0)
    const out = await run(['decrypt', v.compact, '--json'])
    expect(JSON.parse(out.stdout)).toMatchObject({
      key: { name: 'cookbook-dir' },
      text: v.plaintext,
    })
  })
})

describe('mint --encrypt-jwks: the encryption key a JWK Set publishes', () => {
  it('picks the use enc key (never the signing one) and the recipient decrypts', async () => {
    const { startServer, json } = await import('../helpers/servers')
    const { exportJWK } = await import('jose')
    const { generateKeyPairSync } = await import('node:crypto')
    const enc = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const sig = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const server = await startServer()
    try {
      server.route(
        '/.well-known/jwks.json',
        json({
          keys: [
            { ...(await exportJWK(sig.publicKey)), kid: 'sig-2026-q4', use: 'sig', alg: 'ES256' },
            {
              ...(await exportJWK(enc.publicKey)),
              kid: 'enc-2026-q4',
              use: 'enc',
              alg: 'ECDH-ES+A256KW',
            },
          ],
        }),
      )
      const minted = await jwtw(
        ['mint', '--sub', 'partner-7', '--encrypt-jwks', `${server.url}/.well-known/jwks.json`],
        { env: { JWT_SECRET_KEY: '', JWTW_HOME: mkdtempSync(join(tmpdir(), 'jwtw-encjwks-')) } },
      )
      expect(minted.code, minted.stderr).toBe(0)
      expect(decodeProtectedHeader(minted.stdout.trim())).toMatchObject({
        alg: 'ECDH-ES+A256KW',
        kid: 'enc-2026-q4',
      })
      const privateJwk = file(
        'enc-private.jwk',
        JSON.stringify({ ...(await exportJWK(enc.privateKey)), kid: 'enc-2026-q4' }),
      )
      const out = await jwtw(['decrypt', minted.stdout.trim(), '--key-file', privateJwk, '--json'])
      expect(JSON.parse(out.stdout).decoded.payload.sub).toBe('partner-7')
    } finally {
      await server.close()
    }
  })
})

describe('scan counts encrypted tokens by alg and enc', () => {
  it('two JWEs of one kind, one of another, beside a JWS', async () => {
    const v = vectors.vectors
    const log = [
      `POST /callback id_token=${v[0]!.compact}`,
      `POST /callback id_token=${v[0]!.compact}`,
      `cookie session=${v[4]!.compact}`,
    ].join('\n')
    const run = await jwtw(['scan', '--json', '-'], { input: `${log}\n` })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.encrypted).toEqual([
      { alg: 'RSA-OAEP', enc: 'A256GCM', unique: 1, occurrences: 2 },
      { alg: 'dir', enc: 'A128GCM', unique: 1, occurrences: 1 },
    ])
    const text = await jwtw(['scan', '-'], { input: `${log}\n` })
    expect(text.stdout).toMatch(/Encrypted tokens[\s\S]*RSA-OAEP\s+A256GCM\s+1\s+2/)
  })
})
