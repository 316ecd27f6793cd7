/**
 * Commands from anywhere (a shortcut, the palette, the desktop menu, a button) reach the shell
 * and the open view through one bus. A view registers its main action (Ctrl/Cmd+Enter) with
 * useMainAction.
 */
import { useEffect, useRef } from 'react'
import { acceleratorInForce, APP_COMMANDS, matchesAccelerator } from '../../../shared/app-commands'
import { transport } from '../api'

type Listener = (id: string) => void
const listeners = new Set<Listener>()

export function runCommand(id: string): void {
  for (const listener of [...listeners]) listener(id)
}

export function useCommand(listener: Listener): void {
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => {
    const call: Listener = (id) => latest.current(id)
    listeners.add(call)
    return () => void listeners.delete(call)
  }, [])
}

/** The open view's main action, run by Ctrl/Cmd+Enter and the palette. */
export function useMainAction(action: () => void): void {
  useCommand((id) => {
    if (id === 'action.run') action()
  })
}

export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform)

/** A command's shortcut in force here (browser mode leaves the browser its own), for matching and labels. */
export function shortcutOf(accelerator: string | undefined): string | undefined {
  return accelerator === undefined
    ? undefined
    : acceleratorInForce(accelerator, transport === 'browser')
}

/** Keyboard shortcuts for every command with an accelerator, and the desktop menu's clicks. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = APP_COMMANDS.find(
        (c) =>
          c.accelerator !== undefined &&
          matchesAccelerator(event, shortcutOf(c.accelerator)!, IS_MAC),
      )
      if (!command) return
      event.preventDefault()
      runCommand(command.id)
    }
    window.addEventListener('keydown', onKey)
    window.workbenchMenu?.onCommand(runCommand)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
