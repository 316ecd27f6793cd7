// The CLI's V8 code cache (src/cli/code-cache.ts): where it lives, that it is read only from a
// place no one else can write, and that a new build or another command never reads old data.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { codeCache } from '../../src/cli/code-cache'
import { codeCacheDir } from '../../src/main/core/settings/settings-dir'
import { removeHome } from '../helpers/cli'

const work = mkdtempSync(join(tmpdir(), 'jwtw-code-cache-'))
afterAll(() => removeHome(work))
const bundle = join(work, 'cli.cjs')
writeFileSync(bundle, '"use strict";\n')
const data = Buffer.from('compiled code of the bundle')
let dirs = 0
const freshDir = () => join(work, `cache-${dirs++}`)

describe('code cache', () => {
  it('lives in the per-user cache directory of each platform, or where JWTW_CODE_CACHE_DIR says', () => {
    expect(codeCacheDir({}, 'linux', '/home/maria')).toBe(
      '/home/maria/.cache/jwt-workbench/code-cache',
    )
    expect(codeCacheDir({ XDG_CACHE_HOME: '/var/cache/maria' }, 'linux', '/home/maria')).toBe(
      '/var/cache/maria/jwt-workbench/code-cache',
    )
    expect(codeCacheDir({}, 'darwin', '/Users/maria')).toBe(
      '/Users/maria/Library/Caches/jwt-workbench/code-cache',
    )
    expect(
      codeCacheDir(
        { LOCALAPPDATA: 'C:\\Users\\maria\\AppData\\Local' },
        'win32',
        'C:\\Users\\maria',
      ),
    ).toMatch(/^C:\\Users\\maria\\AppData\\Local.jwt-workbench.code-cache$/)
    expect(codeCacheDir({ JWTW_CODE_CACHE_DIR: '/tmp/c' }, 'linux', '/home/maria')).toBe('/tmp/c')
    expect(codeCacheDir({ JWTW_CODE_CACHE: '0' }, 'linux', '/home/maria')).toBeUndefined()
  })

  it('reads back what it wrote, from a directory and a file only the user can reach', () => {
    const dir = freshDir()
    const cache = codeCache(bundle, 'mint', dir)!
    expect(cache.read()).toBeUndefined()
    cache.write(data)
    expect(cache.read()).toEqual(data)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    const [file] = readdirSync(dir)
    expect(file).toMatch(/^mint-[0-9a-f]{8}\.bin$/)
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600)
  })

  it('keeps one cache per command, and a rebuilt bundle replaces the old one', () => {
    const dir = freshDir()
    codeCache(bundle, 'mint', dir)!.write(data)
    codeCache(bundle, 'verify', dir)!.write(data)
    expect(codeCache(bundle, 'decode', dir)!.read()).toBeUndefined()
    const before = readdirSync(dir).sort()
    // A new build: same path, another time.
    utimesSync(bundle, new Date(), new Date(Date.now() + 60_000))
    const rebuilt = codeCache(bundle, 'mint', dir)!
    expect(rebuilt.read()).toBeUndefined()
    rebuilt.write(Buffer.from('new code'))
    const after = readdirSync(dir).sort()
    expect(after).toHaveLength(2)
    expect(after.find((f) => f.startsWith('mint-'))).not.toBe(
      before.find((f) => f.startsWith('mint-')),
    )
    expect(after.find((f) => f.startsWith('verify-'))).toBe(
      before.find((f) => f.startsWith('verify-')),
    )
  })

  it.runIf(process.platform !== 'win32')(
    'never reads from a directory others can write, nor through a link put in place of the file',
    () => {
      const open = freshDir()
      const cache = codeCache(bundle, 'mint', open)!
      cache.write(data)
      chmodSync(open, 0o777)
      expect(cache.read()).toBeUndefined()
      chmodSync(open, 0o700)
      expect(cache.read()).toEqual(data)

      const linked = freshDir()
      const elsewhere = join(work, 'planted.bin')
      writeFileSync(elsewhere, 'planted')
      const victim = codeCache(bundle, 'verify', linked)!
      victim.write(data)
      const [file] = readdirSync(linked)
      const path = join(linked, file!)
      removeHome(path)
      symlinkSync(elsewhere, path)
      expect(victim.read()).toBeUndefined()

      const shared = freshDir()
      mkdirSync(shared, { mode: 0o700 })
      const groupWritable = codeCache(bundle, 'decode', shared)!
      groupWritable.write(data)
      chmodSync(join(shared, readdirSync(shared)[0]!), 0o660)
      expect(groupWritable.read()).toBeUndefined()
    },
  )

  it('does not read a cache file larger than any real one', () => {
    const dir = freshDir()
    const cache = codeCache(bundle, 'scan', dir)!
    cache.write(data)
    truncateSync(join(dir, readdirSync(dir)[0]!), 64 << 20)
    // Its length only: a failure must not print 64 MiB.
    expect(cache.read()?.length).toBeUndefined()
  })

  it('makes no cache for what is no command name, and none when turned off', () => {
    expect(codeCache(bundle, '../../etc', freshDir())).toBeUndefined()
    expect(codeCache(bundle, 'eyJhbGciOiJIUzI1NiJ9', freshDir())).toBeUndefined()
    expect(codeCache(bundle, 'mint', undefined)).toBeUndefined()
    expect(codeCache(join(work, 'missing.cjs'), 'mint', freshDir())).toBeUndefined()
    const dir = freshDir()
    expect(existsSync(dir)).toBe(false)
  })
})
