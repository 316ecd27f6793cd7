import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { channelOf, methodNames } from '../../src/shared/api'

const exposeInMainWorld = vi.fn()
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' }))
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke } }))

describe('preload bridge', () => {
  it('exposes window.workbench with exactly one function per contract method', async () => {
    await import('../../src/preload/index')
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1)
    const [name, bridge] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>]
    expect(name).toBe('workbench')
    expect(Object.keys(bridge).sort()).toEqual([...methodNames].sort())
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function')
    expect(Object.isFrozen(bridge)).toBe(true)
    expect(bridge).not.toHaveProperty('ipcRenderer')
  })

  it('forwards a call to its IPC channel with the arguments', async () => {
    const bridge = exposeInMainWorld.mock.calls[0]![1] as Record<
      string,
      (...a: unknown[]) => unknown
    >
    expect(await bridge['decode']!('some text')).toEqual({ ok: true, value: 'answer' })
    expect(invoke).toHaveBeenCalledWith(channelOf('decode'), 'some text')
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
