// The built-in list of known weak secrets.
import { describe, expect, it } from 'vitest'
import { isKnownWeakSecret, WEAK_SECRETS } from '../../src/shared/weak-secrets'

describe('known weak secrets', () => {
  it('holds a few hundred distinct entries', () => {
    expect(WEAK_SECRETS.length).toBeGreaterThanOrEqual(300)
    expect(new Set(WEAK_SECRETS).size).toBe(WEAK_SECRETS.length)
  })

  it.each([
    'secret',
    'your-256-bit-secret',
    'a-string-secret-at-least-256-bits-long',
    'changeme',
    'CHANGEME',
    '  supersecret  ',
    "'jwt_secret'",
    'jwt.secret',
    'JwtSecretKey',
    'keyboard cat',
    'django-insecure-k#2x8v0v%9_=ab',
    'undefined',
    '[object Object]',
  ])('flags %j', (s) => {
    expect(isKnownWeakSecret(s)).toBe(true)
  })

  it.each(['', 'x', 'kR7fQ2pLw9sV3mT8yB1cN6dH4gJ0zX5a', 'secret-but-not-quite-a-placeholder-7f3a'])(
    'does not flag %j',
    (s) => {
      expect(isKnownWeakSecret(s)).toBe(false)
    },
  )
})
