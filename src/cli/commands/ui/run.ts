/** `jwtw ui`: browser mode — the app's UI and contract served on 127.0.0.1. */
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { WorkbenchError } from '../../../shared/errors'
import { builtRendererDir } from '../../../main/core/built-files'
import { createDispatcher } from '../../../main/core/dispatch'
import { durationSeconds } from '../../../main/core/duration'
import { createHandlers } from '../../../main/core/handlers'
import { startWebServer } from '../../../main/web/web-server'
import { cliContext } from '../../context'
import { EXIT, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { untilInterrupted } from '../../io'
import { openInBrowser } from './open-browser'
import type { uiOptions } from './spec'

export const run: Runner<typeof uiOptions> = async ({ values, path }, io) => {
  const portText = values.port
  const port = portText === undefined ? 0 : Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${portText}"`, path)
  }
  const idle = values['idle-timeout']
  let idleMs: number | undefined
  if (idle !== undefined) {
    try {
      idleMs = durationSeconds(idle, '--idle-timeout') * 1000
    } catch (error) {
      throw new UsageError((error as Error).message, path)
    }
    if (idleMs <= 0) throw new UsageError('--idle-timeout must be positive', path)
  }
  const dir = builtRendererDir()
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
  if (values['print-api-token']) io.stdout.write(`api-token ${server.newApiToken()}\n`)
  io.stderr.write(
    'JWT Workbench is running in browser mode. The link works once: press Enter for a new one. Ctrl+C stops.\n',
  )
  const opened = values['no-open'] ? undefined : openInBrowser(url, io.env)
  // Enter (a line on stdin) prints a fresh one-time link, for another browser or a new tab.
  const onLine = () => void io.stdout.write(`${server.newLoginUrl()}\n`)
  // terminal: false leaves Ctrl+C to the terminal, which sends SIGINT.
  const lines = createInterface({ input: io.stdin, terminal: false })
  lines.on('line', onLine)
  await untilInterrupted(io)
  lines.close()
  opened?.close()
  await server.close()
  return EXIT.ok
}
