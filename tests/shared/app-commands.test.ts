import { describe, expect, it } from 'vitest'
import {
  acceleratorInForce,
  matchesAccelerator,
  shortcutLabel,
} from '../../src/shared/app-commands'

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
  code?: string,
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
  ...(code ? { code } : {}),
})

describe('shortcuts that work in a browser', () => {
  it('browser mode moves what the browser owns to Alt; the desktop keeps Ctrl/Cmd', () => {
    expect(acceleratorInForce('CmdOrCtrl+1', true)).toBe('Alt+1')
    expect(acceleratorInForce('CmdOrCtrl+O', true)).toBe('Alt+O')
    expect(acceleratorInForce('CmdOrCtrl+B', true)).toBe('Alt+B')
    expect(acceleratorInForce('CmdOrCtrl+Enter', true)).toBe('CmdOrCtrl+Enter')
    expect(acceleratorInForce('CmdOrCtrl+Shift+L', true)).toBe('CmdOrCtrl+Shift+L')
    expect(acceleratorInForce('CmdOrCtrl+1', false)).toBe('CmdOrCtrl+1')
    expect(shortcutLabel(acceleratorInForce('CmdOrCtrl+3', true), false)).toBe('Alt+3')
  })

  it('Alt+digit matches by the physical key too (Option changes the character on macOS)', () => {
    expect(matchesAccelerator(key('3', { altKey: true }), 'Alt+3', false)).toBe(true)
    expect(matchesAccelerator(key('£', { altKey: true }, 'Digit3'), 'Alt+3', true)).toBe(true)
    expect(matchesAccelerator(key('3', { ctrlKey: true }), 'Alt+3', false)).toBe(false)
    expect(
      matchesAccelerator(key('3', { ctrlKey: true, altKey: true }), 'CmdOrCtrl+3', false),
    ).toBe(false)
    expect(
      matchesAccelerator(key('l', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Shift+L', false),
    ).toBe(true)
  })
})
