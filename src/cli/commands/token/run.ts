/**
 * `jwtw token`: runs a grant through a client profile (main/core/oauth), showing where the flow
 * is on stderr (the sign-in URL, the device code) and the tokens with their verdicts on stdout.
 * It runs the service directly: the flow streams progress, which the contract's one-answer
 * shape does not fit; its request is checked by the contract's schema all the same.
 */
import * as z from 'zod/mini'
import { WorkbenchError } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'
import { tokenRequestObject, type TokenRequest } from '../../../shared/oauth-schemas'
import type { TokenFlowProgress, TokenResult, TokenVerdict } from '../../../shared/oauth-types'
import { describeInstant, describeTime } from '../../../shared/relative-time'
import { durationSeconds } from '../../../main/core/duration'
import { obtainToken, type FlowHooks } from '../../../main/core/oauth/obtain-token'
import { tokenOnUse } from '../../../main/core/oauth/token-on-use'
import { call } from '../../call-service'
import { cliContext } from '../../context'
import { EXIT, type OptionValues, type Runner } from '../../framework/spec'
import { UsageError } from '../../framework/usage-error'
import { readAll } from '../../input'
import { readSecret } from '../../secret-input'
import type { CliIo } from '../../io'
import { openBrowser } from '../../open-browser'
import { colorsFor, printJson, type Colors } from '../../output'
import type { tokenOptions } from './spec'

export const run: Runner<typeof tokenOptions> = async ({ values, positionals, path }, io) => {
  const ctx = cliContext(io)
  if (values.recipe !== undefined) return runRecipe(values, io, path)
  const profile = positionals[0] ?? (await onlyProfile(io, path))
  const file = async (name: string | undefined, what: string) =>
    name === undefined ? undefined : (await readAll(name, io, LIMITS.token, what)).trim()
  const subjectToken = await file(values['subject-token-file'], 'subject token')
  const assertion = await file(values['assertion-file'], 'assertion')
  const request = z.omit(tokenRequestObject(), { grant: true }).parse({
    profile,
    ...(values.scope ? { scope: values.scope } : {}),
    ...(values.audience ? { audience: values.audience } : {}),
    ...(values.resource ? { resource: values.resource } : {}),
    ...(subjectToken ? { subjectToken } : {}),
    ...(values['subject-token-type'] ? { subjectTokenType: values['subject-token-type'] } : {}),
    ...(assertion ? { assertion } : {}),
    ...(values.subject ? { subject: values.subject } : {}),
    ...(values.timeout
      ? { timeoutSeconds: Math.round(durationSeconds(values.timeout, 'timeout')) }
      : {}),
    ...(values['no-save'] ? { save: false } : {}),
  }) satisfies Omit<TokenRequest, 'grant'>

  const controller = new AbortController()
  const stop = io.onInterrupt(() => controller.abort())
  const hooks: FlowHooks = {
    signal: controller.signal,
    onProgress: (progress) => showProgress(progress, io),
    ...(values['no-browser'] ? {} : { openBrowser: (url: string) => openBrowser(url, io) }),
  }
  let result: TokenResult
  try {
    result =
      values.grant === undefined
        ? await tokenOnUse(request, ctx, hooks, isInteractive(io))
        : await obtainToken({ ...request, grant: values.grant }, ctx, hooks)
  } finally {
    stop()
  }
  const trusted = [result.access, result.id].every((v) => v?.verification?.valid !== false)
  if (values.json) printJson(io, result)
  else if (values.print) io.stdout.write(`${printed(result, values.print)}\n`)
  else io.stdout.write(report(result, io))
  return trusted ? EXIT.ok : EXIT.failure
}

/** --recipe: one request to a custom token endpoint. */
async function runRecipe(
  values: OptionValues<typeof tokenOptions>,
  io: CliIo,
  path: string[],
): Promise<number> {
  if (values.grant !== undefined)
    throw new UsageError('--recipe runs no OAuth grant: drop --grant', path)
  const cookie =
    values['cookie-file'] === undefined
      ? undefined
      : (await readSecret(values['cookie-file'], io, { cap: LIMITS.secret, what: 'cookie' })).trim()
  const result = await call(cliContext(io), 'recipes.run', {
    recipe: values.recipe!,
    ...(cookie ? { cookie } : {}),
    ...(values['no-save'] ? { save: false } : {}),
  })
  if (values.json) printJson(io, result)
  else if (values.print !== undefined) {
    io.stdout.write(
      `${printed({ accessToken: result.token, tokenType: 'Bearer' }, values.print)}\n`,
    )
  } else {
    const c = colorsFor(io.stdout, io.env)
    const expires = result.expiresAt
      ? describeInstant(Date.parse(result.expiresAt) / 1000, io.now())
      : 'no expiry'
    io.stdout.write(
      `${c.bold(`Token from ${result.recipe}`)}\n  ${'answer'.padEnd(14)} HTTP ${result.status}, ${result.from}\n  ${'kind'.padEnd(14)} ${result.kind}\n  ${'expires'.padEnd(14)} ${expires}\n${result.savedAs ? `  ${'saved as'.padEnd(14)} credential "${result.savedAs}" for ${new URL(result.url).host}\n` : ''}\n${result.token}\n`,
    )
  }
  return EXIT.ok
}

/** With no PROFILE, the one profile there is. */
async function onlyProfile(io: CliIo, path: string[]): Promise<string> {
  const clients = await call(cliContext(io), 'clients.list')
  if (clients.length === 1) return clients[0]!.name
  throw new UsageError(
    clients.length === 0
      ? 'no client profile yet: add one with `jwtw clients add NAME --issuer URL --client-id ID`'
      : `name the profile: one of ${clients.map((c) => c.name).join(', ')}`,
    path,
  )
}

function showProgress(progress: TokenFlowProgress, io: CliIo): void {
  const now = io.now()
  if (progress.phase === 'browser') {
    io.stderr.write(
      `Sign in in your browser. If it does not open, visit:\n  ${progress.authorizationUrl}\nWaiting for the answer on ${progress.redirectUri} (Ctrl+C to stop)...\n`,
    )
  } else if (progress.phase === 'device') {
    const expires = describeTime('exp', Date.parse(progress.expiresAt) / 1000, now)
    io.stderr.write(
      `To sign in, visit ${progress.verificationUri}\nand enter the code  ${progress.userCode}  (${expires})${progress.verificationUriComplete ? `\nor open ${progress.verificationUriComplete}` : ''}\nWaiting (Ctrl+C to stop)...\n`,
    )
  }
}

/** What --print asks for, alone on stdout. */
function printed(
  result: Pick<TokenResult, 'accessToken' | 'tokenType' | 'idToken' | 'dpop'>,
  what: string,
): string {
  const scheme = result.tokenType === 'DPoP' ? 'DPoP' : 'Bearer'
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  switch (what) {
    case 'id_token':
      if (result.idToken === undefined) {
        throw new WorkbenchError(
          'ERR_INVALID_ARGUMENT',
          'No ID token came with this token (ask for the openid scope, with the code or device grant).',
        )
      }
      return result.idToken
    case 'header':
      return `Authorization: ${scheme} ${result.accessToken}`
    case 'curl':
      return result.tokenType === 'DPoP'
        ? `curl -H ${quote(`Authorization: DPoP ${result.accessToken}`)} -H "DPoP: $(jwtw dpop --key ${result.dpop?.key ?? 'KEY'} --method GET --url URL)" URL`
        : `curl -H ${quote(`Authorization: Bearer ${result.accessToken}`)}`
    case 'env':
      return [
        `export ACCESS_TOKEN=${quote(result.accessToken)}`,
        ...(result.idToken ? [`export ID_TOKEN=${quote(result.idToken)}`] : []),
      ].join('\n')
    default:
      return result.accessToken
  }
}

function report(result: TokenResult, io: CliIo): string {
  const c = colorsFor(io.stdout, io.env)
  const now = io.now()
  const lines: Array<[string, string]> = [
    ['issuer', result.issuer],
    ['grant', result.grant === 'saved' ? 'saved token (still fresh)' : result.grant],
    ['client auth', result.authMethod],
    ['token type', result.tokenType],
  ]
  if (result.expiresAt)
    lines.push(['expires', describeInstant(Date.parse(result.expiresAt) / 1000, now)])
  if (result.scope) lines.push(['scope', result.scope])
  if (result.dpop) lines.push(['DPoP key', `${result.dpop.key} (jkt ${result.dpop.jkt})`])
  lines.push(['access token', verdictText(result.access, c)])
  if (result.id) lines.push(['ID token', verdictText(result.id, c)])
  lines.push([
    'refresh token',
    {
      saved: 'saved in the keychain',
      rotated: 'rotated: the new one replaced the old',
      kept: 'the saved one is kept',
      none: 'none',
    }[result.refreshToken],
  ])
  if (result.savedAs)
    lines.push(['saved as', `credential "${result.savedAs}" (jwtw creds get ${result.savedAs})`])
  const body = lines.map(([k, v]) => `  ${k.padEnd(14)} ${v}`).join('\n')
  const failures = [result.access, result.id]
    .flatMap((v) => v?.verification?.checks.filter((check) => !check.ok) ?? [])
    .map((check) => `  ${c.red('✗')} ${check.id}: ${check.message}`)
  return `${c.bold(`Token for ${result.profile}`)}\n${body}\n${failures.length ? `${failures.join('\n')}\n` : ''}\n${result.accessToken}\n`
}

function verdictText(verdict: TokenVerdict, c: Colors): string {
  if (verdict.verification) {
    return verdict.verification.valid
      ? `JWT, ${c.green('verified')} against the issuer's keys`
      : `JWT, ${c.red('NOT valid')} (see below)`
  }
  const active = verdict.introspection?.['active']
  const introspected =
    active === undefined
      ? ''
      : active === true
        ? ', introspection: active'
        : ', introspection: NOT active'
  return `${verdict.kind === 'opaque' ? 'opaque' : 'JWT'}${introspected}${verdict.note ? ` (${verdict.note})` : ''}`
}

/** Somebody is at a terminal to sign in (not a script reading a pipe). */
function isInteractive(io: CliIo): boolean {
  return io.stdin.isTTY === true || io.stderr.isTTY === true
}
