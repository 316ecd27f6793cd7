/**
 * Ctrl/Cmd+K: every view and action with its shortcut, filtered as you type. Pasting a token (or
 * any text holding one) opens it in Inspect. Esc closes.
 */
import { Command } from 'cmdk'
import { useState } from 'react'
import type { AppCommand } from '../../../shared/app-commands'
import { APP_COMMANDS, shortcutLabel } from '../../../shared/app-commands'
import { findTokens } from '../../../shared/token-finder'
import { IS_MAC, runCommand, shortcutOf } from './command-bus'

/** What the palette shows and matches: views read "Go to …". */
const paletteLabel = (c: AppCommand) => (c.id.startsWith('view.') ? `Go to ${c.label}` : c.label)

interface Props {
  open: boolean
  onOpenChange(open: boolean): void
  onInspect(text: string): void
}

export function CommandPalette({ open, onOpenChange, onInspect }: Props) {
  const [search, setSearch] = useState('')
  const holdsToken = search.length > 20 && findTokens(search).length > 0
  const close = () => {
    setSearch('')
    onOpenChange(false)
  }
  const inspect = (text: string) => {
    onInspect(text)
    close()
  }
  return (
    <Command.Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      label="Command palette"
      className="palette"
      overlayClassName="palette-overlay"
      contentClassName="palette-content"
      shouldFilter={!holdsToken}
    >
      <Command.Input
        value={search}
        onValueChange={setSearch}
        placeholder="Type a command, or paste a token to inspect it"
        aria-label="Command or token"
        onPaste={(e) => {
          const text = e.clipboardData.getData('text')
          if (findTokens(text).length > 0) {
            e.preventDefault()
            inspect(text)
          }
        }}
      />
      <Command.List>
        <Command.Empty>No command matches.</Command.Empty>
        {holdsToken && (
          <Command.Item value="inspect pasted token" onSelect={() => inspect(search)}>
            Inspect this token
          </Command.Item>
        )}
        {!holdsToken &&
          APP_COMMANDS.filter((c) => c.id !== 'palette.open').map((c) => (
            <Command.Item
              key={c.id}
              value={paletteLabel(c)}
              onSelect={() => {
                close()
                runCommand(c.id)
              }}
            >
              <span>{paletteLabel(c)}</span>
              {c.accelerator && <kbd>{shortcutLabel(shortcutOf(c.accelerator)!, IS_MAC)}</kbd>}
            </Command.Item>
          ))}
      </Command.List>
    </Command.Dialog>
  )
}
