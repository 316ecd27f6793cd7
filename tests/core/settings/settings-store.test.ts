import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createFileSettingsStore,
  LOCK_FILE,
  SETTINGS_FILE,
} from '../../../src/main/core/settings/settings-store'
import { runTs } from '../../helpers/run-ts'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jwtw-settings-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('settings store', () => {
  it('re-reads the file on every access: a second store sees the first one’s writes', async () => {
    const dir = tempDir()
    const a = createFileSettingsStore(dir)
    const b = createFileSettingsStore(dir)
    await a.set('keys', { one: { name: 'one' } })
    expect(b.get('keys')).toEqual({ one: { name: 'one' } })
    await b.update('keys', (current) => ({ ...(current as object), two: { name: 'two' } }))
    expect(Object.keys(a.get('keys') as object)).toEqual(['one', 'two'])
    await a.delete('keys')
    expect(b.get('keys')).toBeUndefined()
  })

  it('keeps dots in names literal (no dot-path expansion)', async () => {
    const store = createFileSettingsStore(tempDir())
    await store.set('a.b', 1)
    expect(store.get('a.b')).toBe(1)
    expect(store.get('a')).toBeUndefined()
  })

  it('writes atomically: no temp file or lock is left, the file is mode 0600', async () => {
    const dir = tempDir()
    const store = createFileSettingsStore(dir)
    for (let i = 0; i < 20; i++) await store.set(`k${i}`, i)
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE])
    expect(statSync(join(dir, SETTINGS_FILE)).mode & 0o777).toBe(0o600)
  })

  it.each([
    ['not JSON', '{"keys": {"dev": '],
    ['an array', '[1,2,3]'],
    ['a string', '"hello"'],
    ['JSON of the wrong shape', '{"keys":"oops"}'],
    ['a section of the wrong type', '{"keys":{},"credentials":[1]}'],
  ])('moves a corrupt file (%s) aside with a warning, never losing it', async (_what, content) => {
    const dir = tempDir()
    writeFileSync(join(dir, SETTINGS_FILE), content)
    const warnings: string[] = []
    const store = createFileSettingsStore(dir, (m) => warnings.push(m))
    expect(store.get('keys')).toBeUndefined()
    await store.set('keys', {})
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${SETTINGS_FILE}.corrupt-`))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(content)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(aside[0])
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toEqual({ keys: {} })
  })

  it('two processes updating at once lose nothing (lock + atomic rename)', async () => {
    const dir = tempDir()
    const writer = (label: string) =>
      runTs(
        `import { createFileSettingsStore } from './src/main/core/settings/settings-store'
         const store = createFileSettingsStore(${JSON.stringify(dir)})
         for (let i = 0; i < 60; i++) {
           await store.update('items', (cur) => ({ ...(cur ?? {}), ['${label}' + i]: i }))
         }
         console.log('done')`,
        process.env,
      )
    // A reader in this process checks that every read sees whole JSON.
    const reader = createFileSettingsStore(dir)
    let reads = 0
    const results = Promise.all([writer('a'), writer('b')])
    let finished = false
    void results.then(() => (finished = true))
    while (!finished) {
      expect(typeof (reader.get('items') ?? {})).toBe('object')
      reads++
      await new Promise((r) => setTimeout(r, 2))
    }
    for (const r of await results) expect(r.stdout.trim()).toBe('done')
    const items = reader.get('items') as Record<string, number>
    expect(Object.keys(items)).toHaveLength(120)
    expect(reads).toBeGreaterThan(0)
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE])
  })

  it('waits for a held lock without blocking the event loop', async () => {
    const dir = tempDir()
    const store = createFileSettingsStore(dir)
    // Another process holds the lock (a fresh lock directory, as proper-lockfile makes it).
    mkdirSync(join(dir, LOCK_FILE))
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    let done = false
    const write = store.set('keys', { a: 1 }).then(() => (done = true))
    await new Promise((r) => setTimeout(r, 400))
    expect(done).toBe(false)
    expect(ticks).toBeGreaterThan(10)
    rmSync(join(dir, LOCK_FILE), { recursive: true })
    await write
    clearInterval(timer)
    expect(store.get('keys')).toEqual({ a: 1 })
  })

  it('creates its directory 0700', () => {
    const dir = join(tempDir(), 'nested', 'jwt-workbench')
    createFileSettingsStore(dir)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })

  it('refuses a directory others can write, or another user owns (as ssh StrictModes)', () => {
    const open = tempDir()
    chmodSync(open, 0o777)
    expect(() => createFileSettingsStore(open)).toThrow(
      expect.objectContaining({
        code: 'ERR_SETTINGS_UNSAFE',
        message: expect.stringMatching(/others can write to it \(mode 777\).*chmod 700/),
      }),
    )
    chmodSync(open, 0o775)
    expect(() => createFileSettingsStore(open)).toThrow(
      expect.objectContaining({ code: 'ERR_SETTINGS_UNSAFE' }),
    )
    chmodSync(open, 0o755)
    expect(() => createFileSettingsStore(open)).not.toThrow()
    if (process.getuid?.() === 0) {
      const theirs = tempDir()
      chownSync(theirs, 4242, 4242)
      expect(() => createFileSettingsStore(theirs)).toThrow(
        expect.objectContaining({
          message: expect.stringMatching(/belongs to another user \(uid 4242\)/),
        }),
      )
    }
  })

  it('refuses a settings file that is a symbolic link', () => {
    const dir = tempDir()
    const elsewhere = join(tempDir(), 'planted.json')
    writeFileSync(
      elsewhere,
      '{"trustedIssuers":[{"issuer":"https://evil.example","addedAt":"2026-01-01T00:00:00Z"}]}',
    )
    symlinkSync(elsewhere, join(dir, SETTINGS_FILE))
    const store = createFileSettingsStore(dir)
    expect(() => store.get('trustedIssuers')).toThrow(
      expect.objectContaining({ code: 'ERR_SETTINGS_UNSAFE' }),
    )
  })
})
