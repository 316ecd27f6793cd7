// The secret strength checker's rules at their boundaries, placeholders, and generated secrets.
import fc from 'fast-check'
import { hmacMinBytes } from '../../src/shared/algorithms'
import { describe, expect, it } from 'vitest'
import { checkSecret, encodeSecret, generateSecret } from '../../src/shared/secret-strength'
import type { SecretCheck, SecretRule } from '../../src/shared/secret-types'

// Symbols keep it from reading as base64 or hex, so text bytes are the key bytes.
const RANDOM_TEXT =
  'Zq3!vK8p#LmN2x$R7tY9&wB4cD6fH1jS5gA0@eU7iO3pX9zQ2%nM6bV8cF4hJ1kL5sD0aG7wE3rT9yU2iO6pZ8xC4vB1nM5'

function rule(result: SecretCheck, id: SecretRule['id']): SecretRule {
  const found = result.rules.find((r) => r.id === id)
  if (!found) throw new Error(`no rule ${id}`)
  return found
}

function bytes(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 73 + 41) % 256)
}

describe('rule boundaries', () => {
  it('needs 32 characters: 31 fails, 32 passes', async () => {
    const short = await checkSecret(RANDOM_TEXT.slice(0, 31))
    const enough = await checkSecret(RANDOM_TEXT.slice(0, 32))
    expect(rule(short, 'min-length').passed).toBe(false)
    expect(short.fix?.message).toContain('48 bytes')
    expect(rule(enough, 'min-length').passed).toBe(true)
    expect(rule(short, 'min-key-bytes').passed).toBe(false)
    expect(rule(enough, 'min-key-bytes').passed).toBe(true)
    expect(short.verdict).toBe('weak')
    expect(enough.verdict).not.toBe('weak')
  })

  it('needs 8 unique characters: 7 fails, 8 passes', async () => {
    const seven = await checkSecret('abcdefg'.repeat(5))
    const eight = await checkSecret('abcdefgh'.repeat(4))
    expect(seven.uniqueChars).toBe(7)
    expect(eight.uniqueChars).toBe(8)
    expect(rule(seven, 'unique-chars').passed).toBe(false)
    expect(rule(eight, 'unique-chars').passed).toBe(true)
  })

  it('reads base64 as decoded bytes: 24 bytes fail HS256, 32 bytes pass', async () => {
    const b24 = encodeSecret(bytes(24), 'base64')
    const b32 = encodeSecret(bytes(32), 'base64')
    expect(b24).toHaveLength(32)
    const r24 = await checkSecret(b24, 'HS256')
    const r32 = await checkSecret(b32, 'HS256')
    expect(r24.readings).toContainEqual({ kind: 'base64', bytes: 24 })
    expect(r24.readings).toContainEqual({ kind: 'text', bytes: 32 })
    expect(rule(r24, 'min-key-bytes').passed).toBe(false)
    expect(r24.verdict).toBe('weak')
    expect(r32.readings).toContainEqual({ kind: 'base64', bytes: 32 })
    expect(rule(r32, 'min-key-bytes').passed).toBe(true)
  })

  it('reads hex and base64url too', async () => {
    const hex = await checkSecret(encodeSecret(bytes(40), 'hex'))
    expect(hex.readings).toContainEqual({ kind: 'hex', bytes: 40 })
    const url = await checkSecret(encodeSecret(bytes(48), 'base64url'))
    expect(url.readings).toContainEqual({ kind: 'base64url', bytes: 48 })
    const words = await checkSecret('my-hyphenated-words-are-not-base64url')
    expect(words.readings.map((r) => r.kind)).toEqual(['text'])
  })

  it.each([
    ['HS384', 48],
    ['HS512', 64],
  ] as const)('%s needs %d key bytes', async (alg, min) => {
    expect(hmacMinBytes(alg)).toBe(min)
    const under = await checkSecret(RANDOM_TEXT.slice(0, min - 1), alg)
    const at = await checkSecret(RANDOM_TEXT.slice(0, min), alg)
    expect(under.minBytes).toBe(min)
    expect(rule(under, 'min-key-bytes').passed).toBe(false)
    expect(rule(at, 'min-key-bytes').passed).toBe(true)
    // The same 48 characters that satisfy HS384 are too short for HS512.
    if (alg === 'HS512') {
      expect(rule(await checkSecret(RANDOM_TEXT.slice(0, 48), alg), 'min-key-bytes').passed).toBe(
        false,
      )
    }
  })

  it('counts characters, not UTF-16 units, and bytes as UTF-8', async () => {
    const r = await checkSecret('é'.repeat(16))
    expect(r.length).toBe(16)
    expect(r.textBytes).toBe(32)
    expect(r.classes.other).toBe(true)
  })
})

describe('placeholders, passwords and patterns', () => {
  it.each([
    'secret',
    'your-256-bit-secret',
    'changeme',
    'supersecret',
    'keyboard cat',
    'ThisTokenIsNotSoSecretChangeIt',
    'super-secret-jwt-token-with-at-least-32-characters-long',
    '"Secret"',
  ])('%s is weak and flagged as a known placeholder', async (secret) => {
    const r = await checkSecret(secret)
    expect(r.verdict).toBe('weak')
    expect(rule(r, 'known-weak').passed).toBe(false)
  })

  it('flags common passwords, repeats, sequences and keyboard walks', async () => {
    for (const words of ['password123', 'iloveyoumonkeydragonshadowmaster', 'P@ssw0rd']) {
      expect(rule(await checkSecret(words), 'common-password').passed, words).toBe(false)
    }
    expect(rule(await checkSecret('a'.repeat(40)), 'pattern').passed).toBe(false)
    expect(rule(await checkSecret('zxcvbnmasdfghjklzxcvbnmasdfghjkl'), 'pattern').passed).toBe(
      false,
    )
    for (const pattern of [
      'a'.repeat(40),
      'abcdefghijklmnopqrstuvwxyz0123456789',
      'qwertyuiopasdfghjklzxcvbnm1234567890',
    ]) {
      const r = await checkSecret(pattern)
      // zxcvbn knows some walks ("qwertyuiop") as common passwords rather than as patterns.
      expect(rule(r, 'pattern').passed && rule(r, 'common-password').passed, pattern).toBe(false)
      expect(r.verdict).toBe('weak')
    }
  })

  it('estimates entropy as the lower of zxcvbn and the charset bound', async () => {
    const r = await checkSecret('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')
    expect(r.entropyBits).toBeLessThan(20)
    const bound = await checkSecret('0123')
    expect(bound.entropyBits).toBeLessThanOrEqual(4 * Math.log2(10) + 0.1)
  })
})

describe('generated secrets', () => {
  it('are rated strong in every encoding', async () => {
    for (const encoding of ['base64url', 'base64', 'hex'] as const) {
      for (let i = 0; i < 10; i++) {
        const g = generateSecret({ encoding })
        expect(g.bytes).toBe(48)
        const r = await checkSecret(g.secret, 'HS256')
        expect(r.verdict, `${encoding} ${r.rules.filter((x) => !x.passed).map((x) => x.id)}`).toBe(
          'strong',
        )
      }
    }
    const g = generateSecret({ bytes: 64 })
    expect((await checkSecret(g.secret, 'HS512')).verdict).toBe('strong')
  })

  it('does not read runs of digits in hex as dates', async () => {
    // Digit runs that parse as dates turn up by chance in about 1 in 200 random 48-byte hex
    // secrets; this one is built to hold three.
    const hex =
      '20231231' +
      '19990101' +
      '20150615' +
      '9f3ac7e5b1d84a62f0e7c3b95d1a8e4f7c2b6a0d9e3f5c1b8a7d4e6f2c0b9a5d3e'
    const r = await checkSecret(hex.slice(0, 96), 'HS256')
    expect(rule(r, 'pattern').passed).toBe(true)
    expect(r.verdict).toBe('strong')
  })

  it('gives the encoded length and an env line', () => {
    const g = generateSecret({ bytes: 48, encoding: 'base64url', envName: 'JWT_SECRET' })
    expect(g.secret).toMatch(/^[A-Za-z0-9_-]{64}$/)
    expect(g.envLine).toBe(`JWT_SECRET=${g.secret}`)
    expect(generateSecret({ encoding: 'hex', bytes: 16 }).secret).toMatch(/^[0-9a-f]{32}$/)
    expect(generateSecret({ encoding: 'base64', bytes: 32 }).secret).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(() => generateSecret({ envName: 'NOT A NAME' })).toThrow(RangeError)
    expect(() => generateSecret({ bytes: 0 })).toThrow(RangeError)
  })

  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generateSecret().secret))
    expect(seen.size).toBe(200)
  })
})

describe('properties', () => {
  it('checks any text without throwing, verdict consistent with the rules', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('HS256', 'HS384', 'HS512'),
        async (s, alg) => {
          const r = await checkSecret(s, alg as 'HS256')
          const failed = r.rules.filter((x) => !x.passed)
          expect(typeof r.fix?.message === 'string').toBe(failed.length > 0)
          if (failed.length === 0) expect(r.verdict).toBe('strong')
          if (r.verdict === 'strong') expect(failed).toHaveLength(0)
          expect(r.entropyBits).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('encodes any bytes so that they decode back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (b) => {
        const buf = Buffer.from(b)
        expect(Buffer.from(encodeSecret(b, 'hex'), 'hex').equals(buf)).toBe(true)
        expect(Buffer.from(encodeSecret(b, 'base64'), 'base64').equals(buf)).toBe(true)
        expect(Buffer.from(encodeSecret(b, 'base64url'), 'base64url').equals(buf)).toBe(true)
        expect(encodeSecret(b, 'base64')).toBe(buf.toString('base64'))
        expect(encodeSecret(b, 'base64url')).toBe(buf.toString('base64url'))
      }),
    )
  })
})
