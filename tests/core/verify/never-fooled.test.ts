// Verify must never call a forged or expired token valid: each attack of the security review,
// through `jwtw verify` (in-process, against src) (exit 0 would mean "valid").
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { signCompact } from '../../../src/main/core/mint/jws-sign'
import { ROOT, jwtw } from '../../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'jwtw-fooled-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const b64 = (text: string) => Buffer.from(text).toString('base64url')
const SECRET = 'never-fooled-secret-of-32-bytes-x'
const enc = new TextEncoder()
const PAST = 1_700_000_000 // 2023
const FUTURE = 4_102_444_800 // 2100

/** An HS256 token over exactly these header and payload texts, signed with the right secret. */
function hs256(headerText: string, payloadText: string): string {
  return signCompact(enc.encode(headerText), enc.encode(payloadText), 'HS256', enc.encode(SECRET))
}

async function verify(token: string, ...args: string[]) {
  return jwtw(['verify', token, ...args])
}

/** Verify with the shared secret, given as the environment gives it (never in argv). */
async function verifyWithSecret(token: string, ...args: string[]) {
  return jwtw(['verify', token, ...args], { env: { JWT_SECRET_KEY: SECRET } })
}

describe('degenerate RSA keys are refused, so nobody forges with them', () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string }

  /** A token "signed" without any private key: with e = 1 the signature is the padded hash. */
  function forgedWithExponentOne(): string {
    const input = `${b64(JSON.stringify({ alg: 'RS256', kid: 'weak' }))}.${b64(JSON.stringify({ sub: 'admin', exp: FUTURE }))}`
    const digest = createHash('sha256').update(input).digest()
    const digestInfo = Buffer.concat([
      Buffer.from('3031300d060960864801650304020105000420', 'hex'),
      digest,
    ])
    const em = Buffer.alloc(256, 0xff)
    em[0] = 0
    em[1] = 1
    em[256 - digestInfo.length - 1] = 0
    digestInfo.copy(em, 256 - digestInfo.length)
    return `${input}.${em.toString('base64url')}`
  }

  it('e = 1: the forged token is refused as a JWK, a PEM and inside a JWKS', async () => {
    const token = forgedWithExponentOne()
    const weak = { kty: 'RSA', n: jwk.n, e: 'AQ', kid: 'weak' }
    const pem = createPublicKey({ key: weak, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    }) as string
    for (const keyFile of [
      file('e1.jwk', JSON.stringify(weak)),
      file('e1.pem', pem),
      file('e1.jwks', JSON.stringify({ keys: [weak] })),
    ]) {
      const run = await verify(token, '--key-file', keyFile)
      expect(run.code, keyFile).toBe(1)
      expect(run.stderr).toMatch(/^ERR_KEY_WEAK: .*public exponent is 1/)
      expect(run.stdout).not.toMatch(/^valid/)
    }
  })

  it.each([
    ['e = 3', { e: 'Aw' }, /public exponent is 3, under 65537/],
    ['an even e', { e: 'AQAC' }, /public exponent 65538 is even/],
  ])('%s is refused', async (_what, change, message) => {
    const keyFile = file(
      `rsa-${_what.replace(/\W/g, '')}.jwk`,
      JSON.stringify({ kty: 'RSA', n: jwk.n, ...change }),
    )
    const run = await verify(forgedWithExponentOne(), '--key-file', keyFile)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_KEY_WEAK: /)
    expect(run.stderr).toMatch(message)
  })

  it('a 1024-bit modulus is refused', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey
    const keyFile = file('rsa1024.pem', small.export({ type: 'spki', format: 'pem' }) as string)
    const run = await verify(forgedWithExponentOne(), '--key-file', keyFile)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_KEY_WEAK: .*1024 bits; RSA keys need 2048/)
  })

  it('a ROCA modulus (CVE-2017-15361, published test vector) is refused', async () => {
    const roca = readFileSync(
      join(ROOT, 'tests', 'helpers', 'fixtures', 'keys', 'rsa-roca.pem'),
      'utf8',
    )
    const run = await verify(forgedWithExponentOne(), '--key-file', file('roca.pem', roca))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_KEY_WEAK: .*ROCA fingerprint/)
  })
})

describe('a claim check is never skipped', () => {
  it('a payload nesting 64 levels with exp in the past is invalid (claims unreadable)', async () => {
    const deep = `${'['.repeat(64)}${']'.repeat(64)}`
    const token = hs256('{"alg":"HS256"}', `{"sub":"a","exp":${PAST},"x":${deep}}`)
    const run = await verifyWithSecret(token)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_JWT_CLAIMS_UNREADABLE: /)
  })

  it.each([
    ['text', 'hello, world', /text \(12 characters\)/],
    ['binary', '\u0000\u00ff\u00fe', /not a JSON claims set/],
    ['a JSON array', '[1,2]', /a JSON array/],
    ['a nested token', `${b64('{"alg":"none"}')}.${b64(`{"exp":${PAST}}`)}.`, /nested token/],
  ])('a payload that is %s is invalid for a JWT', async (_what, payload, message) => {
    const token = hs256('{"alg":"HS256"}', payload)
    const run = await verifyWithSecret(token)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_JWT_CLAIMS_INVALID: /)
    expect(run.stderr).toMatch(message)
  })

  it('the same text payload verifies as a plain JWS with --jws', async () => {
    const run = await verifyWithSecret(hs256('{"alg":"HS256"}', 'hello, world'), '--jws')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^valid/)
  })
})

describe('duplicate members are refused', () => {
  it('{"exp": past, "exp": future}', async () => {
    const token = hs256('{"alg":"HS256"}', `{"sub":"a","exp":${PAST},"exp":${FUTURE}}`)
    const run = await verifyWithSecret(token)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_JWT_DUPLICATE_MEMBER: .*"exp"/)
  })

  it('{"alg": "none", "alg": "HS256"} in the header', async () => {
    const token = hs256('{"alg":"none","alg":"HS256"}', `{"sub":"a","exp":${FUTURE}}`)
    const run = await verifyWithSecret(token)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_JWT_DUPLICATE_MEMBER: .*"alg"/)
  })

  it('an escaped duplicate ("\\u0065xp") is a duplicate too', async () => {
    const token = hs256('{"alg":"HS256"}', `{"exp":${PAST},"\\u0065xp":${FUTURE}}`)
    const run = await verifyWithSecret(token)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^ERR_JWT_DUPLICATE_MEMBER: /)
  })
})

describe("a JWK's use, key_ops and alg are obeyed (Wycheproof JWS tc353-356)", () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const pub = publicKey.export({ format: 'jwk' })
  const token = signCompact(
    enc.encode('{"alg":"ES256","kid":"k1"}'),
    enc.encode(`{"sub":"a","exp":${FUTURE}}`),
    'ES256',
    privateKey,
  )

  it.each([
    ['use: enc', { use: 'enc' }, 'ERR_KEY_UNFIT'],
    ['key_ops without verify', { key_ops: ['encrypt'] }, 'ERR_KEY_UNFIT'],
    ['alg naming another algorithm', { alg: 'ES384' }, 'ERR_JOSE_ALG_NOT_ALLOWED'],
  ])('a key with %s does not verify', async (_what, extra, code) => {
    for (const text of [
      JSON.stringify({ ...pub, kid: 'k1', ...extra }),
      JSON.stringify({ keys: [{ ...pub, kid: 'k1', ...extra }] }),
    ]) {
      const run = await verify(token, '--key-file', file(`use-${code}.json`, text))
      expect(run.code).toBe(1)
      expect(run.stderr.startsWith(`${code}: `)).toBe(true)
    }
  })

  it('the same key with use: sig and key_ops [verify] verifies (the tests can pass)', async () => {
    const good = JSON.stringify({
      ...pub,
      kid: 'k1',
      use: 'sig',
      key_ops: ['verify'],
      alg: 'ES256',
    })
    const run = await verify(token, '--key-file', file('use-ok.json', good))
    expect(run.code).toBe(0)
  })
})

describe('verify takes exactly one token', () => {
  // A valid token, and text around or inside it: anything but the token itself (after trimming
  // whitespace and one "Bearer ") never verifies.
  const token = hs256(
    '{"alg":"HS256","typ":"JWT"}',
    JSON.stringify({
      iss: 'https://auth.payments.example.com/realms/production',
      sub: 'f4c3b1a2-7d9e-4c1b-9a8f-2e6d5c4b3a21',
      exp: FUTURE,
    }),
  )
  const noise = fc.string({ minLength: 1, maxLength: 6, unit: 'binary-ascii' })
  const variant = fc.oneof(
    fc.tuple(noise, fc.nat({ max: token.length })).map(([junk, at]) => {
      return `${token.slice(0, at)}${junk}${token.slice(at)}`
    }),
    noise.map((junk) => `${token}${junk}`),
    noise.map((junk) => `${junk}${token}`),
    fc.nat({ max: token.length - 1 }).map((at) => `${token.slice(0, at)}${token.slice(at + 1)}`),
    fc.constant(`${token} ${token}`),
    fc.constant(`Bearer Bearer ${token}`),
  )

  it('for any text that is not exactly one compact token, verify never exits 0', async () => {
    await fc.assert(
      fc.asyncProperty(variant, async (text) => {
        const bare = text.trim().replace(/^Bearer /, '')
        fc.pre(bare !== token)
        const run = await verifyWithSecret(text)
        expect(run.code, JSON.stringify(text)).not.toBe(0)
      }),
      { numRuns: 300 },
    )
  })

  it('the token itself, padded with whitespace or after Bearer, verifies', async () => {
    for (const text of [token, `  ${token}\n`, `Bearer ${token}`]) {
      expect((await verifyWithSecret(text)).code).toBe(0)
    }
  })
})
