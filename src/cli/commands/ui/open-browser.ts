/**
 * Opens a URL holding a secret (the one-time login code) in the default browser without putting
 * it in any process's arguments, where every local user can read it (/proc/PID/cmdline): the
 * URL goes into a page only this user can read (0600, in a fresh 0700 directory) and the
 * browser is given that file, which forwards to the URL, the way Jupyter opens its server.
 * $BROWSER, when set, is the command to open it with.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** How long the forwarding page is kept: long enough for a slow browser start. */
const KEEP_MS = 120_000

export interface Opened {
  /** The forwarding page (removed after a while, or by `close`). */
  file: string
  close(): void
}

export function openInBrowser(url: string, env: NodeJS.ProcessEnv): Opened {
  const dir = mkdtempSync(join(tmpdir(), 'jwtw-ui-'))
  const file = join(dir, 'open.html')
  const attribute = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${attribute}"><title>JWT Workbench</title><p><a href="${attribute}">Open JWT Workbench</a></p>\n`,
    { mode: 0o600 },
  )
  const close = () => rmSync(dir, { recursive: true, force: true })
  const timer = setTimeout(close, KEEP_MS)
  timer.unref()
  const target = pathToFileURL(file).href
  const [command, args] = opener(target, env)
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No opener on this machine: the printed URL is enough.
  }
  return {
    file,
    close: () => {
      clearTimeout(timer)
      close()
    },
  }
}

function opener(target: string, env: NodeJS.ProcessEnv): [string, string[]] {
  const browser = env['BROWSER']?.trim()
  if (browser) return [browser, [target]]
  if (process.platform === 'darwin') return ['open', [target]]
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', target]]
  return ['xdg-open', [target]]
}
