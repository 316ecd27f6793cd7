import { errors as joseErrors } from 'jose'
import { describe, expect, it } from 'vitest'
import type { Handlers } from '../../src/shared/api'
import { WorkbenchError } from '../../src/shared/errors'
import { createDispatcher } from '../../src/main/core/dispatch'

const dispatchWith = (decode: Handlers['decode']) => createDispatcher({ decode } as Handlers)

describe('dispatcher', () => {
  it('refuses an unknown method, including inherited object keys', async () => {
    const dispatch = dispatchWith(() => [])
    for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
      const result = await dispatch(name, [])
      expect(result.ok ? null : result.error.code).toBe('ERR_UNKNOWN_METHOD')
    }
  })

  it('refuses arguments that are not the schema tuple', async () => {
    const dispatch = dispatchWith(() => [])
    for (const args of [undefined, null, {}, 'text', [1], ['a', 'b']]) {
      const result = await dispatch('decode', args)
      expect(result.ok ? null : result.error.code).toBe('ERR_INVALID_ARGUMENT')
    }
  })

  it('passes jose error codes through unchanged', async () => {
    const result = await dispatchWith(() => {
      throw new joseErrors.JWSSignatureVerificationFailed()
    })('decode', ['x'])
    expect(result.ok ? null : result.error.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
  })

  it('keeps details of our errors', async () => {
    const result = await dispatchWith(() => {
      throw new WorkbenchError('ERR_INPUT_TOO_LARGE', 'too big', { details: { limit: 1 } })
    })('decode', ['x'])
    expect(result).toEqual({
      ok: false,
      error: { code: 'ERR_INPUT_TOO_LARGE', message: 'too big', details: { limit: 1 } },
    })
  })

  it('turns a rejected promise of an unknown error into ERR_INTERNAL', async () => {
    const result = await dispatchWith(async () => {
      throw new Error('boom')
    })('decode', ['x'])
    expect(result.ok ? null : result.error).toEqual({
      code: 'ERR_INTERNAL',
      message: expect.not.stringContaining('boom'),
    })
  })
})
