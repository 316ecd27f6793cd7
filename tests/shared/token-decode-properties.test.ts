import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeText, decodeToken } from '../../src/shared/token-decode'
import { WorkbenchError } from '../../src/shared/errors'

const NOW = new Date('2026-11-22T12:00:00Z')
const ALLOWED = new Set(['ERR_NO_TOKEN_FOUND', 'ERR_INPUT_TOO_LARGE'])
const KIB = 1024

/** Decodes, and checks that the only failures are ours, with our codes. */
function decodesOrRefuses(text: string): void {
  try {
    const tokens = decodeText(text, NOW)
    expect(tokens.length).toBeGreaterThan(0)
    // What decodes must cross IPC and HTTP: serializers recurse, so nothing may nest too deep.
    expect(() => structuredClone(tokens)).not.toThrow()
    expect(() => JSON.stringify(tokens)).not.toThrow()
    for (const t of tokens) {
      expect(t.count).toBeGreaterThan(0)
      expect(Array.isArray(t.lint)).toBe(true)
      // The preview is redacted: never the whole token.
      expect(t.preview).toMatch(/…\(\d+ chars\)$/)
    }
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError)
    expect(ALLOWED.has((error as WorkbenchError).code)).toBe(true)
  }
}

// Fragments that steer random text towards token-like shapes and known tricky spots.
const FRAGMENTS = [
  'eyJ',
  'ey',
  'ew',
  'e30',
  'eyJhbGciOiJub25lIn0',
  'eyJzdWIiOiIxIn0',
  '.',
  '..',
  ' ',
  '\n',
  '\\n',
  '\\u0022',
  '%20',
  '=',
  '+',
  '/',
  'A',
  'AB',
  '_-',
  '"',
  '{',
  'Bearer ',
  'access_token=',
]
const tokenish = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(''))

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64url')

describe('decode properties', () => {
  it('never throws anything but our codes on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), decodesOrRefuses), {
      numRuns: 500,
    })
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 400 }), decodesOrRefuses))
  })

  it('never throws on token-shaped noise', () => {
    fc.assert(fc.property(tokenish, decodesOrRefuses), { numRuns: 2000 })
  })

  it('never throws on three or five segments of arbitrary bytes', () => {
    const segment = fc.string({ unit: 'binary', maxLength: 60 }).map(b64)
    fc.assert(
      fc.property(fc.array(segment, { minLength: 3, maxLength: 5 }), (segments) => {
        decodesOrRefuses(`eyJ${segments.join('.')}`)
        decodesOrRefuses(`x ${segments.join('.')} y`)
      }),
      { numRuns: 1000 },
    )
  })

  it('decodeToken (what verify lints with) never throws on any string', () => {
    fc.assert(
      fc.property(fc.oneof(tokenish, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const decoded = decodeToken(text, NOW)
        expect(decoded.segmentLengths.reduce((a, b) => a + b + 1, -1)).toBe(text.length)
        expect(() => structuredClone(decoded)).not.toThrow()
      }),
      { numRuns: 1000 },
    )
  })

  it('finds every embedded token, in order, whatever surrounds it', () => {
    const claim = fc.string({ maxLength: 20 })
    const separator = fc.constantFrom(' ', '\n', '"', "'", ';', '&access_token=', ' Bearer ', ',')
    fc.assert(
      fc.property(fc.array(claim, { minLength: 1, maxLength: 5 }), separator, (subs, sep) => {
        const tokens = subs.map(
          (sub) =>
            `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub })).toString('base64url')}.AA`,
        )
        const found = decodeText(`log${sep}${tokens.join(sep)}${sep}end`, NOW)
        const distinct = [...new Set(subs)]
        expect(found.map((t) => (t.payload as { sub: string }).sub)).toEqual(distinct)
        expect(found.reduce((n, t) => n + t.count, 0)).toBe(subs.length)
      }),
    )
  })

  it('names a segment non-canonical exactly when re-encoding its bytes gives other text', () => {
    const base64url = fc
      .array(
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        {
          maxLength: 40,
        },
      )
      .map((chars) => chars.join(''))
      .filter((s) => s.length % 4 !== 1)
    fc.assert(
      fc.property(base64url, (signature) => {
        const decoded = decodeToken(`eyJhbGciOiJIUzI1NiJ9.e30.${signature}`, NOW)
        const flagged = decoded.defects.some((d) => d.code === 'non_canonical_base64url')
        expect(flagged).toBe(
          Buffer.from(signature, 'base64url').toString('base64url') !== signature,
        )
      }),
      { numRuns: 2000 },
    )
  })

  // 256 KiB of hostile shapes: each must finish (the test timeout is the bound; no timing asserts).
  it.each([
    ['one long run without dots', 'eyJ'.repeat((256 * KIB) / 3)],
    ['one run of many dots', `eyJ${'a.'.repeat(128 * KIB)}`],
    ['many tiny tokens', 'eyJ.e.e '.repeat((256 * KIB) / 8)],
    ['many distinct tokens', Array.from({ length: 20_000 }, (_, i) => `eyJ${i}.e${i}.x`).join(' ')],
    ['dots and spaces', '. '.repeat(128 * KIB)],
    ['a token start then only dots', `x eyJ${'.'.repeat(256 * KIB - 6)}`],
    ['only dots then a token start', `${'.'.repeat(256 * KIB - 6)}eyJ.e`],
    ['escapes', '\\u0022eyJ.'.repeat((256 * KIB) / 11)],
    [
      'a deeply nested valid payload',
      `eyJhbGciOiJIUzI1NiJ9.${b64('['.repeat(100 * KIB) + ']'.repeat(100 * KIB))}.AA`,
    ],
    ['nested braces', `eyJ${b64('['.repeat(190 * KIB))}.e30.AA`],
    [
      'random bytes',
      Buffer.from(Array.from({ length: 256 * KIB }, (_, i) => (i * 7919) % 256)).toString('latin1'),
    ],
  ])('finishes 256 KiB of %s', { timeout: 10_000 }, (_name, text) => {
    decodesOrRefuses(text)
  })
})
