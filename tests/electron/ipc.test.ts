import { describe, expect, it } from 'vitest'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { methodNames, channelOf, type Handlers } from '../../src/shared/api'
import { WorkbenchError } from '../../src/shared/errors'
import { isAppUrl } from '../../src/main/electron/app-protocol'
import { createDispatcher } from '../../src/main/core/dispatch'
import { createSenderCheck, registerIpc } from '../../src/main/electron/ipc'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

function fakeIpcMain() {
  const handlers = new Map<string, Handler>()
  return {
    handlers,
    handle(channel: string, handler: Handler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, handler)
    },
  }
}

const mainFrame = { processId: 4, routingId: 7, url: 'app://workbench/index.html' }
const ours = { id: 1, mainFrame } as unknown as WebContents

function event(overrides: { sender?: unknown; senderFrame?: unknown } = {}): IpcMainInvokeEvent {
  return { sender: ours, senderFrame: mainFrame, ...overrides } as unknown as IpcMainInvokeEvent
}

function setup(decode: Handlers['decode']) {
  const ipc = fakeIpcMain()
  registerIpc(
    ipc,
    createDispatcher({ decode } as Handlers),
    createSenderCheck(() => ours, isAppUrl),
  )
  const call = (ev: IpcMainInvokeEvent, ...args: unknown[]) =>
    ipc.handlers.get(channelOf('decode'))!(ev, ...args)
  return { ipc, call }
}

describe('IPC registration', () => {
  it('registers exactly one handler per contract method', () => {
    const { ipc } = setup(() => [])
    expect([...ipc.handlers.keys()].sort()).toEqual(methodNames.map(channelOf).sort())
  })

  it('answers a trusted call through the handler', async () => {
    const { call } = setup((text) => [{ text }] as never)
    expect(await call(event(), 'abc')).toEqual({ ok: true, value: [{ text: 'abc' }] })
  })

  it('rejects another webContents, a subframe and a foreign origin', async () => {
    const { call } = setup(() => [])
    const other = { id: 2, mainFrame } as unknown as WebContents
    const untrusted = [
      event({ sender: other }),
      event({ senderFrame: { processId: 4, routingId: 9, url: mainFrame.url } }),
      event({ senderFrame: { ...mainFrame, url: 'https://evil.example/' } }),
      event({ senderFrame: { ...mainFrame, url: 'file:///tmp/index.html' } }),
      event({ senderFrame: null }),
    ]
    for (const ev of untrusted) {
      const result = (await call(ev, 'x')) as { ok: boolean; error: { code: string } }
      expect(result.ok).toBe(false)
      expect(result.error.code).toBe('ERR_UNTRUSTED_SENDER')
    }
  })

  it('rejects bad arguments with the schema message', async () => {
    const { call } = setup(() => [])
    for (const args of [[], [42], ['a', 'b'], ['x'.repeat((1 << 20) + 1)]]) {
      const result = (await call(event(), ...args)) as {
        ok: false
        error: { code: string; message: string }
      }
      expect(result.error.code).toBe('ERR_INVALID_ARGUMENT')
      expect(result.error.message).toMatch(/decode/)
    }
  })

  it('maps thrown errors: ours keep their code, unknown ones become ERR_INTERNAL without a stack', async () => {
    const known = setup(() => {
      throw new WorkbenchError('ERR_NO_TOKEN_FOUND', 'none')
    })
    expect(await known.call(event(), 'x')).toEqual({
      ok: false,
      error: { code: 'ERR_NO_TOKEN_FOUND', message: 'none' },
    })
    const unknown = setup(() => {
      throw new TypeError('secret-value-in-message')
    })
    const result = (await unknown.call(event(), 'x')) as {
      ok: false
      error: Record<string, unknown>
    }
    expect(result.error['code']).toBe('ERR_INTERNAL')
    expect(JSON.stringify(result)).not.toMatch(/secret-value|TypeError|at /)
  })
})
