import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/main/core/context'
import { createHandlers } from '../../src/main/core/handlers'
import { decodeText, decodeToken } from '../../src/shared/token-decode'
import { findDuplicateKeys } from '../../src/shared/json-duplicates'
import type { DecodedToken } from '../../src/shared/token-types'
import { LIMITS } from '../../src/shared/limits'

const NOW = new Date('2026-11-22T12:00:00Z')
const NOW_S = NOW.getTime() / 1000

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
const jws = (header: unknown, payload: unknown, signature = b64('signature-bytes')) =>
  `${b64(header)}.${b64(payload)}.${signature}`

const HS = { alg: 'HS256', typ: 'JWT' }
const A = jws(HS, { sub: 'alice', exp: NOW_S + 600 })
const B = jws(HS, { sub: 'bob', exp: NOW_S + 600 })
const C = jws({ alg: 'RS256', kid: 'k1' }, { sub: 'carol', exp: NOW_S + 600 })

const decode = (text: string) => decodeText(text, NOW)
const codes = (t: DecodedToken) => t.defects.map((d) => d.code)
const subs = (ts: DecodedToken[]) => ts.map((t) => (t.payload as { sub: string }).sub)

function codeOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return (error as { code?: unknown }).code
  }
  return 'no error'
}

describe('decode: finding tokens in any text', () => {
  it('decodes a bare token: header, payload, segment sizes, signature length', () => {
    const [t] = decode(A)
    expect(t).toMatchObject({
      kind: 'JWS',
      count: 1,
      offset: 0,
      header: HS,
      payload: { sub: 'alice' },
      segmentLengths: A.split('.').map((s) => s.length),
      signatureBytes: 'signature-bytes'.length,
      defects: [],
    })
    expect(t!.preview).not.toContain(A.split('.')[1])
  })

  it.each([
    ['Authorization header', `Authorization: Bearer ${A}`],
    ['cookie', `Cookie: theme=dark; session=${A}; Path=/; HttpOnly`],
    ['URL access_token', `https://app.example.com/cb?access_token=${A}&state=xyz`],
    ['URL id_token in fragment', `https://app.example.com/cb#id_token=${A}&token_type=Bearer`],
    [
      'curl command',
      `curl -sS -X GET 'https://api.example.com/v1/me' -H 'Accept: application/json' -H "Authorization: Bearer ${A}"`,
    ],
    [
      'JSON log line',
      JSON.stringify({ level: 'info', msg: 'request', headers: { authorization: `Bearer ${A}` } }),
    ],
    [
      'JSON log line with escaped content',
      JSON.stringify({ msg: JSON.stringify({ note: `token:\n${A}\tend` }) }),
    ],
    ['JSON \\u escape', `{"raw":"\\u0022${A}\\u0022"}`],
    ['URL-encoded', `https://x.example/?q=Bearer%20${A}`],
    ['end of a sentence', `The token was ${A}.`],
    ['ellipsis', `The token was ${A}...`],
  ])('finds the token in a %s', (_name, text) => {
    const found = decode(text)
    expect(found).toHaveLength(1)
    expect(found[0]!.payload).toEqual({ sub: 'alice', exp: NOW_S + 600 })
    expect(found[0]!.defects).toEqual([])
    expect(text.slice(found[0]!.offset, found[0]!.offset + A.length)).toBe(A)
  })

  it('finds every token in a page of logs in order, reporting duplicates once with a count', () => {
    const logs = [
      `2026-11-22T10:00:00Z INFO GET /a Authorization: Bearer ${B}`,
      `2026-11-22T10:00:01Z INFO GET /b Authorization: Bearer ${A}`,
      '2026-11-22T10:00:02Z WARN host eyewear.example.com timed out; v1.2.3 deployed',
      `2026-11-22T10:00:03Z INFO GET /c Authorization: Bearer ${B}`,
      `2026-11-22T10:00:04Z INFO GET /d cookie=${C}`,
      `2026-11-22T10:00:05Z INFO GET /e Authorization: Bearer ${B}`,
    ].join('\n')
    const found = decode(logs)
    expect(subs(found)).toEqual(['bob', 'alice', 'carol'])
    expect(found.map((t) => t.count)).toEqual([3, 1, 1])
    expect(found[0]!.offset).toBe(logs.indexOf(B))
    expect(found[2]!.offset).toBe(logs.indexOf(C))
  })

  it('two tokens separated by whitespace are two tokens', () => {
    expect(subs(decode(`${A} ${B}`))).toEqual(['alice', 'bob'])
    expect(subs(decode(`${A}\n${B}\n`))).toEqual(['alice', 'bob'])
  })

  it('joins a single token wrapped over lines and names the whitespace', () => {
    const wrapped = `  ${A.slice(0, 30)}\n${A.slice(30, 70)}\r\n  ${A.slice(70)}\n`
    const [t] = decode(wrapped)
    expect(t!.payload).toMatchObject({ sub: 'alice' })
    expect(codes(t!)).toEqual(['whitespace'])
  })

  it('decodes a JWE: protected header only, five segment sizes, no payload', () => {
    const header = { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1' }
    const jwe = [
      b64(header),
      b64('k'.repeat(256)),
      b64('iv-12-bytes!'),
      b64('cipher'),
      b64('tag-16-bytes....'),
    ].join('.')
    const [t] = decode(`id_token=${jwe}`)
    expect(t).toMatchObject({ kind: 'JWE', header, payload: null, signatureBytes: 0, defects: [] })
    expect(t!.segmentLengths).toEqual(jwe.split('.').map((s) => s.length))
    expect(t!.times).toEqual([])
  })

  it('refuses text over 1 MiB; names a token over 256 KiB without decoding it, and goes on', () => {
    expect(codeOf(() => decode(' '.repeat(LIMITS.text + 1)))).toBe('ERR_INPUT_TOO_LARGE')
    expect(codeOf(() => decode(`${A}${' '.repeat(LIMITS.text - A.length)}`))).toBe('no error')
    const huge = jws(HS, { data: 'x'.repeat(LIMITS.token) })
    const tooLarge = { header: null, payload: null, defects: [{ code: 'too_large' }] }
    expect(decode(huge)).toMatchObject([tooLarge])
    expect(decodeToken(huge, NOW)).toMatchObject(tooLarge)
    // One oversized run never hides the token on the next line.
    const found = decode(`Bearer ${huge}\nid_token=${A}`)
    expect(found).toMatchObject([tooLarge, { line: 2, payload: { sub: 'alice' }, defects: [] }])
  })

  it('says ERR_NO_TOKEN_FOUND when nothing looks like a token', () => {
    for (const text of [
      '',
      '   ',
      'hello world',
      'eyJhbGciOiJIUzI1NiJ9',
      'see eyewear.example.com',
    ]) {
      expect(
        codeOf(() => decode(text)),
        JSON.stringify(text),
      ).toBe('ERR_NO_TOKEN_FOUND')
    }
  })

  it('uses ctx.now through the handler table', async () => {
    const handlers = createHandlers({ now: () => NOW } as AppContext)
    const [t] = await handlers.decode(A)
    expect(t!.times).toEqual([
      { claim: 'exp', value: NOW_S + 600, iso: '2026-11-22T12:10:00Z', relative: 'expires in 10m' },
    ])
  })
})

describe('decode: each defect is named', () => {
  it('bad_base64url: a length no base64url text can have, or standard base64 characters', () => {
    const [short] = decode(`${b64(HS)}.${b64({ sub: 'x' })}.abcde`)
    expect(short!.defects).toEqual([
      expect.objectContaining({ code: 'bad_base64url', part: 'signature' }),
    ])
    const std = `${b64(HS)}.${b64({ sub: 'x' })}.ab+/cd==`
    expect(codes(decode(std)[0]!)).toEqual(['bad_base64url'])
  })

  it('non_canonical_base64url: unused bits set (re-encoding differs)', () => {
    // "AB" is 0x00 with a stray low bit; canonical base64url of 0x00 is "AA".
    const [t] = decode(`${b64(HS)}.${b64({ sub: 'x' })}.AB`)
    expect(t!.defects).toEqual([
      expect.objectContaining({ code: 'non_canonical_base64url', part: 'signature' }),
    ])
    expect(codes(decode(`${b64(HS)}.${b64({ sub: 'x' })}.AA`)[0]!)).toEqual([])
    const payload = b64({ sub: 'x' })
    const last = payload.at(-1)!
    // Flip the lowest bit of the last character, which only carries padding bits here.
    if (payload.length % 4 !== 0) {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      const flipped = alphabet[alphabet.indexOf(last) ^ 1]!
      const [p] = decode(`${b64(HS)}.${payload.slice(0, -1)}${flipped}.AA`)
      expect(p!.payload).toEqual({ sub: 'x' })
      expect(p!.defects).toEqual([
        expect.objectContaining({ code: 'non_canonical_base64url', part: 'payload' }),
      ])
    }
  })

  it('not_json: the segment decodes, but not to JSON; the rest still decodes', () => {
    const [t] = decode(`${b64(HS)}.${b64('not json at all')}.AA`)
    expect(t!.header).toEqual(HS)
    expect(t!.payload).toBeNull()
    expect(t!.defects).toEqual([expect.objectContaining({ code: 'not_json', part: 'payload' })])
  })

  it('not_utf8: bytes that are not UTF-8', () => {
    const bad = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]).toString('base64url')
    expect(codes(decode(`${b64(HS)}.${bad}.AA`)[0]!)).toContain('not_utf8')
  })

  it('duplicate_keys: in the header and in the payload', () => {
    const t = decode(
      `${b64('{"alg":"none","alg":"HS256"}')}.${b64('{"sub":"a","role":"user","role":"admin"}')}.AA`,
    )[0]!
    expect(t.defects).toEqual([
      expect.objectContaining({ code: 'duplicate_keys', part: 'header' }),
      expect.objectContaining({ code: 'duplicate_keys', part: 'payload' }),
    ])
    expect(t.defects[1]!.message).toContain('"role"')
    expect(codes(decode(`${b64(HS)}.${b64('{"a":{"role":1},"role":2}')}.AA`)[0]!)).toEqual([])
  })

  it('a header shared by many tokens is decoded once: each token still gets its defects', () => {
    const header = b64('{"alg":"HS256","kid":"a","kid":"b"}')
    const [first, second] = [1, 2].map((n) => decodeToken(`${header}.${b64({ n })}.AA`, NOW))
    for (const t of [first!, second!]) {
      expect(t.defects).toEqual([
        expect.objectContaining({ code: 'duplicate_keys', part: 'header' }),
      ])
      expect(t.lint.map((f) => f.code)).toContain('duplicate_keys')
    }
    expect(second!.payload).toEqual({ n: 2 })
    // Shared between results, so nobody can change it for the next token.
    expect(Object.isFrozen(second!.header)).toBe(true)
    expect(() => {
      ;(second!.header as Record<string, unknown>)['alg'] = 'RS256'
    }).toThrow(TypeError)
  })

  it('duplicate_keys: found in any JSON, with or without escapes and spacing', () => {
    // The usual escape-free JSON is checked by counting strings, anything else by scanning:
    // both must agree with the scanner on every input.
    const spaced = (json: string) => json.replace(/":/g, '" : ')
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }),
        fc.boolean(),
        fc.boolean(),
        (claims, duplicate, withSpaces) => {
          const json = JSON.stringify(claims)
          const key = Object.keys(claims)[0]!
          let text = duplicate ? `${json.slice(0, -1)},${JSON.stringify(key)}:null}` : json
          if (withSpaces) text = spaced(text)
          const t = decodeToken(`${b64(HS)}.${b64(text)}.AA`, NOW)
          expect(codes(t).includes('duplicate_keys')).toBe(findDuplicateKeys(text).length > 0)
          expect(codes(t).includes('duplicate_keys')).toBe(duplicate)
        },
      ),
    )
  })

  it('header_not_object and payload_not_object', () => {
    const [t] = decode(`${b64([1, 2])}.${b64({ sub: 'x' })}.AA`)
    expect(t!.header).toBeNull()
    expect(codes(t!)).toEqual(['header_not_object'])
    expect(codes(decode(`${b64(HS)}.${b64([1])}.AA`)[0]!)).toEqual(['payload_not_object'])
  })

  it('unsecured: alg none (any case) or an empty signature', () => {
    const none = decode(`${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`)[0]!
    expect(codes(none)).toEqual(['unsecured'])
    expect(none.signatureBytes).toBe(0)
    expect(codes(decode(`${b64({ alg: 'NoNe' })}.${b64({ sub: 'x' })}.AA`)[0]!)).toEqual([
      'unsecured',
    ])
    const empty = decode(`Bearer ${b64(HS)}.${b64({ sub: 'x' })}. next`)[0]!
    expect(empty.defects).toEqual([
      expect.objectContaining({ code: 'unsecured', part: 'signature' }),
    ])
  })

  it('b64_false: the payload is shown as it is, not base64url-decoded', () => {
    const t = decode(`${b64({ alg: 'HS256', b64: false, crit: ['b64'] })}.hello-world.AA`)[0]!
    expect(codes(t)).toEqual(['b64_false'])
    expect(t.payload).toBe('hello-world')
  })

  it('segment_count: a bare input with four segments still decodes as far as it goes', () => {
    const t = decode(`${b64(HS)}.${b64({ sub: 'x' })}.AA.BB`)[0]!
    expect(codes(t)).toEqual(['segment_count'])
    expect(t.payload).toEqual({ sub: 'x' })
  })

  it('json_too_deep: JSON nested past 64 levels is not shown (serializers would overflow)', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
    const deep = decode(`${b64(HS)}.${b64(nested(65))}.AA`)[0]!
    expect(deep.payload).toBeNull()
    expect(deep.defects).toEqual([
      expect.objectContaining({ code: 'json_too_deep', part: 'payload' }),
    ])
    const ok = decode(`${b64(HS)}.${b64({ a: JSON.parse(nested(63)) })}.AA`)[0]!
    expect(codes(ok)).toEqual([])
  })

  it('several defects at once, each with its part', () => {
    const t = decode(`${b64('{"alg":"none","alg":"none"}')}.${b64('nope')}.`)[0]!
    expect(t.defects.map((d) => `${d.code}@${d.part}`)).toEqual([
      'duplicate_keys@header',
      'not_json@payload',
      'unsecured@header',
    ])
  })
})

describe('decode: times relative to a frozen now', () => {
  it('renders iat, nbf, exp, auth_time and updated_at as ISO UTC and relative', () => {
    const [t] = decode(
      jws(HS, {
        iat: NOW_S - 3 * 3600,
        nbf: NOW_S - 60,
        exp: NOW_S + 252,
        auth_time: NOW_S - 86_400 * 2 - 3600,
        updated_at: NOW_S - 30,
        other: NOW_S,
      }),
    )
    expect(t!.times).toEqual([
      {
        claim: 'iat',
        value: NOW_S - 10_800,
        iso: '2026-11-22T09:00:00Z',
        relative: 'issued 3h ago',
      },
      {
        claim: 'nbf',
        value: NOW_S - 60,
        iso: '2026-11-22T11:59:00Z',
        relative: 'valid since 1m ago',
      },
      {
        claim: 'exp',
        value: NOW_S + 252,
        iso: '2026-11-22T12:04:12Z',
        relative: 'expires in 4m 12s',
      },
      {
        claim: 'auth_time',
        value: NOW_S - 176_400,
        iso: '2026-11-20T11:00:00Z',
        relative: 'authenticated 2d 1h ago',
      },
      {
        claim: 'updated_at',
        value: NOW_S - 30,
        iso: '2026-11-22T11:59:30Z',
        relative: 'updated 30s ago',
      },
    ])
  })

  it('an expired token says how long ago; non-numeric and absurd times are handled', () => {
    const [t] = decode(jws(HS, { exp: NOW_S - 3 * 3600, iat: '2026-11-22', nbf: 1e300 }))
    expect(t!.times).toEqual([
      {
        claim: 'nbf',
        value: 1e300,
        iso: null,
        relative: expect.stringMatching(/^not valid for another/),
      },
      {
        claim: 'exp',
        value: NOW_S - 10_800,
        iso: '2026-11-22T09:00:00Z',
        relative: 'expired 3h ago',
      },
    ])
  })
})

describe('decode: what is not a token', () => {
  it('a version number or a host name alone is not a token; a JSON header makes one', () => {
    for (const text of ['v1.2.3', 'example.com.au', 'a.b.c']) {
      expect(
        codeOf(() => decode(text)),
        text,
      ).toBe('ERR_NO_TOKEN_FOUND')
    }
    expect(decode(`${b64('"text"')}.${b64({})}.AA`)[0]!.defects.map((d) => d.code)).toEqual([
      'header_not_object',
    ])
  })
})
