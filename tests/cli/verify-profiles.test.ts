// `jwtw verify --profile`: RFC 9068 access tokens, OIDC ID tokens, back-channel logout tokens and
// DPoP proofs, checked as a whole, in-process through the CLI's entry.
import { createHash, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { exportJWK, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { tempFiles } from '../helpers/temp-files'
import { jwtw } from '../helpers/cli'
import { providerToken, type ProviderId } from '../helpers/provider-tokens'

const { file: write } = tempFiles('cli-profiles')
const createPublicKeyPem = (path: string) =>
  createPublicKey(readFileSync(path, 'utf8')).export({ type: 'spki', format: 'pem' }) as string
const env = { env: { JWT_SECRET_KEY: '' } }
type Checks = Array<{ id: string; ok: boolean; message: string }>
const checksOf = (stdout: string) => (JSON.parse(stdout) as { checks: Checks }).checks
const failed = (stdout: string) =>
  checksOf(stdout)
    .filter((c) => !c.ok)
    .map((c) => c.id)

async function verifyFixture(id: ProviderId, ...args: string[]) {
  const t = await providerToken(id)
  const jwks = write(`${id}.jwks`, JSON.stringify(t.jwks))
  const aud = Array.isArray(t.claims['aud']) ? t.claims['aud'][0] : t.claims['aud']
  const run = await jwtw(
    ['verify', t.token, '--key-file', jwks, '--aud', String(aud), '--json', ...args],
    env,
  )
  return { run, t }
}

describe('--profile access (RFC 9068)', () => {
  it('an Auth0 at+jwt access token passes every rule, by auto (its typ) and by name', async () => {
    const { run } = await verifyFixture('auth0-access')
    expect(run.code).toBe(0)
    expect(checksOf(run.stdout).map((c) => c.id)).toContain('profile:client_id')
    expect((await verifyFixture('auth0-access', '--profile', 'access')).run.code).toBe(0)
  })

  it('mint --profile access makes what verify --profile access accepts; a missing client_id is named', async () => {
    const key = write(
      'orders-rs256.pem',
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }) as string,
    )
    const common = [
      'mint',
      '--key-file',
      key,
      '--profile',
      'access',
      '--iss',
      'https://login.orders.example.com/oauth2/aus4k9q2x',
      '--aud',
      'https://api.orders.example.com',
      '--sub',
      '00u1a2b3c4d5e6f7g8h9',
    ]
    const minted = await jwtw(
      [...common, '--claim', 'client_id=0oa9z8y7x6w5v4u3t2s1', '--claim', 'scope=orders:read'],
      env,
    )
    expect(minted.code).toBe(0)
    const token = minted.stdout.trim()
    const pub = write('orders-rs256.pub.pem', createPublicKeyPem(key))
    const verified = await jwtw(
      [
        'verify',
        token,
        '--key-file',
        pub,
        '--aud',
        'https://api.orders.example.com',
        '--profile',
        'access',
        '--json',
      ],
      env,
    )
    expect(verified.code).toBe(0)
    expect(JSON.parse(verified.stdout).header).toMatchObject({ typ: 'at+jwt', alg: 'RS256' })
    expect(JSON.parse(verified.stdout).payload).toMatchObject({
      jti: expect.any(String),
      iat: expect.any(Number),
    })
    const missing = await jwtw(common, env)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^ERR_INVALID_CLAIMS: .*missing: client_id/)
  })

  it('an ID token is refused where an access token is expected', async () => {
    const { run } = await verifyFixture('cognito-id', '--profile', 'access')
    expect(run.code).toBe(1)
    expect(failed(run.stdout)).toEqual(
      expect.arrayContaining(['profile:typ', 'profile:client_id', 'profile:token-use']),
    )
  })
})

describe('--profile id (OIDC Core §3.1.3.7)', () => {
  it('the nonce and at_hash are checked when given; azp with several audiences', async () => {
    const t = await providerToken('entra-id-token')
    const jwks = write('entra-id.jwks', JSON.stringify(t.jwks))
    const base = ['verify', t.token, '--key-file', jwks, '--aud', String(t.claims['aud']), '--json']
    const ok = await jwtw([...base, '--profile', 'id', '--nonce', String(t.claims['nonce'])], env)
    expect(ok.code).toBe(0)
    const replayed = await jwtw([...base, '--profile', 'id', '--nonce', 'another-nonce'], env)
    expect(failed(replayed.stdout)).toEqual(['profile:nonce'])
  })

  it('at_hash binds the access token (computed with the hash of the alg)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const accessToken = `eyJhbGciOiJFUzI1NiJ9.${randomUUID()}.sig`
    const digest = createHash('sha256').update(accessToken).digest()
    const idToken = await new SignJWT({
      nonce: 'n-0S6_WzA2Mj',
      at_hash: digest.subarray(0, 16).toString('base64url'),
      aud: ['storefront-web', 'orders-api'],
      azp: 'storefront-web',
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer('https://accounts.google.com')
      .setSubject('110169484474386276334')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey)
    const key = write('google.pub.jwk', JSON.stringify(await exportJWK(publicKey)))
    const args = ['verify', idToken, '--key-file', key, '--aud', 'storefront-web', '--json']
    const good = await jwtw(
      [...args, '--profile', 'id', '--access-token-file', write('at', accessToken)],
      env,
    )
    expect(good.code).toBe(0)
    expect(checksOf(good.stdout).find((c) => c.id === 'profile:at_hash')?.ok).toBe(true)
    const other = await jwtw(
      [...args, '--profile', 'id', '--access-token-file', write('at2', `${accessToken}x`)],
      env,
    )
    expect(failed(other.stdout)).toEqual(['profile:at_hash'])
  })
})

describe('--profile logout and dpop', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })

  it('a back-channel logout token: the event, sub or sid, no nonce', async () => {
    const key = write('op.pub.jwk', JSON.stringify(await exportJWK(publicKey)))
    const logout = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'logout+jwt' })
        .setIssuer('https://sso.internal.example-retail.com/realms/shop-production')
        .setAudience('storefront-web')
        .setIssuedAt()
        .setJti(randomUUID())
        .sign(privateKey)
    const events = { 'http://schemas.openid.net/event/backchannel-logout': {} }
    const good = await logout({ sid: '08a5019c-17e1-4977-8f42-65a12843ea02', events })
    const run = await jwtw(
      ['verify', good, '--key-file', key, '--aud', 'storefront-web', '--json'],
      env,
    )
    expect(run.code).toBe(0)
    expect(checksOf(run.stdout).map((c) => c.id)).toContain('profile:events')
    const bad = await logout({ sid: 's', nonce: 'n', events })
    const refused = await jwtw(
      ['verify', bad, '--key-file', key, '--aud', 'storefront-web', '--json'],
      env,
    )
    expect(failed(refused.stdout)).toEqual(['profile:no-nonce'])
  })

  it('a DPoP proof verifies with its own jwk; htm, htu, iat window and ath are checked', async () => {
    const accessToken = `eyJ0eXAiOiJhdCtqd3QifQ.${randomUUID()}.c2ln`
    const proof = await new SignJWT({
      htm: 'POST',
      htu: 'https://api.example-retail.com/orders',
      ath: createHash('sha256').update(accessToken).digest('base64url'),
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(publicKey) })
      .setIssuedAt()
      .setJti(randomUUID())
      .sign(privateKey)
    const at = write('dpop-at', accessToken)
    const args = ['verify', proof, '--profile', 'dpop', '--access-token-file', at, '--json']
    const ok = await jwtw(
      [...args, '--htm', 'POST', '--htu', 'https://api.example-retail.com/orders?x=1'],
      env,
    )
    expect(ok.code, ok.stderr).toBe(0)
    const wrong = await jwtw(
      [...args, '--htm', 'GET', '--htu', 'https://api.example-retail.com/users'],
      env,
    )
    expect(failed(wrong.stdout)).toEqual(['profile:htm', 'profile:htu'])
  })
})
