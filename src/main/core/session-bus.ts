/**
 * Whether the D-Bus session bus answers, asked without blocking: a connection to its socket and
 * the first step of the handshake (SASL AUTH), which the bus daemon answers itself. The keyring
 * library connects to the bus on the calling thread, so a silent daemon would hold that thread
 * beyond any timer; this is asked first, on the event loop, where the caller's signal can end it.
 */
import type { Socket } from 'node:net'

/**
 * The bus's socket from DBUS_SESSION_BUS_ADDRESS (or $XDG_RUNTIME_DIR/bus, the default), or
 * undefined when the address is no Unix socket (then there is nothing to ask).
 *
 * @example
 * sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }) // '/run/user/1000/bus'
 */
export function sessionBusSocket(env: NodeJS.ProcessEnv): string | undefined {
  const address =
    env['DBUS_SESSION_BUS_ADDRESS'] ??
    (env['XDG_RUNTIME_DIR'] ? `unix:path=${env['XDG_RUNTIME_DIR']}/bus` : undefined)
  for (const entry of address?.split(';') ?? []) {
    const colon = entry.indexOf(':')
    if (entry.slice(0, colon) !== 'unix') continue
    const params = new Map(
      entry
        .slice(colon + 1)
        .split(',')
        .map((pair) => {
          const eq = pair.indexOf('=')
          return [pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1))] as const
        }),
    )
    const path = params.get('path')
    if (path) return path
    const abstract = params.get('abstract')
    if (abstract) return `\0${abstract}`
  }
  return undefined
}

/**
 * Resolves once the session bus daemon has answered; rejects when its socket refuses or closes;
 * stays pending while the daemon is silent, until `signal` aborts (the socket is then closed).
 */
export async function sessionBusAnswers(
  signal: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const path = sessionBusSocket(env)
  if (path === undefined) return
  const { createConnection } = await import('node:net')
  signal.throwIfAborted()
  await new Promise<void>((resolve, reject) => {
    const socket: Socket = createConnection({ path })
    const done = (error?: unknown) => {
      signal.removeEventListener('abort', abort)
      socket.destroy()
      if (error === undefined) resolve()
      else reject(error instanceof Error ? error : new Error(String(error)))
    }
    const abort = () => done(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    socket.once('error', done)
    socket.once('close', () => done(new Error('The session bus closed the connection.')))
    // Any line back ("OK <guid>", "REJECTED ...") means the daemon is answering.
    socket.once('data', () => done())
    const uid = String(process.getuid?.() ?? 0)
    socket.write(`\0AUTH EXTERNAL ${Buffer.from(uid).toString('hex')}\r\n`)
  })
}
