// JWE interop both ways with Python's jwcrypto (Debian python3-jwcrypto), run as a real process.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decryptToken } from '../../../src/main/core/jwe/decrypt'
import { mintToken } from '../../../src/main/core/mint/mint'
import { rsa } from '../../helpers/keys'
import { tokenContext } from '../../helpers/token-context'

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'
const ctx = tokenContext('2026-11-22T12:00:00Z')
const SCRIPT = `
import json, sys
from jwcrypto import jwe, jwk
job = json.load(sys.stdin)
key = jwk.JWK.from_pem(job["pem"].encode())
if job["op"] == "encrypt":
    token = jwe.JWE(job["plaintext"].encode(), json.dumps(job["header"]))
    token.add_recipient(key)
    print(token.serialize(compact=True))
else:
    token = jwe.JWE()
    token.deserialize(job["token"], key=key)
    print(json.dumps({"header": token.jose_header, "plaintext": token.payload.decode()}))
`

function python(job: object): string {
  const run = spawnSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(job), encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`jwcrypto failed: ${run.stderr}`)
  return run.stdout.trim()
}

const jwcryptoHere = spawnSync(PYTHON, ['-c', 'import jwcrypto'], { encoding: 'utf8' }).status === 0
if (!jwcryptoHere && process.env['CI'] === 'true') {
  throw new Error('CI=true requires python3-jwcrypto (Debian package): .ci/run installs it.')
}

describe.skipIf(!jwcryptoHere)('JWE interop with jwcrypto', () => {
  const claims = {
    iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    oid: '9f4e3c2b-1a0d-4e8f-b7c6-5d4e3f2a1b0c',
    roles: ['Orders.Read', 'Orders.Write'],
  }

  it.each([
    ['RSA-OAEP-256', 'A256GCM'],
    ['RSA-OAEP', 'A128CBC-HS256'],
  ])('what jwcrypto encrypts with %s + %s we decrypt', async (alg, enc) => {
    const token = python({
      op: 'encrypt',
      pem: rsa.publicPem,
      header: { alg, enc, typ: 'JWT' },
      plaintext: JSON.stringify(claims),
    })
    const result = await decryptToken({ token, key: { keyText: rsa.privatePem } }, ctx)
    expect(result.content).toBe('claims')
    expect(result.decoded?.payload).toEqual(claims)
  })

  it('what we encrypt (a nested signed token) jwcrypto decrypts', async () => {
    const minted = await mintToken(
      { key: { keyText: rsa.privatePem }, claims, encrypt: { to: { keyText: rsa.publicPem } } },
      ctx,
    )
    const back = JSON.parse(python({ op: 'decrypt', pem: rsa.privatePem, token: minted.token }))
    expect(back.header).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' })
    expect(back.plaintext).toBe(minted.encrypted?.inner)
  })
})
