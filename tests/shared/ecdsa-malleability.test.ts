// A high-s ECDSA signature is the malleated twin of a low-s one: both verify, so it is a
// lint finding (failed before: no rule looked at s).
import { generateKeyPairSync, sign } from 'node:crypto'
import { compactVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { ECDSA_ORDER, hasHighS } from '../../src/shared/ecdsa-malleability'
import { decodeToken } from '../../src/shared/token-decode'

// The test signs with openssl's curves; the orders are the module's (checked against openssl's
// explicit parameters when written).
const CURVES = [
  ['ES256', 'prime256v1', 'sha256', 32],
  ['ES512', 'secp521r1', 'sha512', 66],
] as const

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

function toBytes(value: bigint, length: number): Buffer {
  return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex')
}

describe('ECDSA high s', () => {
  for (const [alg, curve, hash, half] of CURVES) {
    const order = ECDSA_ORDER[alg]!
    it(`${alg}: the twin (r, n − s) verifies too and is named; the low-s one is not`, async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve })
      const input = `${b64({ alg, kid: 'Nl7SXLJgSEhtGvD8S3yGtUnNbWRWHF6p0jTGMqH3ZCw' })}.${b64({
        iss: 'https://login.example.com/tenant/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
        sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
        exp: 4_102_444_800,
      })}`
      const raw = sign(hash, Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' })
      const s = BigInt(`0x${raw.subarray(half).toString('hex')}`)
      const low = s > order / 2n ? order - s : s
      const r = raw.subarray(0, half)
      const lowToken = `${input}.${Buffer.concat([r, toBytes(low, half)]).toString('base64url')}`
      const highToken = `${input}.${Buffer.concat([r, toBytes(order - low, half)]).toString('base64url')}`
      // Both are valid signatures of the same input: two strings, one token.
      await compactVerify(lowToken, publicKey)
      await compactVerify(highToken, publicKey)
      const codes = (token: string) => decodeToken(token, new Date(0)).lint.map((f) => f.code)
      expect(codes(highToken)).toContain('ecdsa_high_s')
      expect(codes(lowToken)).not.toContain('ecdsa_high_s')
    })
  }

  it('says nothing for other algs or a malformed signature', () => {
    const allOnes = Buffer.alloc(64, 0xff).toString('base64url')
    expect(hasHighS('ES256', allOnes)).toBe(true)
    expect(hasHighS('HS256', allOnes)).toBe(false)
    expect(hasHighS(undefined, allOnes)).toBe(false)
    expect(hasHighS('ES256', allOnes.slice(0, -1))).toBe(false)
    expect(hasHighS('ES256', '!'.repeat(86))).toBe(false)
    expect(hasHighS('ES384', allOnes)).toBe(false)
  })
})
