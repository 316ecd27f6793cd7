/** `jwtw serve`: a local OIDC issuer publishing the public keys of stored keys. */
import { DEFAULT_ISSUER_PORT, startIssuer } from '../../main/core/issuer/issuer-server'
import { cliContext } from '../context'
import { EXIT, listOf, stringOf, type Runner } from '../framework/spec'
import { UsageError } from '../framework/usage-error'

export const run: Runner = async (parsed, io) => {
  const portText = stringOf(parsed, 'port')
  let port: number | undefined
  if (portText !== undefined) {
    port = Number(portText)
    if (!/^\d+$/.test(portText) || port > 65535)
      throw new UsageError('--port expects 0-65535', parsed.path)
  }
  const issuer = stringOf(parsed, 'issuer')
  if (issuer !== undefined && !/^https?:\/\/[^\s]+$/.test(issuer)) {
    throw new UsageError('--issuer expects an http(s) URL', parsed.path)
  }
  const host = stringOf(parsed, 'host')
  const keys = listOf(parsed, 'key')
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
  await new Promise((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await running.close()
  return EXIT.ok
}
