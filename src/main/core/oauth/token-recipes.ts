/**
 * Custom token endpoints: recipes in the settings file (section `recipes`), run through the
 * token flows' fetch (https except loopback, no redirects, a capped answer). The token is read
 * from a JSON member, a response header (also from an error answer when the recipe accepts its
 * status) or the body, and saved as a credential for the endpoint's host with its expiry. The
 * cookie comes from the keychain or the caller, is never stored in the recipe, never echoed.
 */
import * as z from 'zod/mini'
import { WorkbenchError } from '../../../shared/errors'
import { isRecord } from '../../../shared/is-record'
import { LIMITS } from '../../../shared/limits'
import {
  tokenRecipeObject,
  type RecipeRun,
  type TokenLocation,
  type TokenRecipe,
} from '../../../shared/oauth-schemas'
import type { RecipeResult } from '../../../shared/oauth-types'
import { clip } from '../../../shared/redact'
import type { AppContext } from '../context'
import { tokenExpiry } from '../credentials/credential-store'
import { checkRemoteUrl } from '../jwks/remote-url'
import { readRecords, removeRecord, writeRecord } from '../settings/record-section'
import { oauthFetch } from './oauth-fetch'

const SECTION = 'recipes'
const RecordSchema = z.lazy(() =>
  z.safeExtend(tokenRecipeObject(), { createdAt: z.string(), updatedAt: z.string() }),
)
/** Headers that carry credentials: they come from the keychain, never from a recipe. */
const SECRET_HEADERS = new Set(['cookie', 'authorization', 'proxy-authorization'])

function records(ctx: AppContext): Record<string, TokenRecipe> {
  const all: Record<string, TokenRecipe> = {}
  for (const [name, record] of Object.entries(
    readRecords(ctx, SECTION, RecordSchema, 'token recipe'),
  )) {
    const recipe: Partial<typeof record> = { ...record }
    delete recipe.createdAt
    delete recipe.updatedAt
    all[name] = recipe as TokenRecipe
  }
  return all
}

export function listRecipes(ctx: AppContext): TokenRecipe[] {
  return Object.values(records(ctx)).sort((a, b) => a.name.localeCompare(b.name))
}

export function getRecipe(ctx: AppContext, name: string): TokenRecipe {
  const recipe = records(ctx)[name]
  if (!recipe) {
    throw new WorkbenchError(
      'ERR_CLIENT_NOT_FOUND',
      `No token recipe named "${clip(name)}". Run \`jwtw recipes list\`.`,
    )
  }
  return recipe
}

export async function saveRecipe(
  ctx: AppContext,
  recipe: TokenRecipe,
  replace = false,
): Promise<TokenRecipe> {
  checkRemoteUrl(recipe.url, 'OAUTH')
  for (const header of Object.keys(recipe.headers ?? {})) {
    if (SECRET_HEADERS.has(header.toLowerCase())) {
      throw new WorkbenchError(
        'ERR_INVALID_ARGUMENT',
        `A recipe never holds a ${header} header (the settings file is not a secret store): save the value as a credential (jwtw creds set NAME) and name it with --cookie-credential.`,
      )
    }
  }
  const existing = readRecords(ctx, SECTION, RecordSchema, 'token recipe')[recipe.name]
  if (existing && !replace) {
    throw new WorkbenchError(
      'ERR_CLIENT_EXISTS',
      `A token recipe named "${clip(recipe.name)}" exists. Remove it first, or replace it (--replace).`,
    )
  }
  const at = ctx.now().toISOString()
  const record = { ...recipe, createdAt: existing?.createdAt ?? at, updatedAt: at }
  await writeRecord(ctx, SECTION, record)
  return recipe
}

export async function removeRecipe(ctx: AppContext, name: string): Promise<void> {
  getRecipe(ctx, name)
  await removeRecord(ctx, SECTION, name)
}

/** Runs a recipe: one request, the token read where the recipe says, saved for the host. */
export async function runRecipe(run: RecipeRun, ctx: AppContext): Promise<RecipeResult> {
  const recipe = getRecipe(ctx, run.recipe)
  const cookie =
    run.cookie ??
    (recipe.cookieCredential ? await ctx.credentials.get(recipe.cookieCredential) : undefined)
  const headers: Record<string, string> = {
    accept: 'application/json, text/plain, */*',
    ...recipe.headers,
  }
  if (cookie !== undefined) headers['cookie'] = cookie.trim()
  if (
    recipe.body !== undefined &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  ) {
    headers['content-type'] = 'application/json'
  }
  const fetch = oauthFetch(ctx.remote.fetchOptions())
  const response = await fetch(recipe.url, {
    method: recipe.method,
    headers,
    ...(recipe.body !== undefined ? { body: recipe.body } : {}),
    redirect: 'manual',
  } as Parameters<typeof fetch>[1])
  const accepted = (recipe.acceptStatus ?? []).includes(response.status)
  const body = await response.text()
  if ((response.status < 200 || response.status > 299) && !accepted) {
    throw new WorkbenchError(
      'ERR_OAUTH_HTTP_STATUS',
      `${new URL(recipe.url).host} answered HTTP ${response.status}${response.status === 401 || response.status === 403 ? ': the cookie or credential was refused (expired session?)' : ''}. If this status carries the token, add it to the recipe's --accept-status.`,
    )
  }
  const token = tokenIn(recipe.tokenFrom, response.headers, body, recipe.url).trim()
  if (token === '' || token.length > LIMITS.token) {
    throw new WorkbenchError(
      'ERR_OAUTH_RESPONSE_INVALID',
      `The answer's ${describe(recipe.tokenFrom)} is ${token === '' ? 'empty' : 'over 256 KiB'}: no token.`,
    )
  }
  const expiry = tokenExpiry(token)
  const result: RecipeResult = {
    recipe: recipe.name,
    url: recipe.url,
    status: response.status,
    from: describe(recipe.tokenFrom),
    token,
    kind: expiry === undefined ? 'opaque' : 'jwt',
    ...(expiry ? { expiresAt: expiry } : {}),
  }
  if (run.save !== false) {
    await ctx.credentials.set({
      name: recipe.name,
      value: token,
      host: new URL(recipe.url).host,
      note: `token from recipe ${recipe.name} (${result.from})`,
      replace: true,
    })
    result.savedAs = recipe.name
  }
  return result
}

function describe(location: TokenLocation): string {
  return 'json' in location
    ? `json ${location.json}`
    : 'header' in location
      ? `header ${location.header}`
      : 'body'
}

function tokenIn(location: TokenLocation, headers: Headers, body: string, url: string): string {
  if ('header' in location) {
    const value = headers.get(location.header)
    if (value === null) {
      throw new WorkbenchError(
        'ERR_OAUTH_RESPONSE_INVALID',
        `${new URL(url).host} answered without a ${location.header} header.`,
      )
    }
    return value
  }
  if ('text' in location) return body
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    throw new WorkbenchError('ERR_OAUTH_NOT_JSON', `${new URL(url).host} did not answer with JSON.`)
  }
  let value: unknown = json
  for (const part of location.json.split('.')) value = isRecord(value) ? value[part] : undefined
  if (typeof value !== 'string') {
    throw new WorkbenchError(
      'ERR_OAUTH_RESPONSE_INVALID',
      `The answer has no string at ${clip(location.json)}.`,
    )
  }
  return value
}
