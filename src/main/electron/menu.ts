/**
 * The desktop application menu: File, Edit, View, Window, Help with standard roles, and the
 * app's own commands (views, palette, theme) with the same accelerators as the renderer's
 * shortcuts (shared/app-commands). A click sends the command id to the window.
 */
import type { MenuItemConstructorOptions } from 'electron'
import { ACTION_COMMANDS, VIEW_COMMANDS, type AppCommand } from '../../shared/app-commands'

export const DOCS_URL = 'https://github.com/jwt-workbench/jwt-workbench#readme'

/** The Help menu's app actions: updates and the jwtw command on the PATH. */
export interface HelpActions {
  checkForUpdates: () => void
  autoUpdates: boolean
  setAutoUpdates: (on: boolean) => void
  installCli: () => void
  uninstallCli: () => void
}

export function menuTemplate(
  send: (commandId: string) => void,
  openExternal: (url: string) => void,
  platform: NodeJS.Platform = process.platform,
  help?: HelpActions,
): MenuItemConstructorOptions[] {
  const command = (c: AppCommand): MenuItemConstructorOptions => ({
    label: c.label,
    ...(c.accelerator ? { accelerator: c.accelerator } : {}),
    click: () => send(c.id),
  })
  const action = (id: string) => command(ACTION_COMMANDS.find((c) => c.id === id)!)
  const mac = platform === 'darwin'
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        action('file.open'),
        action('palette.open'),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...VIEW_COMMANDS.map(command),
        { type: 'separator' },
        action('theme.toggle'),
        action('sidebar.toggle'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Documentation', click: () => openExternal(DOCS_URL) },
        ...(help
          ? ([
              { type: 'separator' },
              { label: 'Check for Updates…', click: () => help.checkForUpdates() },
              {
                label: 'Check for Updates Automatically',
                type: 'checkbox',
                checked: help.autoUpdates,
                click: (item) => help.setAutoUpdates(item.checked),
              },
              { type: 'separator' },
              { label: 'Install the jwtw Command…', click: () => help.installCli() },
              { label: 'Uninstall the jwtw Command', click: () => help.uninstallCli() },
            ] satisfies MenuItemConstructorOptions[])
          : []),
        ...(mac ? [] : [{ role: 'about' as const }]),
      ],
    },
  ]
}
