/** `jwtw clients ...`: OAuth client profiles; the client secret goes to the keychain only. */
import { LIMITS } from '../../../shared/limits'
import { ClientProfileSchema, type ClientProfile } from '../../../shared/oauth-schemas'
import { usesClientSecret, type ClientAuthMethod } from '../../../shared/oauth-names'
import type { ClientSummary } from '../../../shared/oauth-types'
import { call } from '../../call-service'
import { cliContext } from '../../context'
import { EXIT, type NoOptions, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { colorsFor, printJson, table } from '../../output'
import { readSecret } from '../../secret-input'
import type { jsonOption } from '../../options'
import type { clientsAddOptions } from './spec'

export const add: Runner<typeof clientsAddOptions> = async ({ values, positionals, path }, io) => {
  const name = positionals[0]!
  if (values.issuer === undefined || values['client-id'] === undefined) {
    throw new UsageError('a profile needs --issuer URL and --client-id ID', path)
  }
  const authMethod: ClientAuthMethod =
    values.auth ??
    (values['signing-key'] !== undefined
      ? 'private_key_jwt'
      : values['secret-file'] !== undefined
        ? 'client_secret_basic'
        : 'none')
  const extraParams: Record<string, string> = {}
  for (const pair of values.param) {
    const at = pair.indexOf('=')
    if (at < 1) throw new UsageError(`--param takes NAME=VALUE, not "${pair}"`, path)
    extraParams[pair.slice(0, at)] = pair.slice(at + 1)
  }
  const profile: ClientProfile = ClientProfileSchema.parse({
    name,
    issuer: values.issuer,
    clientId: values['client-id'],
    authMethod,
    ...(values['signing-key'] ? { signingKey: values['signing-key'] } : {}),
    ...(values['redirect-uri'] ? { redirectUri: values['redirect-uri'] } : {}),
    ...(values.scope ? { scope: values.scope } : {}),
    ...(values.audience ? { audience: values.audience } : {}),
    ...(values.resource ? { resource: values.resource } : {}),
    ...(values.param.length > 0 ? { extraParams } : {}),
    ...(values['dpop-key'] ? { dpopKey: values['dpop-key'] } : {}),
    ...(values.par ? { par: true } : {}),
    ...(values.introspect ? { introspect: true } : {}),
  })
  let clientSecret: string | undefined
  if (usesClientSecret(authMethod) && (values['secret-file'] !== undefined || !values.replace)) {
    clientSecret = await readSecret(values['secret-file'] ?? '-', io, {
      cap: LIMITS.secret,
      what: 'client secret',
      prompt: `Client secret of ${values['client-id']} (not shown): `,
    })
  } else if (values['secret-file'] !== undefined) {
    throw new UsageError(`${authMethod} uses no client secret`, path)
  }
  const saved = await call(cliContext(io), 'clients.add', {
    profile,
    ...(clientSecret ? { clientSecret } : {}),
    ...(values.replace ? { replace: true } : {}),
  })
  io.stdout.write(
    `saved client profile ${saved.name} (${saved.authMethod}${saved.secret === 'present' ? ', secret in the keychain' : ''})\n`,
  )
  return EXIT.ok
}

export const list: Runner<typeof jsonOption> = async ({ values }, io) => {
  const clients = await call(cliContext(io), 'clients.list')
  if (values.json) {
    printJson(io, clients)
    return EXIT.ok
  }
  if (clients.length === 0) {
    io.stdout.write(
      'No client profiles. Add one with `jwtw clients add NAME --issuer URL --client-id ID`.\n',
    )
    return EXIT.ok
  }
  const c = colorsFor(io.stdout, io.env)
  const rows = clients.map((p) => [
    p.name,
    p.issuer,
    p.clientId,
    p.authMethod,
    secretText(p, c),
    p.refreshToken ? 'saved' : '',
    p.dpopKey ?? '',
  ])
  io.stdout.write(
    `${table(['NAME', 'ISSUER', 'CLIENT', 'AUTH', 'SECRET', 'REFRESH', 'DPOP KEY'], rows, c)}\n`,
  )
  return EXIT.ok
}

export const show: Runner<typeof jsonOption> = async ({ values, positionals }, io) => {
  const p = await call(cliContext(io), 'clients.get', positionals[0]!)
  if (values.json) {
    printJson(io, p)
    return EXIT.ok
  }
  const c = colorsFor(io.stdout, io.env)
  const lines: Array<[string, string | undefined]> = [
    ['issuer', p.issuer],
    ['client id', p.clientId],
    ['authentication', p.authMethod],
    ['client secret', secretText(p, c)],
    ['signing key', p.signingKey],
    ['redirect URI', p.redirectUri],
    ['scope', p.scope],
    ['audience', p.audience],
    ['resource', p.resource],
    [
      'parameters',
      p.extraParams
        ? Object.entries(p.extraParams)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : undefined,
    ],
    ['DPoP key', p.dpopKey],
    ['PAR', p.par ? 'always' : undefined],
    ['introspection', p.introspect ? 'on' : undefined],
    ['refresh token', p.refreshToken ? 'saved in the keychain' : 'none'],
  ]
  io.stdout.write(`${c.bold(p.name)}\n`)
  for (const [label, value] of lines) {
    if (value !== undefined && value !== '') io.stdout.write(`  ${label.padEnd(15)} ${value}\n`)
  }
  return EXIT.ok
}

export const remove: Runner<NoOptions> = async ({ positionals }, io) => {
  await call(cliContext(io), 'clients.remove', positionals[0]!)
  io.stdout.write(`removed ${positionals[0]}\n`)
  return EXIT.ok
}

function secretText(p: ClientSummary, c: ReturnType<typeof colorsFor>): string {
  return p.secret === 'present' ? 'in keychain' : p.secret === 'missing' ? c.red('missing') : '-'
}
