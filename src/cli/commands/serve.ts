/** `jwtw serve`: a local OIDC issuer publishing the public keys of stored keys. */
import {
  DEFAULT_ISSUER_HOST,
  DEFAULT_ISSUER_PORT,
  startIssuer,
} from '../../main/core/issuer/issuer-server'
import { parse } from '../args'
import { EXIT, type CliIo } from '../io'
import { UsageError } from '../output'
import { cliContext } from '../context'

export const SERVE_USAGE = `Usage: jwtw serve [--port N] [--host H] [--issuer URL] [--key NAME]...

Serves /.well-known/openid-configuration and /.well-known/jwks.json with the public keys
(active and retiring) of stored keys, so a backend can verify tokens minted with them.
Prints the issuer URL on the first line; runs until Ctrl-C.
  --port N       port (default ${DEFAULT_ISSUER_PORT}; 0 picks a free one)
  --host H       address to listen on (default ${DEFAULT_ISSUER_HOST})
  --issuer URL   issuer to announce (default http://HOST:PORT); mint tokens with this iss
  --key NAME     a stored key to publish (repeatable; default every key that signs)`

export async function serveCommand(
  argv: string[],
  io: CliIo,
  stopSignal: Promise<unknown> = new Promise((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  }),
): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      issuer: { type: 'string' },
      key: { type: 'string', multiple: true },
    },
    SERVE_USAGE,
  )
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]!.slice(0, 40)}"`, SERVE_USAGE)
  }
  let port: number | undefined
  if (values.port !== undefined) {
    port = Number(values.port)
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new UsageError('--port expects 0-65535', SERVE_USAGE)
    }
  }
  if (values.issuer !== undefined && !/^https?:\/\/[^\s]+$/.test(values.issuer)) {
    throw new UsageError('--issuer expects an http(s) URL', SERVE_USAGE)
  }
  const running = await startIssuer(cliContext(io), {
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.issuer === undefined ? {} : { issuer: values.issuer }),
    ...(values.key === undefined ? {} : { keys: values.key }),
  })
  const { status } = running
  io.stdout.write(`${status.issuer}\n`)
  io.stdout.write(`jwks_uri ${status.jwksUri}\n`)
  io.stderr.write(
    `Serving ${status.keys?.length ? status.keys.join(', ') : 'every stored key that signs'} on ${status.host}:${status.port}; Ctrl-C stops.\n`,
  )
  await stopSignal
  await running.close()
  return EXIT.ok
}
