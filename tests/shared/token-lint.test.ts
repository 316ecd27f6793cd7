import { describe, expect, it } from 'vitest'
import { decodeText, decodeToken } from '../../src/shared/token-decode'
import { lintToken } from '../../src/shared/token-lint'

const NOW = new Date('2026-11-22T12:00:00Z')
const NOW_S = NOW.getTime() / 1000
const HOUR = 3600

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
const jws = (header: unknown, payload: unknown, signature = 'AAAA') =>
  `${b64(header)}.${b64(payload)}.${signature}`

const HS = { alg: 'HS256', typ: 'JWT' }
// A token with nothing to say about it: signed, short-lived, issued in the past.
const CLEAN = { sub: 'svc-1', iat: NOW_S - 60, exp: NOW_S + 15 * 60 }

const lintCodes = (token: string, secret?: Uint8Array) =>
  lintToken(decodeToken(token, NOW), { now: NOW, secret }).map((f) => f.code)
const findings = (token: string) => decodeText(token, NOW)[0]!.lint

describe('lint', () => {
  it('a clean token has no findings, and decode fills lint', () => {
    expect(lintCodes(jws(HS, CLEAN))).toEqual([])
    expect(findings(jws(HS, CLEAN))).toEqual([])
    expect(findings(jws(HS, { sub: 'x' }))).toEqual([
      expect.objectContaining({ code: 'no_exp', severity: 'warning' }),
    ])
  })

  it('alg_none is an error; a signed token has none', () => {
    expect(findings(jws({ alg: 'none' }, CLEAN, ''))).toEqual([
      { code: 'alg_none', severity: 'error', message: expect.any(String) },
    ])
    expect(lintCodes(jws({ alg: 'None' }, CLEAN))).toEqual(['alg_none'])
    expect(lintCodes(jws({ alg: 'RS256' }, CLEAN))).toEqual([])
  })

  it('hmac_secret_short: under 32/48/64 bytes for HS256/384/512, only when the secret is known', () => {
    const secret = (n: number) => new Uint8Array(n).fill(0x5a)
    for (const [alg, min] of [
      ['HS256', 32],
      ['HS384', 48],
      ['HS512', 64],
    ] as const) {
      const token = jws({ alg }, CLEAN)
      expect(lintCodes(token, secret(min - 1)), alg).toEqual(['hmac_secret_short'])
      expect(lintCodes(token, secret(min)), alg).toEqual([])
      expect(lintCodes(token), alg).toEqual([])
    }
    // The secret rules are about HMAC keys only.
    expect(lintCodes(jws({ alg: 'RS256' }, CLEAN), secret(3))).toEqual([])
  })

  it('hmac_secret_weak: a well-known example secret, even a long one', () => {
    const weak = new TextEncoder().encode('your-256-bit-secret')
    expect(lintCodes(jws(HS, CLEAN), weak)).toEqual(['hmac_secret_short', 'hmac_secret_weak'])
    const longWeak = new TextEncoder().encode('your-512-bit-secret')
    expect(lintCodes(jws({ alg: 'HS256' }, CLEAN), longWeak)).toContain('hmac_secret_weak')
    const strong = new TextEncoder().encode('k3Jv8pQz1Lw0Xy7Ns4Bt6Rm2Hc9Fd5Ge!')
    expect(lintCodes(jws(HS, CLEAN), strong)).toEqual([])
  })

  it('no_exp', () => {
    expect(lintCodes(jws(HS, { sub: 'x', iat: NOW_S }))).toEqual(['no_exp'])
    expect(lintCodes(jws(HS, { sub: 'x', exp: NOW_S + 60 }))).toEqual([])
  })

  it('long_lifetime: over 24 h from iat, nbf or now', () => {
    expect(lintCodes(jws(HS, { iat: NOW_S, exp: NOW_S + 24 * HOUR + 1 }))).toEqual([
      'long_lifetime',
    ])
    expect(lintCodes(jws(HS, { iat: NOW_S, exp: NOW_S + 24 * HOUR }))).toEqual([])
    expect(lintCodes(jws(HS, { nbf: NOW_S - 60, exp: NOW_S + 30 * HOUR }))).toEqual([
      'long_lifetime',
    ])
    expect(lintCodes(jws(HS, { exp: NOW_S + 7 * 24 * HOUR }))).toEqual(['long_lifetime'])
    const [finding] = findings(jws(HS, { iat: NOW_S, exp: NOW_S + 7 * 24 * HOUR }))
    expect(finding!.message).toContain('7d')
  })

  it('iat_in_future and nbf_in_future', () => {
    expect(lintCodes(jws(HS, { iat: NOW_S + 120, exp: NOW_S + HOUR }))).toEqual(['iat_in_future'])
    expect(lintCodes(jws(HS, { iat: NOW_S, exp: NOW_S + HOUR }))).toEqual([])
    expect(lintCodes(jws(HS, { nbf: NOW_S + 120, exp: NOW_S + HOUR }))).toEqual(['nbf_in_future'])
    expect(lintCodes(jws(HS, { nbf: NOW_S - 1, exp: NOW_S + HOUR }))).toEqual([])
  })

  it('nbf_after_exp is an error', () => {
    const codes = lintCodes(jws(HS, { iat: NOW_S - 7200, nbf: NOW_S - 60, exp: NOW_S - 120 }))
    expect(codes).toEqual(['nbf_after_exp'])
    expect(lintCodes(jws(HS, { iat: NOW_S - 7200, nbf: NOW_S - 120, exp: NOW_S - 60 }))).toEqual([])
  })

  it('time_not_numeric', () => {
    expect(lintCodes(jws(HS, { exp: '2026-12-01' }))).toEqual(['time_not_numeric'])
  })

  it('header_jku, header_x5u, header_jwk, header_x5c, on JWS and JWE', () => {
    expect(lintCodes(jws({ alg: 'RS256', jku: 'https://evil.example/jwks' }, CLEAN))).toEqual([
      'header_jku',
    ])
    expect(lintCodes(jws({ alg: 'RS256', x5u: 'https://evil.example/cert' }, CLEAN))).toEqual([
      'header_x5u',
    ])
    expect(
      lintCodes(jws({ alg: 'RS256', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, CLEAN)),
    ).toEqual(['header_jwk'])
    expect(lintCodes(jws({ alg: 'RS256', x5c: ['MIIB'] }, CLEAN))).toEqual(['header_x5c'])
    const jwe = [b64({ alg: 'dir', enc: 'A128GCM', jku: 'https://x/' }), '', 'AAAA', 'AAAA', 'AAAA']
    expect(findings(jwe.join('.')).map((f) => f.code)).toEqual(['header_jku'])
    expect(lintCodes(jws({ alg: 'RS256', kid: 'k1', typ: 'JWT' }, CLEAN))).toEqual([])
  })

  it('kid_path and kid_sql', () => {
    for (const kid of ['../../dev/null', '/etc/passwd', 'keys\\a', 'keys/../../etc/shadow']) {
      expect(lintCodes(jws({ ...HS, kid }, CLEAN)), kid).toEqual(['kid_path'])
    }
    for (const kid of ["x' OR '1'='1", 'a; DROP TABLE keys', 'a -- b', '1 union select key']) {
      expect(lintCodes(jws({ ...HS, kid }, CLEAN)), kid).toContain('kid_sql')
    }
    for (const kid of [
      '2024-05-key_1',
      'abc.def',
      'NjVBRjY5MDlCMUIwNzU4RTA2QzZFMDQ4QzQ2MDAyQjVDNjk1RTM2Qg',
      // Cognito kids are standard base64: slashes, even a leading one, are no path.
      'k3Jt8/9aWq2mHn+XvB5cZ1pLr7dYs0fG4tEuO6iN8wA=',
      '/Jt8k9aWq2mHn+XvB5cZ1pLr7dYs0fG4tEuO6iN8wA=',
    ]) {
      expect(lintCodes(jws({ ...HS, kid }, CLEAN)), kid).toEqual([])
    }
  })

  it('duplicate_keys', () => {
    const token = `${b64(HS)}.${b64(`{"sub":"a","exp":${NOW_S + 60},"sub":"b"}`)}.AAAA`
    expect(lintCodes(token)).toEqual(['duplicate_keys'])
  })

  it('personal_data: email, phone, address in a signed (readable) token', () => {
    const codes = lintCodes(
      jws(HS, {
        ...CLEAN,
        email: 'a@example.com',
        phone_number: '+1 555',
        address: { country: 'FR' },
      }),
    )
    expect(codes).toEqual(['personal_data', 'personal_data', 'personal_data'])
    expect(lintCodes(jws(HS, { ...CLEAN, email_verified: true, name: 'A' }))).toEqual([])
  })

  it('orders findings by severity: errors first', () => {
    // header_jku (a warning) is found before duplicate_keys (an error).
    const token = `${b64({ ...HS, jku: 'https://x/' })}.${b64(`{"exp":${NOW_S + 60},"exp":1}`)}.AAAA`
    expect(findings(token).map((f) => `${f.severity}:${f.code}`)).toEqual([
      'error:duplicate_keys',
      'warning:header_jku',
    ])
  })
})
