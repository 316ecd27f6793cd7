// Property: for random claim sets with exp in the past, no payload shape (nesting, duplicate
// members, unicode, huge numbers, escapes, whitespace) makes verify pass, though each token
// carries a good signature.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signCompact } from '../../../src/main/core/mint/jws-sign'
import { verifyWithKeys } from '../../../src/main/core/verify/verify'
import { prepareOptions } from '../../../src/main/core/verify/verify-options'
import { resolveLocalKeys } from '../../../src/main/core/keys/key-source'
import { tokenContext } from '../../helpers/token-context'

const SECRET = 'property-secret-of-at-least-32-bytes!'
const NOW = new Date('2026-11-22T12:00:00Z')
const NOW_S = NOW.getTime() / 1000
const enc = new TextEncoder()

/** exp values that are in the past, written in every way JSON allows. */
const pastExp = fc.oneof(
  fc.integer({ min: -1e15, max: NOW_S - 1 }).map(String),
  fc.double({ min: -1e300, max: NOW_S - 1, noNaN: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom('0', '-0', '1e9', '1.7e9', `${NOW_S - 1}.999`, '-1e400'),
)
const futureExp = fc.constantFrom('4102444800', '1e21', '9007199254740993', '1e400')
const key = fc.oneof(fc.string(), fc.constantFrom('exp', 'nbf', 'iat', '__proto__', 'constructor'))

/** A payload text with exp in the past, shaped by what the generator picks. */
const payloadText = fc
  .record({
    exp: pastExp,
    extra: fc.dictionary(
      key.filter((k) => k !== 'exp'),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 4 },
    ),
    depth: fc.nat({ max: 120 }),
    duplicate: fc.constantFrom('none', 'before', 'after', 'escaped'),
    future: futureExp,
    space: fc.constantFrom('', ' ', '\n', '\t '),
  })
  .map(({ exp, extra, depth, duplicate, future, space }) => {
    const nested = `${'['.repeat(depth)}1${']'.repeat(depth)}`
    const members = [
      ...Object.entries(extra).map(([k, v]) => `${JSON.stringify(k)}:${space}${JSON.stringify(v)}`),
      `"deep":${nested}`,
      `"exp":${space}${exp}`,
    ]
    if (duplicate === 'before') members.unshift(`"exp":${future}`)
    if (duplicate === 'after') members.push(`"exp":${future}`)
    if (duplicate === 'escaped') members.push(`"\\u0065xp":${future}`)
    return `{${space}${members.join(`,${space}`)}${space}}`
  })

describe('verify properties', () => {
  it('no payload shape with exp in the past verifies', async () => {
    const ctx = tokenContext(NOW)
    const keys = await resolveLocalKeys({ type: 'secret', secret: SECRET }, ctx, 'verify')
    const options = prepareOptions({ clockTolerance: 0 }, NOW)
    const jwsOptions = prepareOptions({ kind: 'jws' }, NOW)
    await fc.assert(
      fc.asyncProperty(payloadText, fc.boolean(), async (payload, headerSpace) => {
        const header = headerSpace ? '{ "alg" : "HS256" }' : '{"alg":"HS256"}'
        const token = signCompact(
          enc.encode(header),
          enc.encode(payload),
          'HS256',
          enc.encode(SECRET),
        )
        for (const opts of [options, jwsOptions]) {
          const result = await verifyWithKeys(token, keys, opts)
          // The signature is good: only the claims (or their shape) can make it invalid.
          expect(result.checks.find((c) => c.id === 'signature')?.ok).toBe(true)
          expect(result.valid).toBe(false)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('the same tokens with exp in the future do verify (the property can fail)', async () => {
    const ctx = tokenContext(NOW)
    const keys = await resolveLocalKeys({ type: 'secret', secret: SECRET }, ctx, 'verify')
    const payload = `{"sub":"a","deep":${'['.repeat(30)}1${']'.repeat(30)},"exp":4102444800}`
    const token = signCompact(
      enc.encode('{"alg":"HS256"}'),
      enc.encode(payload),
      'HS256',
      enc.encode(SECRET),
    )
    expect((await verifyWithKeys(token, keys, prepareOptions({}, NOW))).valid).toBe(true)
  })
})
