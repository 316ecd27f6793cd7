import { describe, expect, it } from 'vitest'
import { isErrorCode, toErrorPayload, WorkbenchError } from '../../src/shared/errors'
import { redact } from '../../src/shared/redact'

describe('errors', () => {
  it('WorkbenchError carries a code, its class name and the cause', () => {
    const cause = new Error('inner')
    const error = new WorkbenchError('ERR_NO_KEY', 'no key', { cause })
    expect(error.name).toBe('WorkbenchError')
    expect(error.code).toBe('ERR_NO_KEY')
    expect(error.cause).toBe(cause)
  })

  it('maps unknown throws to ERR_INTERNAL without their message', () => {
    expect(toErrorPayload('a string')).toEqual({
      code: 'ERR_INTERNAL',
      message: expect.any(String),
    })
    expect(toErrorPayload(new Error('eyJsecret')).message).not.toContain('eyJsecret')
    const withForeignCode = Object.assign(new Error('x'), { code: 'ENOENT' })
    expect(toErrorPayload(withForeignCode).code).toBe('ERR_INTERNAL')
  })

  it('knows its codes', () => {
    expect(isErrorCode('ERR_JWT_EXPIRED')).toBe(true)
    expect(isErrorCode('ERR_KEYCHAIN_UNAVAILABLE')).toBe(true)
    expect(isErrorCode('ENOENT')).toBe(false)
  })

  it('redacts tokens to a prefix and a length', () => {
    expect(redact('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe('eyJhbGciOi…(28 chars)')
    expect(redact('short')).toBe('…(5 chars)')
  })
})
