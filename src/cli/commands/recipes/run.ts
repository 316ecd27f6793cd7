/** `jwtw recipes ...`: custom token endpoints, kept in the settings file (never a cookie). */
import { TokenRecipeSchema, type TokenLocation } from '../../../shared/oauth-schemas'
import { call } from '../../call-service'
import { cliContext } from '../../context'
import { EXIT, type NoOptions, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { colorsFor, printJson, table } from '../../output'
import type { jsonOption } from '../../options'
import type { recipesAddOptions } from './spec'

export const add: Runner<typeof recipesAddOptions> = async ({ values, positionals, path }, io) => {
  if (values.url === undefined) throw new UsageError('a recipe needs --url URL', path)
  const locations: TokenLocation[] = [
    ...(values['token-json'] ? [{ json: values['token-json'] }] : []),
    ...(values['token-header'] ? [{ header: values['token-header'] }] : []),
    ...(values['token-body'] ? [{ text: true as const }] : []),
  ]
  if (locations.length !== 1) {
    throw new UsageError(
      'say where the token is: one of --token-json PATH, --token-header NAME, --token-body',
      path,
    )
  }
  const headers: Record<string, string> = {}
  for (const line of values.header) {
    const at = line.indexOf(':')
    if (at < 1) throw new UsageError(`--header takes "NAME: VALUE", not "${line}"`, path)
    headers[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  const statuses = values['accept-status'].map(Number)
  if (statuses.some((s) => !Number.isInteger(s)))
    throw new UsageError('--accept-status takes an HTTP status', path)
  const recipe = TokenRecipeSchema.parse({
    name: positionals[0],
    method: values.method ?? 'POST',
    url: values.url,
    ...(values.header.length > 0 ? { headers } : {}),
    ...(values['cookie-credential'] ? { cookieCredential: values['cookie-credential'] } : {}),
    ...(values.body !== undefined ? { body: values.body } : {}),
    tokenFrom: locations[0],
    ...(statuses.length > 0 ? { acceptStatus: statuses } : {}),
  })
  await call(cliContext(io), 'recipes.save', {
    recipe,
    ...(values.replace ? { replace: true } : {}),
  })
  io.stdout.write(`saved recipe ${recipe.name} (jwtw token --recipe ${recipe.name})\n`)
  return EXIT.ok
}

export const list: Runner<typeof jsonOption> = async ({ values }, io) => {
  const recipes = await call(cliContext(io), 'recipes.list')
  if (values.json) {
    printJson(io, recipes)
    return EXIT.ok
  }
  if (recipes.length === 0) {
    io.stdout.write(
      'No token recipes. Add one with `jwtw recipes add NAME --url URL --token-json PATH`.\n',
    )
    return EXIT.ok
  }
  const c = colorsFor(io.stdout, io.env)
  const where = (r: (typeof recipes)[number]) =>
    'json' in r.tokenFrom
      ? `json ${r.tokenFrom.json}`
      : 'header' in r.tokenFrom
        ? `header ${r.tokenFrom.header}`
        : 'body'
  const rows = recipes.map((r) => [r.name, r.method, r.url, r.cookieCredential ?? '', where(r)])
  io.stdout.write(`${table(['NAME', 'METHOD', 'URL', 'COOKIE FROM', 'TOKEN IN'], rows, c)}\n`)
  return EXIT.ok
}

export const remove: Runner<NoOptions> = async ({ positionals }, io) => {
  await call(cliContext(io), 'recipes.remove', positionals[0]!)
  io.stdout.write(`removed ${positionals[0]}\n`)
  return EXIT.ok
}
