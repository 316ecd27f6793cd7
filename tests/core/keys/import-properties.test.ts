import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tokenExpiry } from '../../../src/main/core/credentials/credential-store'
import { openKeyStore } from '../../../src/main/core/keys/key-store'
import type { WorkbenchError } from '../../../src/shared/errors'
import { isErrorCode } from '../../../src/shared/errors'
import { keyContext, unreachableKeychain } from '../../helpers/key-context'

// The keychain is unreachable, so text that parses ends in ERR_KEYCHAIN_UNAVAILABLE: every
// outcome is a coded error and nothing is ever written.
const ctx = keyContext('props', { keychain: unreachableKeychain() })
const store = openKeyStore(ctx)

const keyish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc
    .string({ maxLength: 200 })
    .map((s) => `-----BEGIN PRIVATE KEY-----\n${s}\n-----END PRIVATE KEY-----`),
  fc
    .string({ maxLength: 200 })
    .map((s) => `-----BEGIN EC PRIVATE KEY-----\n${s}\n-----END EC PRIVATE KEY-----`),
  fc
    .string({ maxLength: 200 })
    .map((s) => `-----BEGIN CERTIFICATE-----\n${s}\n-----END CERTIFICATE-----`),
  fc.json().map((j) => j),
  fc
    .record(
      {
        kty: fc.constantFrom('RSA', 'EC', 'OKP', 'oct', 'x'),
        crv: fc.string(),
        x: fc.string(),
        d: fc.string(),
        k: fc.string(),
      },
      { requiredKeys: ['kty'] },
    )
    .map((o) => JSON.stringify(o)),
  fc
    .array(fc.record({ kty: fc.string(), kid: fc.string() }), { maxLength: 4 })
    .map((keys) => JSON.stringify({ keys })),
)

describe('import of untrusted text', () => {
  it('always ends in a coded error (never an uncaught internal one) and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        keyish,
        fc.constantFrom(undefined, 'HS256', 'RS256', 'ES256', 'EdDSA'),
        fc.boolean(),
        async (text, alg, all) => {
          try {
            await store.importKey('prop', text, { ...(alg ? { alg: alg as 'HS256' } : {}), all })
            return false
          } catch (error) {
            expect(error).toBeInstanceOf(Error)
            const code = (error as WorkbenchError).code
            expect(isErrorCode(code), String(code)).toBe(true)
            expect(code).not.toBe('ERR_INTERNAL')
            return true
          }
        },
      ),
      { numRuns: 300 },
    )
    expect(ctx.settings!.get('keys')).toBeUndefined()
  })

  it('tokenExpiry never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = tokenExpiry(text)
        expect(r === undefined || r === null || !Number.isNaN(Date.parse(r))).toBe(true)
      }),
    )
  })
})
