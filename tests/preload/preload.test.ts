import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { channelOf, COMMAND_CHANNEL, methodNames } from '../../src/shared/api'

const exposeInMainWorld = vi.fn()
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' }))
const on = vi.fn()
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke, on } }))

const exposed = (name: string) =>
  exposeInMainWorld.mock.calls.find(([n]) => n === name)![1] as Record<string, unknown>

describe('preload bridge', () => {
  it('exposes window.workbench with exactly one function per contract method', async () => {
    await import('../../src/preload/index')
    expect(exposeInMainWorld.mock.calls.map(([name]) => name)).toEqual([
      'workbench',
      'workbenchMenu',
    ])
    const bridge = exposed('workbench')
    expect(Object.keys(bridge).sort()).toEqual([...methodNames].sort())
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function')
    expect(Object.isFrozen(bridge)).toBe(true)
    expect(bridge).not.toHaveProperty('ipcRenderer')
  })

  it('forwards a call to its IPC channel with the arguments', async () => {
    const bridge = exposed('workbench') as Record<string, (...a: unknown[]) => unknown>
    expect(await bridge['decode']!('some text')).toEqual({ ok: true, value: 'answer' })
    expect(invoke).toHaveBeenCalledWith(channelOf('decode'), 'some text')
  })

  it('window.workbenchMenu has only onCommand, which passes on known command ids and nothing else', () => {
    const menu = exposed('workbenchMenu')
    expect(Object.keys(menu)).toEqual(['onCommand'])
    expect(Object.isFrozen(menu)).toBe(true)
    const listener = vi.fn()
    ;(menu['onCommand'] as (l: (id: string) => void) => void)(listener)
    const [channel, handler] = on.mock.calls[0] as [string, (event: unknown, id: unknown) => void]
    expect(channel).toBe(COMMAND_CHANNEL)
    handler({ sender: 'the event' }, 'view.mint')
    handler({}, 'shell.exec')
    handler({}, { id: 'view.mint' })
    expect(listener.mock.calls).toEqual([['view.mint']])
  })
})

describe('built preload', () => {
  const built = resolve(import.meta.dirname, '..', '..', 'out', 'preload', 'index.cjs')
  it.skipIf(!existsSync(built) && process.env['CI'] !== 'true')(
    'is a single CommonJS file that requires only electron',
    () => {
      const code = readFileSync(built, 'utf8')
      expect(code.startsWith('"use strict"')).toBe(true)
      const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
      expect(new Set(required)).toEqual(new Set(['electron']))
      expect(code).not.toMatch(/^\s*import\s/m)
    },
  )
})
