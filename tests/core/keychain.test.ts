import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createOsKeychain,
  DEFAULT_KEYCHAIN_SERVICE,
  keychainService,
} from '../../src/main/core/keychain'
import { sessionBusSocket } from '../../src/main/core/session-bus'
import { settingsDir } from '../../src/main/core/settings/settings-dir'
import { probeKeychain } from '../helpers/keychain-available'
import { runTs } from '../helpers/run-ts'
import { tempFiles } from '../helpers/temp-files'

const { available } = await probeKeychain()
const service = `jwtw-test-keychain-${process.pid}`
const keychain = createOsKeychain(service)

describe('keychain service name and settings directory', () => {
  it('defaults to jwt-workbench and honours JWTW_KEYCHAIN_SERVICE', () => {
    expect(keychainService({})).toBe(DEFAULT_KEYCHAIN_SERVICE)
    expect(keychainService({ JWTW_KEYCHAIN_SERVICE: 'other' })).toBe('other')
    expect(keychainService({ JWTW_KEYCHAIN_SERVICE: '  ' })).toBe(DEFAULT_KEYCHAIN_SERVICE)
  })

  it('puts settings under JWTW_HOME when set, else the platform config directory', () => {
    expect(settingsDir({ JWTW_HOME: '/tmp/x' })).toBe('/tmp/x')
    expect(settingsDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/jwt-workbench')
  })
})

describe.skipIf(!available)('OS keychain (real Secret Service)', () => {
  afterAll(async () => {
    for (const account of await keychain.list()) await keychain.delete(account)
  })

  it('sets, gets, lists and deletes entries under its service', async () => {
    await keychain.set('alpha', 's3cret-α')
    await keychain.set('beta', 'two')
    expect(await keychain.get('alpha')).toBe('s3cret-α')
    expect((await keychain.list()).sort()).toEqual(['alpha', 'beta'])
    expect(await keychain.delete('alpha')).toBe(true)
    expect(await keychain.delete('alpha')).toBe(false)
    expect(await keychain.get('alpha')).toBeNull()
    expect(await keychain.list()).toEqual(['beta'])
  })

  it('overwrites a value in place', async () => {
    await keychain.set('gamma', 'one')
    await keychain.set('gamma', 'two')
    expect(await keychain.get('gamma')).toBe('two')
  })

  it('keeps services apart', async () => {
    const other = createOsKeychain(`${service}-other`)
    await keychain.set('shared-name', 'mine')
    expect(await other.get('shared-name')).toBeNull()
    expect(await other.list()).toEqual([])
  })
})

describe('the session bus address', () => {
  it('finds the Unix socket (path or abstract, escaped) the keyring library would connect to', () => {
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toBe(
      '/run/user/1000/bus',
    )
    expect(
      sessionBusSocket({
        DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-Xk3v,guid=0f9c2e5a7d4b',
      }),
    ).toBe('\0/tmp/dbus-Xk3v')
    expect(
      sessionBusSocket({
        DBUS_SESSION_BUS_ADDRESS: 'tcp:host=127.0.0.1,port=5555;unix:path=/tmp/my%20bus',
      }),
    ).toBe('/tmp/my bus')
    expect(sessionBusSocket({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/bus')
    expect(
      sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'launchd:env=DBUS_LAUNCHD' }),
    ).toBeUndefined()
    expect(sessionBusSocket({})).toBeUndefined()
  })
})

describe('unreachable keychain', () => {
  it('fails with ERR_KEYCHAIN_UNAVAILABLE and says how to fix it', async () => {
    // A child process whose session bus does not exist: the real failure a headless box shows.
    const { stdout } = await runTs(
      `import { createOsKeychain } from './src/main/core/keychain'
       try { await createOsKeychain('jwtw-unreachable').get('x'); console.log('"REACHED"') }
       catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }`,
      { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/jwtw-bus' },
    )
    const out = JSON.parse(stdout.trim()) as { code: string; message: string }
    expect(out.code).toBe('ERR_KEYCHAIN_UNAVAILABLE')
    expect(out.message).toMatch(/gnome-keyring|Secret Service/)
  })

  it('a keychain that never answers fails each call within its time limit (they used to wait forever)', async () => {
    // A session bus that accepts the connection and then says nothing: its daemon is stopped.
    // get, set and delete build an entry, which talks to the bus on the calling thread: before
    // the bus was asked first (session-bus.ts), they held the main thread, so no timer fired.
    const bus = join(tempFiles('hung-bus').dir, 'bus')
    const daemon = spawn('dbus-daemon', ['--session', '--nofork', `--address=unix:path=${bus}`], {
      stdio: 'ignore',
    })
    try {
      for (let i = 0; i < 100 && !existsSync(bus); i++) await sleep(50)
      daemon.kill('SIGSTOP')
      const calls = { list: 'list()', get: "get('x')", set: "set('x', 'y')", delete: "delete('x')" }
      const outcomes = await Promise.all(
        Object.values(calls).map((call) =>
          runTs(
            `import { createOsKeychain, endIfKeychainCallsHang } from './src/main/core/keychain'
             const started = Date.now()
             try { await createOsKeychain('jwtw-hung', { timeoutMs: 2000 }).${call}; console.log('"REACHED"') }
             catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, ms: Date.now() - started })) }
             endIfKeychainCallsHang() // what the CLI does last: the call still waiting would hold exit`,
            { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${bus}` },
            { timeoutMs: 15_000 },
          ),
        ),
      )
      for (const [index, name] of Object.keys(calls).entries()) {
        const { stdout, signal } = outcomes[index]!
        expect(stdout.trim(), `${name} gave no answer`).not.toBe('')
        const out = JSON.parse(stdout.trim()) as { code: string; message: string; ms: number }
        expect(out.code).toBe('ERR_KEYCHAIN_UNAVAILABLE')
        const reading = name === 'list' || name === 'get'
        expect(out.message).toMatch(
          reading
            ? /^The OS keychain did not answer within 2 s, so stored keys/
            : /^The OS keychain did not answer within 2 s; the change was not recorded/,
        )
        expect(out.ms).toBeGreaterThanOrEqual(1900)
        expect(out.ms).toBeLessThan(10_000)
        // list's native call still waits on the bus, so the process must stop itself; get, set
        // and delete never reached native code (the bus was asked first), so it simply ends.
        expect(signal).toBe(name === 'list' ? 'SIGKILL' : undefined)
      }
    } finally {
      daemon.kill('SIGKILL')
    }
  })
})
