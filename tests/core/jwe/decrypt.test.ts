import { createCipheriv, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import { CompactEncrypt, exportJWK, importJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { DECRYPTION_FAILED, decryptToken } from '../../../src/main/core/jwe/decrypt'
import { mintToken } from '../../../src/main/core/mint/mint'
import { LIMITS } from '../../../src/shared/limits'
import vectors from '../../helpers/fixtures/jwe-vectors.json'
import { tokenContext } from '../../helpers/token-context'
import { rsa } from '../../helpers/keys'

const ctx = tokenContext('2026-11-22T12:00:00Z')
type Vector = (typeof vectors.vectors)[number] & { key?: Record<string, string>; password?: string }
const all = vectors.vectors as Vector[]
const keyOf = (v: Vector) =>
  v.password !== undefined ? { password: v.password } : { keyText: JSON.stringify(v.key) }

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  try {
    await promise
  } catch (error) {
    return error as { code?: string; message?: string }
  }
  throw new Error('expected a failure')
}

/** The plaintext as the result gives it back: text, or the claims set as compact JSON. */
function plaintextOf(result: Awaited<ReturnType<typeof decryptToken>>): string | undefined {
  return result.content === 'claims' ? JSON.stringify(result.decoded?.payload) : result.text
}

describe('decrypt: published examples (RFC 7520 §5, RFC 7516 A.3)', () => {
  it.each(all.map((v) => [`${v.section} ${v.title}`, v] as const))(
    '%s: compact, flattened and general JSON decrypt to the exact plaintext',
    async (_name, v) => {
      for (const token of [v.compact, JSON.stringify(v.json_flat), JSON.stringify(v.json)]) {
        const result = await decryptToken({ token, key: keyOf(v) }, ctx)
        expect(plaintextOf(result)).toBe(v.plaintext)
        expect(result.alg).toBe(v.alg)
        expect(result.enc).toBe(v.enc)
      }
    },
  )

  it('names the serialization and the key that worked, never its material', async () => {
    const v = all.find((x) => x.section === '5.4')!
    const result = await decryptToken({ token: JSON.stringify(v.json_flat), key: keyOf(v) }, ctx)
    expect(result.serialization).toBe('flattened')
    expect(result.key).toEqual({
      origin: 'key-text',
      detail: 'EC P-384 private key',
      kid: 'peregrin.took@tuckborough.example',
    })
    expect(JSON.stringify(result)).not.toContain(v.key!['d'])
  })
})

describe('decrypt: every failure of the decryption itself looks the same', () => {
  const v = all.find((x) => x.section === '5.8')!
  const [h, ek, iv, ct, tag] = v.compact.split('.') as [string, string, string, string, string]
  const flip = (s: string, at = 5) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1)
  const otherHeader = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(h, 'base64url').toString()), x: 1 }),
  ).toString('base64url')
  const cases: Array<[string, string, unknown]> = [
    ['a wrong key', v.compact, { secret: 'b64:' + randomBytes(16).toString('base64url') }],
    ['a changed encrypted key', [h, flip(ek), iv, ct, tag].join('.'), keyOf(v)],
    ['a changed IV', [h, ek, flip(iv), ct, tag].join('.'), keyOf(v)],
    ['a changed ciphertext', [h, ek, iv, flip(ct, 40), tag].join('.'), keyOf(v)],
    ['a changed tag', [h, ek, iv, ct, flip(tag)].join('.'), keyOf(v)],
    ['a changed protected header (AAD)', [otherHeader, ek, iv, ct, tag].join('.'), keyOf(v)],
    ['changed AAD in the JSON form', JSON.stringify({ ...v.json_flat, aad: 'ZXh0cmE' }), keyOf(v)],
  ]
  it.each(cases)('%s: ERR_JWE_DECRYPTION_FAILED, same message', async (_name, token, key) => {
    const error = await failure(decryptToken({ token, key: key as never }, ctx))
    expect(error.code).toBe('ERR_JWE_DECRYPTION_FAILED')
    expect(error.message).toBe(DECRYPTION_FAILED)
  })
})

describe('decrypt: refused before any work', () => {
  it('RSA1_5 has its own code and says why', async () => {
    const header = Buffer.from('{"alg":"RSA1_5","enc":"A128CBC-HS256"}').toString('base64url')
    const error = await failure(
      decryptToken(
        { token: `${header}.AAAA.AAAA.AAAA.AAAA`, key: { keyText: rsa.privatePem } },
        ctx,
      ),
    )
    expect(error.code).toBe('ERR_JWE_RSA1_5_REFUSED')
    expect(error.message).toMatch(/Bleichenbacher/)
  })

  it('a PBES2 count of 10^9 is refused at once', async () => {
    const header = Buffer.from(
      JSON.stringify({
        alg: 'PBES2-HS256+A128KW',
        enc: 'A128GCM',
        p2s: 'AAAAAAAAAAAAAAAAAAAAAA',
        p2c: 1e9,
      }),
    ).toString('base64url')
    const started = performance.now()
    const error = await failure(
      decryptToken({ token: `${header}.AAAA.AAAA.AAAA.AAAA`, key: { password: 'hunter2' } }, ctx),
    )
    expect(error.code).toBe('ERR_JWE_PBES2_COUNT')
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('a zip bomb (64 MiB of zeros in 64 KiB) is refused after the cap, in bounded time', async () => {
    const key = randomBytes(16)
    const header = Buffer.from('{"alg":"dir","enc":"A128GCM","zip":"DEF"}').toString('base64url')
    const compressed = deflateRawSync(Buffer.alloc(64 << 20), { level: 9 })
    expect(compressed.length).toBeLessThan(LIMITS.token / 2)
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-128-gcm', key, iv).setAAD(Buffer.from(header))
    const ct = Buffer.concat([cipher.update(compressed), cipher.final()])
    const token = [header, '', iv, ct, cipher.getAuthTag()]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.')
    const error = await failure(
      decryptToken({ token, key: { secret: `b64:${key.toString('base64url')}` } }, ctx),
    )
    expect(error.code).toBe('ERR_JWE_INFLATE_LIMIT')
  })

  it('a signing key (use sig) never decrypts', async () => {
    const v = all.find((x) => x.section === '5.2')!
    const jwk = { ...v.key, use: 'sig' }
    const error = await failure(
      decryptToken({ token: v.compact, key: { keyText: JSON.stringify(jwk) } }, ctx),
    )
    expect(error.code).toBe('ERR_KEY_UNFIT')
  })

  it('a public key cannot decrypt, and an RSA key does not fit ECDH-ES', async () => {
    const ec = all.find((x) => x.section === '5.5')!
    expect(
      (await failure(decryptToken({ token: ec.compact, key: { keyText: rsa.privatePem } }, ctx)))
        .code,
    ).toBe('ERR_KEY_UNFIT')
    const publicJwk: Record<string, string> = { ...ec.key! }
    delete publicJwk['d']
    expect(
      (
        await failure(
          decryptToken({ token: ec.compact, key: { keyText: JSON.stringify(publicJwk) } }, ctx),
        )
      ).code,
    ).toBe('ERR_KEY_UNFIT')
  })

  it('a JWS is not a JWE', async () => {
    const minted = await mintToken({ key: { keyText: rsa.privatePem }, sub: 'x' }, ctx)
    expect(
      (await failure(decryptToken({ token: minted.token, key: { password: 'p' } }, ctx))).code,
    ).toBe('ERR_NOT_A_JWE')
  })
})

describe('encrypt then decrypt, and nested tokens', () => {
  const ecdh = generateKeyPairSync('ec', { namedCurve: 'P-521' })
  const x25519 = generateKeyPairSync('x25519')
  const pem = (k: KeyObject) =>
    k.export({ type: k.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }) as string
  const recipients: Array<[string, { alg: string; enc: string }, { to: object; back: object }]> = [
    [
      'RSA-OAEP-256',
      { alg: 'RSA-OAEP-256', enc: 'A256GCM' },
      { to: { keyText: rsa.publicPem }, back: { keyText: rsa.privatePem } },
    ],
    [
      'RSA-OAEP-512',
      { alg: 'RSA-OAEP-512', enc: 'A128CBC-HS256' },
      { to: { keyText: rsa.publicPem }, back: { keyText: rsa.privatePem } },
    ],
    [
      'ECDH-ES+A256KW P-521',
      { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' },
      { to: { keyText: pem(ecdh.publicKey) }, back: { keyText: pem(ecdh.privateKey) } },
    ],
    [
      'ECDH-ES X25519',
      { alg: 'ECDH-ES', enc: 'A256CBC-HS512' },
      { to: { keyText: pem(x25519.publicKey) }, back: { keyText: pem(x25519.privateKey) } },
    ],
    [
      'A192KW',
      { alg: 'A192KW', enc: 'A192GCM' },
      { to: { secret: 'hex:' + '11'.repeat(24) }, back: { secret: 'hex:' + '11'.repeat(24) } },
    ],
    [
      'A256GCMKW',
      { alg: 'A256GCMKW', enc: 'A192CBC-HS384' },
      { to: { secret: 'hex:' + '22'.repeat(32) }, back: { secret: 'hex:' + '22'.repeat(32) } },
    ],
    [
      'dir A256CBC-HS512',
      { alg: 'dir', enc: 'A256CBC-HS512' },
      { to: { secret: 'hex:' + '33'.repeat(64) }, back: { secret: 'hex:' + '33'.repeat(64) } },
    ],
    [
      'PBES2-HS384+A192KW',
      { alg: 'PBES2-HS384+A192KW', enc: 'A256GCM' },
      {
        to: { password: 'correct horse battery staple' },
        back: { password: 'correct horse battery staple' },
      },
    ],
  ]
  it.each(recipients)(
    '%s: claims encrypted alone decrypt to the same claims',
    async (_n, jwe, keys) => {
      const minted = await mintToken(
        {
          sub: 'auth0|6512f7a0c3b1d2e4f5a6b7c8',
          aud: 'https://api.orders.example-retail.com',
          encrypt: { to: keys.to as never, ...jwe } as never,
        },
        ctx,
      )
      expect(minted.encrypted?.header).toMatchObject(jwe)
      const result = await decryptToken({ token: minted.token, key: keys.back as never }, ctx)
      expect(result.content).toBe('claims')
      expect(result.decoded?.payload).toEqual(minted.payload)
    },
  )

  it('defaults: RSA-OAEP-256 + A256GCM for an RSA key', async () => {
    const minted = await mintToken({ sub: 'a', encrypt: { to: { keyText: rsa.publicPem } } }, ctx)
    expect(minted.encrypted?.header).toMatchObject({
      alg: 'RSA-OAEP-256',
      enc: 'A256GCM',
      typ: 'JWT',
    })
  })

  it('sign then encrypt (cty JWT); decrypt shows the inner token and verifies it in place', async () => {
    const minted = await mintToken(
      {
        key: { keyText: rsa.privatePem },
        iss: 'https://login.example-retail.com/realms/shop',
        sub: '3f6b2a10-8d4e-4c1a-9b7f-2e5d6c8a9b01',
        encrypt: { to: { keyText: rsa.publicPem } },
      },
      ctx,
    )
    expect(minted.encrypted?.header['cty']).toBe('JWT')
    const result = await decryptToken(
      { token: minted.token, key: { keyText: rsa.privatePem }, verify: { keyText: rsa.publicPem } },
      ctx,
    )
    expect(result.content).toBe('jws')
    expect(result.inner).toBe(minted.encrypted?.inner)
    expect(result.verification?.valid).toBe(true)
    const wrong = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey
    const bad = await decryptToken(
      { token: minted.token, key: { keyText: rsa.privatePem }, verify: { keyText: pem(wrong) } },
      ctx,
    )
    expect(bad.verification?.valid).toBe(false)
  })

  it('interop: a token jose encrypts directly decrypts here, and ours decrypt with jose', async () => {
    const jwk = await exportJWK(rsa.publicKey)
    const theirs = await new CompactEncrypt(new TextEncoder().encode('{"scp":"orders.read"}'))
      .setProtectedHeader({ alg: 'RSA-OAEP', enc: 'A128GCM' })
      .encrypt(await importJWK({ ...jwk, alg: 'RSA-OAEP' }))
    const result = await decryptToken({ token: theirs, key: { keyText: rsa.privatePem } }, ctx)
    expect(result.decoded?.payload).toEqual({ scp: 'orders.read' })
  })
})
