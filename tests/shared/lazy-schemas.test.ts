/**
 * Schemas are built on first use, so a process builds only the ones it validates (`jwtw mint`
 * builds about a fifth of them): every exported request schema is a z.lazy, and every contract
 * method builds its argument tuple on its first call, once.
 */
import { describe, expect, it } from 'vitest'
import { contract, methodNames } from '../../src/shared/api'
import * as jwks from '../../src/shared/jwks-schemas'
import * as oauth from '../../src/shared/oauth-schemas'
import * as requests from '../../src/shared/request-schemas'
import * as scan from '../../src/shared/scan-schemas'
import * as secrets from '../../src/shared/secret-schemas'
import * as storedKeys from '../../src/shared/stored-key-schemas'
import * as ui from '../../src/shared/ui-schemas'

const modules = { jwks, oauth, requests, scan, secrets, storedKeys, ui }

describe('schemas built on first use', () => {
  it('every exported schema of the request schema modules is lazy', () => {
    const eager = Object.entries(modules).flatMap(([module, exports]) =>
      Object.entries(exports)
        .filter(([name]) => name.endsWith('Schema'))
        .filter(
          ([, schema]) => (schema as { _zod: { def: { type: string } } })._zod.def.type !== 'lazy',
        )
        .map(([name]) => `${module}.${name}`),
    )
    expect(eager).toEqual([])
  })

  it('a method builds its argument tuple on its first call, and only once', () => {
    expect(methodNames.length).toBeGreaterThan(50)
    for (const name of methodNames) expect(contract[name].args()).toBe(contract[name].args())
    const parsed = contract.verify.args().safeParse([
      {
        token: 'eyJhbGciOiJSUzI1NiIsImtpZCI6Ik1yNS1BVWliZkJpaTdOZDFqQmViYXhib1hXMCJ9.e30.c2ln',
        key: {
          issuer: 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0',
        },
        options: { audience: 'api://orders', require: [{ name: 'roles', value: 'Orders.Read' }] },
      },
    ])
    expect(parsed.success).toBe(true)
    const refused = contract.verify.args().safeParse([{ token: 'x', key: { issuer: '' } }])
    expect(refused.success).toBe(false)
  })
})
