// Keys are judged as they enter the store; a damaged settings file hides nothing and loses
// nothing; orphaned keychain entries can be recovered. Real Secret Service (run with npm test).
import { generateKeyPairSync } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findOrphans, recoverOrphans } from '../../../src/main/core/recovery/keychain-recovery'
import { SETTINGS_FILE } from '../../../src/main/core/settings/settings-store'
import { jwtw } from '../../helpers/cli'
import { probeKeychain } from '../../helpers/keychain-available'
import { keyContext, type KeyTestContext } from '../../helpers/key-context'

const { available } = await probeKeychain()
const contexts: KeyTestContext[] = []
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.cleanup()
})
function context(label: string): KeyTestContext {
  const ctx = keyContext(label)
  contexts.push(ctx)
  return ctx
}
const rsaJwk = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' })

describe.skipIf(!available)('keys are judged on import', () => {
  it('refuses degenerate RSA keys (e = 1, ROCA) with ERR_KEY_WEAK', async () => {
    const ctx = context('judge-rsa')
    const weak = { ...rsaJwk(), e: 'AQ' }
    await expect(ctx.keys.importKey('weak', JSON.stringify(weak))).rejects.toMatchObject({
      code: 'ERR_KEY_WEAK',
    })
    const roca = readFileSync(
      join(import.meta.dirname, '..', '..', 'helpers', 'fixtures', 'keys', 'rsa-roca.pem'),
      'utf8',
    )
    await expect(ctx.keys.importKey('roca', roca)).rejects.toMatchObject({ code: 'ERR_KEY_WEAK' })
    expect(await ctx.keys.list()).toEqual([])
    expect(await ctx.keychain.list()).toEqual([])
  })

  it('refuses a JWKS mixing secrets and public keys, and duplicate kids', async () => {
    const ctx = context('judge-jwks')
    const oct = { kty: 'oct', k: Buffer.alloc(32, 7).toString('base64url'), kid: 's' }
    const mixed = JSON.stringify({ keys: [{ ...rsaJwk(), kid: 'r' }, oct] })
    await expect(ctx.keys.importKey('mixed', mixed, { all: true })).rejects.toMatchObject({
      code: 'ERR_JWKS_MIXED_KEY_TYPES',
    })
    const twice = JSON.stringify({
      keys: [
        { ...rsaJwk(), kid: 'same' },
        { ...rsaJwk(), kid: 'same' },
      ],
    })
    await expect(ctx.keys.importKey('twice', twice, { all: true })).rejects.toMatchObject({
      code: 'ERR_JWKS_DUPLICATE_KID',
    })
  })

  it('a key published for encryption is stored as an encryption key: it never signs', async () => {
    const ctx = context('judge-use')
    const jwk = JSON.stringify({ ...rsaJwk(), use: 'enc' })
    await expect(ctx.keys.importKey('as-sig', jwk, { use: 'sig' })).rejects.toMatchObject({
      code: 'ERR_KEY_UNFIT',
    })
    const [stored] = await ctx.keys.importKey('enc', jwk)
    expect(stored).toMatchObject({ use: 'enc', alg: 'RSA-OAEP-256' })
    await expect(ctx.keys.signingKey('enc')).rejects.toMatchObject({ code: 'ERR_KEY_UNFIT' })
    await expect(
      ctx.keys.importKey('enc-kw', 'hex:' + '0f'.repeat(24), { alg: 'A128KW' }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_ALG_MISMATCH' })
    const [kw] = await ctx.keys.importKey('enc-kw', 'hex:' + '0f'.repeat(24), { use: 'enc' })
    expect(kw).toMatchObject({ use: 'enc', alg: 'A192KW', kind: 'aes' })
  })

  it('refuses an HMAC secret under 16 bytes and warns under the RFC 7518 minimum or when well known', async () => {
    const ctx = context('judge-secret')
    await expect(
      ctx.keys.importKey('tiny', 'hex:00112233445566778899aabbccdd', { alg: 'HS256' }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_WEAK' })
    const [short] = await ctx.keys.importKey('short', 'twenty-bytes-secret!', { alg: 'HS256' })
    expect(short!.warnings).toEqual([expect.stringMatching(/20 bytes; HS256 needs at least 32/)])
    const [known] = await ctx.keys.importKey('known', 'your-256-bit-secret', { alg: 'HS256' })
    expect(known!.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/well-known example or default value/)]),
    )
    const [fine] = await ctx.keys.importKey('fine', Buffer.alloc(32, 9).toString('hex'), {
      alg: 'HS256',
      secretEncoding: 'hex',
    })
    expect(fine!.warnings).toBeUndefined()
  })

  it('jwtw keys import prints the warnings on stderr and refuses with the code', async () => {
    const ctx = context('judge-cli')
    const env = { JWTW_HOME: ctx.settingsDir, JWTW_KEYCHAIN_SERVICE: ctx.keychain.service }
    const warned = await jwtw(['keys', 'import', 'hs', '-', '--alg', 'HS512'], {
      input: 'a-secret-of-40-bytes-for-the-hs512-test!',
      env,
    })
    expect(warned.code).toBe(0)
    expect(warned.stderr).toMatch(/^warning: The secret is 40 bytes; HS512 needs at least 64/m)
    const refused = await jwtw(['keys', 'import', 'tiny', '-', '--alg', 'HS256'], {
      input: 'abc',
      env,
    })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^ERR_KEY_WEAK: /)
  })
})

describe.skipIf(!available)('settings read through a schema', () => {
  it('a malformed key record is skipped with a warning naming it and kept untouched', async () => {
    const ctx = context('bad-record')
    await ctx.keys.generate('good', { alg: 'ES256' })
    const path = join(ctx.settingsDir, SETTINGS_FILE)
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { keys: Record<string, unknown> }
    doc.keys['broken'] = { name: 'broken', kind: 'rsa', versions: 'oops' }
    writeFileSync(path, JSON.stringify(doc))
    expect((await ctx.keys.list()).map((k) => k.name)).toEqual(['good'])
    expect(ctx.warnings.join('\n')).toMatch(/"broken" .* is malformed .*left in the file untouched/)
    await ctx.keys.generate('other', { alg: 'EdDSA' })
    const after = JSON.parse(readFileSync(path, 'utf8')) as { keys: Record<string, unknown> }
    expect(after.keys['broken']).toEqual({ name: 'broken', kind: 'rsa', versions: 'oops' })
    await expect(ctx.keys.generate('BROKEN', { alg: 'ES256' })).rejects.toMatchObject({
      code: 'ERR_KEY_EXISTS',
    })
  })

  it('a settings file of the wrong shape is moved aside, never read as empty and overwritten', async () => {
    const ctx = context('wrong-shape')
    const path = join(ctx.settingsDir, SETTINGS_FILE)
    writeFileSync(path, '{"keys":"oops"}')
    expect(await ctx.keys.list()).toEqual([])
    const aside = readdirSync(ctx.settingsDir).filter((f) =>
      f.startsWith(`${SETTINGS_FILE}.corrupt-`),
    )
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(ctx.settingsDir, aside[0]!), 'utf8')).toBe('{"keys":"oops"}')
    expect(ctx.warnings.join('\n')).toMatch(/wrong shape/)
  })
})

describe.skipIf(!available)('recovering keychain entries after the settings file is lost', () => {
  it('lists orphans, restores a key with its material, deletes another', async () => {
    const ctx = context('recover')
    const es = await ctx.keys.generate('es', { alg: 'ES256' })
    await ctx.keys.generate('hs', { alg: 'HS256' })
    await ctx.credentials.set({ name: 'staging', value: 'tok' })
    // The settings file is lost: every entry is now an orphan.
    writeFileSync(join(ctx.settingsDir, SETTINGS_FILE), '{}')
    const orphans = await findOrphans(ctx)
    expect(orphans.map((o) => [o.kind, o.name, o.detail])).toEqual(
      expect.arrayContaining([
        ['credential', 'staging', 'saved credential'],
        ['key', 'es', 'EC P-256 private key'],
        ['key', 'hs', 'HMAC secret, 64 bytes (restored as HS256)'],
      ]),
    )
    const esAccount = orphans.find((o) => o.name === 'es')!.account
    const hsAccount = orphans.find((o) => o.name === 'hs')!.account
    const credAccount = orphans.find((o) => o.kind === 'credential')!.account
    const result = await recoverOrphans(ctx, ctx.keys, 'restore', [esAccount, credAccount])
    expect(result.restored.map((r) => r.name)).toEqual(['es', 'staging'])
    const restored = await ctx.keys.get('es')
    expect(restored.kid).toBe(es.kid) // the thumbprint of the same key
    expect(await ctx.credentials.get('staging')).toBe('tok')
    await recoverOrphans(ctx, ctx.keys, 'delete', [hsAccount])
    expect(await findOrphans(ctx)).toEqual([])
    await expect(recoverOrphans(ctx, ctx.keys, 'delete', ['key/x/y'])).rejects.toMatchObject({
      code: 'ERR_KEY_NOT_FOUND',
    })
  })

  it('jwtw keys recover lists and restores', async () => {
    const ctx = context('recover-cli')
    await ctx.keys.generate('dev', { alg: 'EdDSA' })
    writeFileSync(join(ctx.settingsDir, SETTINGS_FILE), '{')
    const env = { JWTW_HOME: ctx.settingsDir, JWTW_KEYCHAIN_SERVICE: ctx.keychain.service }
    const listed = await jwtw(['keys', 'recover'], { env })
    expect(listed.code).toBe(0)
    expect(listed.stderr).toMatch(/moved to .*jwtw keys recover/)
    expect(listed.stdout).toMatch(
      /1 keychain entry .*\nkey\/dev\/\S+ +key +Ed25519 private key +-> restores as "dev"/,
    )
    const restored = await jwtw(['keys', 'recover', '--restore', '--all'], { env })
    expect(restored.stdout).toMatch(/^restored key "dev" from key\/dev\//)
    const list = await jwtw(['keys', 'list', '--json'], { env })
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((k) => k.name)).toEqual(['dev'])
  })
})
