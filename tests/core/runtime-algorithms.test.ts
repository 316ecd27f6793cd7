import { webcrypto } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createAlgorithmSupport } from '../../src/main/core/runtime-algorithms'

/** WebCrypto as a runtime without AES key wrap would have it (older BoringSSL builds). */
function withoutAesKw(): typeof webcrypto.subtle {
  const subtle = webcrypto.subtle
  const refuse = (algorithm: unknown) =>
    JSON.stringify(algorithm)?.includes('AES-KW')
      ? Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'))
      : undefined
  return new Proxy(subtle, {
    get(target, name) {
      const value = Reflect.get(target, name) as (...args: unknown[]) => unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => refuse(args[2]) ?? refuse(args[3]) ?? value.apply(target, args)
    },
  })
}

describe('the runtime algorithm probe', () => {
  it('finds every JWS and JWE algorithm in plain Node', async () => {
    const found = await createAlgorithmSupport().algorithms()
    expect(Object.entries(found.jws).filter(([, ok]) => !ok)).toEqual([])
    expect(Object.entries(found.jweAlg).filter(([, ok]) => !ok)).toEqual([])
    expect(Object.entries(found.jweEnc).filter(([, ok]) => !ok)).toEqual([])
  })

  it('a runtime without AES-KW: those algorithms are reported, the rest still work', async () => {
    const support = createAlgorithmSupport(withoutAesKw())
    const found = await support.algorithms()
    const missing = Object.entries(found.jweAlg)
      .filter(([, ok]) => !ok)
      .map(([alg]) => alg)
    expect(missing.sort()).toEqual(
      [
        'A128KW',
        'A192KW',
        'A256KW',
        'ECDH-ES+A128KW',
        'ECDH-ES+A192KW',
        'ECDH-ES+A256KW',
        'PBES2-HS256+A128KW',
        'PBES2-HS384+A192KW',
        'PBES2-HS512+A256KW',
      ].sort(),
    )
    await expect(support.assertAvailable('A256KW', 'A256GCM')).rejects.toMatchObject({
      code: 'ERR_ALG_NOT_AVAILABLE',
      message: expect.stringContaining('not available in this runtime'),
    })
    await expect(support.assertAvailable('RSA-OAEP-256', 'A256GCM')).resolves.toBeUndefined()
  })
})
