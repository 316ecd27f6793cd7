/** `jwtw serve`: a local OIDC issuer publishing the public keys of stored keys. */
import { DEFAULT_ISSUER_PORT, startIssuer } from '../../../main/core/issuer/issuer-server'
import { isLoopbackHost } from '../../../main/core/jwks/remote-url'
import { cliContext } from '../../context'
import { EXIT, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { untilInterrupted } from '../../io'
import type { serveOptions } from './spec'

export const run: Runner<typeof serveOptions> = async ({ values, path }, io) => {
  const portText = values.port
  let port: number | undefined
  if (portText !== undefined) {
    port = Number(portText)
    if (!/^\d+$/.test(portText) || port > 65535)
      throw new UsageError('--port expects 0-65535', path)
  }
  const { issuer, host, key: keys } = values
  if (issuer !== undefined && !/^https?:\/\/[^\s]+$/.test(issuer)) {
    throw new UsageError('--issuer expects an http(s) URL', path)
  }
  if (host !== undefined && !isLoopbackHost(host)) {
    io.stderr.write(
      `warning: --host ${host} listens beyond this machine: ${host === '0.0.0.0' || host === '::' ? 'every interface, so any machine that can reach this one' : 'other machines on that network'} can read the published keys and discovery document.\n`,
    )
  }
  const running = await startIssuer(cliContext(io), {
    ...(port === undefined ? {} : { port }),
    ...(host === undefined ? {} : { host }),
    ...(issuer === undefined ? {} : { issuer }),
    ...(keys.length > 0 ? { keys } : {}),
  })
  const { status } = running
  io.stdout.write(`${status.issuer}\njwks_uri ${status.jwksUri}\n`)
  io.stderr.write(
    `Serving ${status.keys?.length ? status.keys.join(', ') : 'every stored key that signs'} on ${status.host}:${status.port ?? DEFAULT_ISSUER_PORT}; Ctrl+C stops.\n`,
  )
  await untilInterrupted(io)
  await running.close()
  return EXIT.ok
}
