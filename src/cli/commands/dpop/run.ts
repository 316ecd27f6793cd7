/** `jwtw dpop`: a DPoP proof for one request. */
import { LIMITS } from '../../../shared/limits'
import { call } from '../../call-service'
import { cliContext } from '../../context'
import { EXIT, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { readAll } from '../../input'
import { printJson } from '../../output'
import type { dpopOptions } from './spec'

export const run: Runner<typeof dpopOptions> = async ({ values, path }, io) => {
  if (values.key === undefined || values.url === undefined) {
    throw new UsageError('a proof needs --key NAME and --url URL', path)
  }
  const accessToken =
    values['access-token-file'] === undefined
      ? undefined
      : (await readAll(values['access-token-file'], io, LIMITS.token, 'access token')).trim()
  const result = await call(cliContext(io), 'dpop.proof', {
    key: values.key,
    method: values.method ?? 'GET',
    url: values.url,
    ...(accessToken ? { accessToken } : {}),
    ...(values.nonce ? { nonce: values.nonce } : {}),
  })
  if (values.json) printJson(io, result)
  else io.stdout.write(`${result.proof}\n`)
  return EXIT.ok
}
