/** `jwtw ui` declared. */
import { command, exitCodes, flag, text } from '../../framework/spec'

export const uiOptions = {
  port: text('N', 'listen on port N (default: a free port)'),
  'no-open': flag('do not open the browser; only print the URL'),
  'idle-timeout': text('DUR', 'end a browser session after DUR without a request (default 12h)'),
  'print-api-token': flag('also print a credential for scripts, as "api-token TOKEN"'),
} as const

export const uiSpec = command({
  name: 'ui',
  summary: 'serve the UI in your browser on 127.0.0.1 (browser mode)',
  details:
    'Prints a one-time login URL (first line of stdout) and opens it in the default browser through a page only you can read, so the login code never appears in a process list. The link works once; press Enter in this terminal for a fresh one.',
  options: uiOptions,
  exitCodes: exitCodes('stopped with Ctrl+C', 'the UI is not built, or the port is in use'),
  load: () => import('./run').then((m) => m.run),
})
