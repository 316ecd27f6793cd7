/** `jwtw ui`: browser mode — the app's UI and contract served on 127.0.0.1. */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { WorkbenchError } from '../../shared/errors'
import { createDispatcher } from '../../main/core/dispatch'
import { durationSeconds } from '../../main/core/duration'
import { createHandlers } from '../../main/core/handlers'
import { startWebServer } from '../../main/web/web-server'
import { cliContext } from '../context'
import { EXIT, flagOf, stringOf, type Runner } from '../framework/spec'
import { UsageError } from '../framework/usage-error'

/** The built renderer, next to the built CLI (out/cli -> out/renderer). */
export function rendererDir(): string {
  return fileURLToPath(new URL('../renderer', import.meta.url))
}

export const run: Runner = async (parsed, io) => {
  const portText = stringOf(parsed, 'port')
  const port = portText === undefined ? 0 : Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535, got "${portText}"`,
      parsed.path,
    )
  }
  const idle = stringOf(parsed, 'idle-timeout')
  let idleMs: number | undefined
  if (idle !== undefined) {
    try {
      idleMs = durationSeconds(idle, '--idle-timeout') * 1000
    } catch (error) {
      throw new UsageError((error as Error).message, parsed.path)
    }
    if (idleMs <= 0) throw new UsageError('--idle-timeout must be positive', parsed.path)
  }
  const dir = rendererDir()
  if (!existsSync(`${dir}/index.html`)) {
    throw new WorkbenchError(
      'ERR_UI_NOT_BUILT',
      `The UI is not built (${dir} is missing). Run \`npm run build\`.`,
    )
  }
  let server
  try {
    server = await startWebServer({
      dispatch: createDispatcher(createHandlers(cliContext(io))),
      rendererDir: dir,
      port,
      ...(idleMs === undefined ? {} : { idleMs }),
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new WorkbenchError(
        'ERR_PORT_IN_USE',
        `Port ${port} is in use; pick another with --port or omit it.`,
      )
    }
    throw error
  }
  const url = server.newLoginUrl()
  io.stdout.write(`${url}\n`)
  if (flagOf(parsed, 'print-api-token')) io.stdout.write(`api-token ${server.newApiToken()}\n`)
  io.stderr.write(
    'JWT Workbench is running in browser mode. The link works once: press Enter for a new one. Ctrl+C stops.\n',
  )
  if (!flagOf(parsed, 'no-open')) openInBrowser(url)
  // Enter (a line on stdin) prints a fresh one-time link, for another browser or a new tab.
  const onLine = () => void io.stdout.write(`${server.newLoginUrl()}\n`)
  // terminal: false leaves Ctrl+C to the terminal, which sends SIGINT.
  const lines = createInterface({ input: io.stdin, terminal: false })
  lines.on('line', onLine)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  lines.close()
  await server.close()
  return EXIT.ok
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No opener on this machine: the printed URL is enough.
  }
}
