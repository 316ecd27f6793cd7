import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { APP_COMMANDS } from '../../src/shared/app-commands'
import { DOCS_URL, menuTemplate } from '../../src/main/electron/menu'

/** Every item of a template, submenus included. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu as MenuItemConstructorOptions[]) : []),
  ])
}

describe('application menu', () => {
  it('carries the views, the palette, open, theme and sidebar with the shortcuts of the page, and a click sends the command id', () => {
    const send = vi.fn()
    const all = items(menuTemplate(send, vi.fn(), 'linux'))
    const expected = APP_COMMANDS.filter(
      (c) =>
        c.id.startsWith('view.') ||
        ['file.open', 'palette.open', 'theme.toggle', 'sidebar.toggle'].includes(c.id),
    )
    expect(expected.length).toBe(12)
    for (const c of expected) {
      const item = all.find((i) => i.label === c.label)
      expect(item, c.id).toBeDefined()
      expect(item!.accelerator).toBe(c.accelerator)
      send.mockClear()
      ;(item!.click as () => void)()
      expect(send).toHaveBeenCalledExactlyOnceWith(c.id)
    }
    // No two menu items share an accelerator.
    const accelerators = all.flatMap((i) => (i.accelerator ? [i.accelerator] : []))
    expect(new Set(accelerators).size).toBe(accelerators.length)
  })

  it('Help opens only the documentation address', () => {
    const openExternal = vi.fn()
    const help = menuTemplate(vi.fn(), openExternal, 'linux').find((i) => i.role === 'help')!
    const docs = (help.submenu as MenuItemConstructorOptions[]).find(
      (i) => i.label === 'Documentation',
    )!
    ;(docs.click as () => void)()
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(DOCS_URL)
    expect(DOCS_URL.startsWith('https://')).toBe(true)
  })

  it('follows the platform: an app menu and Close on macOS, Quit and About elsewhere', () => {
    const mac = items(menuTemplate(vi.fn(), vi.fn(), 'darwin')).map((i) => i.role)
    const linux = items(menuTemplate(vi.fn(), vi.fn(), 'linux')).map((i) => i.role)
    expect(mac).toContain('appMenu')
    expect(mac).toContain('close')
    expect(mac).not.toContain('quit')
    expect(linux).not.toContain('appMenu')
    expect(linux).toEqual(expect.arrayContaining(['quit', 'about', 'editMenu', 'windowMenu']))
  })
})

describe('Help: updates and the jwtw command', () => {
  it('offers Check for Updates, the automatic switch as it stands, and installing or removing jwtw', () => {
    const actions = {
      checkForUpdates: vi.fn(),
      autoUpdates: false,
      setAutoUpdates: vi.fn(),
      installCli: vi.fn(),
      uninstallCli: vi.fn(),
    }
    const help = menuTemplate(vi.fn(), vi.fn(), 'linux', actions).find((i) => i.role === 'help')!
    const sub = help.submenu as MenuItemConstructorOptions[]
    const item = (label: string) => sub.find((i) => i.label === label)!
    ;(item('Check for Updates…').click as () => void)()
    expect(actions.checkForUpdates).toHaveBeenCalledOnce()
    const auto = item('Check for Updates Automatically')
    expect(auto).toMatchObject({ type: 'checkbox', checked: false })
    ;(auto.click as (i: { checked: boolean }) => void)({ checked: true })
    expect(actions.setAutoUpdates).toHaveBeenCalledWith(true)
    ;(item('Install the jwtw Command…').click as () => void)()
    ;(item('Uninstall the jwtw Command').click as () => void)()
    expect(actions.installCli).toHaveBeenCalledOnce()
    expect(actions.uninstallCli).toHaveBeenCalledOnce()
  })
})
