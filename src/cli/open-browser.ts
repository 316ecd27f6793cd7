/**
 * Opens a URL in the system browser (RFC 8252: never an embedded view): `open` on macOS,
 * `xdg-open` on Linux, the URL handler on Windows; $BROWSER names another command, and
 * BROWSER=none opens nothing (the URL is printed either way). No shell is involved: the URL
 * is one argument.
 */
import { spawn } from 'node:child_process'
import type { CliIo } from './io'

export function openBrowser(url: string, io: CliIo): void {
  const chosen = io.env['BROWSER']?.trim()
  if (chosen === 'none') return
  const [command, args] = chosen
    ? [chosen, [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' })
    child.on('error', () => {
      io.stderr.write(`(could not start ${command}: open the URL above yourself)\n`)
    })
    child.unref()
  } catch {
    io.stderr.write(`(could not start ${command}: open the URL above yourself)\n`)
  }
}
