/** `jwtw mint`: signs a token from flags, a template and claims; prints only the token. */
import { WorkbenchError } from '../../shared/errors'
import { isTemplateName, TEMPLATE_NAMES } from '../../shared/templates'
import { mintToken } from '../../main/core/mint/mint'
import { parse } from '../args'
import { cliContext } from '../context'
import type { CliIo } from '../io'
import { EXIT } from '../io'
import { KEY_FLAGS, keySourceFromFlags, nameValue, readTextFile } from '../key-options'
import { colorsFor, UsageError } from '../output'
import { isJwsAlg, JWS_ALGS } from '../../shared/algorithms'
import { type MintRequest } from '../../shared/token-schemas'

export const MINT_USAGE = `Usage: jwtw mint [--secret S | --secret-file FILE | --key NAME | --key-file FILE]
                 [--alg ALG] [--sub S] [--iss S] [--aud S]... [--expires-in DUR]
                 [--not-before DUR|TIME] [--claim NAME=VALUE]... [--claims JSON|@FILE]
                 [--header NAME=VALUE]... [--kid KID | --no-kid] [--jti] [--no-iat]
                 [--template NAME] [--strict] [--unsecured]

Signs a JWT and prints only the token. Without a key option the secret comes from JWT_SECRET_KEY.
  --secret S           HMAC secret (UTF-8; b64:... for base64 bytes, hex:... for hex bytes)
  --secret-file FILE   read the HMAC secret from FILE
  --key NAME           a stored key
  --key-file FILE      a PEM private key or a private JWK
  --alg, --algorithm   ${JWS_ALGS.join(', ')}
  --sub, --subject S   subject; --iss S issuer; --aud S audience (repeatable)
  --expires-in DUR     30s, 15m, 24h, 7d, 4w, an ISO time, or "none"
  --not-before DUR|TIME
  --claim NAME=VALUE   a claim; VALUE is JSON when it parses, else a string (repeatable)
  --claims JSON|@FILE  claims as a JSON object, or read from FILE
  --header NAME=VALUE  a protected header field (repeatable)
  --kid KID            header kid (default: the key's kid or its RFC 7638 thumbprint)
  --no-kid             leave kid out of the header
  --jti                add a random jti
  --no-iat             leave out iat
  --template NAME      ${TEMPLATE_NAMES.join(', ')}
  --strict             refuse weak secrets (ERR_WEAK_SECRET) instead of warning
  --unsecured          alg "none", unsigned: for negative testing only`

export async function mintCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...KEY_FLAGS,
      alg: { type: 'string' },
      algorithm: { type: 'string' },
      sub: { type: 'string' },
      subject: { type: 'string' },
      iss: { type: 'string' },
      aud: { type: 'string', multiple: true },
      'expires-in': { type: 'string' },
      'not-before': { type: 'string' },
      claim: { type: 'string', multiple: true },
      claims: { type: 'string' },
      header: { type: 'string', multiple: true },
      kid: { type: 'string' },
      'no-kid': { type: 'boolean' },
      jti: { type: 'boolean' },
      'no-iat': { type: 'boolean' },
      template: { type: 'string' },
      strict: { type: 'boolean' },
      unsecured: { type: 'boolean' },
    },
    MINT_USAGE,
  )
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]!.slice(0, 40)}"`, MINT_USAGE)
  }
  const request: MintRequest = {}
  const alg = values.alg ?? values.algorithm
  if (alg !== undefined) {
    if (alg.toLowerCase() === 'none') {
      throw new UsageError('alg none is only available through --unsecured', MINT_USAGE)
    }
    if (!isJwsAlg(alg)) throw new UsageError(`unknown algorithm "${alg.slice(0, 20)}"`, MINT_USAGE)
    request.alg = alg
  }
  if (values.template !== undefined) {
    if (!isTemplateName(values.template)) {
      throw new UsageError(`unknown template "${values.template.slice(0, 40)}"`, MINT_USAGE)
    }
    request.template = values.template
  }
  const sub = values.sub ?? values.subject
  if (sub !== undefined) request.sub = sub
  if (values.iss !== undefined) request.iss = values.iss
  if (values.aud !== undefined) request.aud = values.aud
  if (values['expires-in'] !== undefined) {
    request.expiresIn = values['expires-in'] === 'none' ? null : values['expires-in']
  }
  if (values['not-before'] !== undefined) request.notBefore = values['not-before']
  if (values['no-kid']) {
    if (values.kid !== undefined)
      throw new UsageError('--kid and --no-kid exclude each other', MINT_USAGE)
    request.kid = null
  } else if (values.kid !== undefined) request.kid = values.kid
  if (values.jti) request.jti = true
  if (values['no-iat']) request.iat = false
  if (values.strict) request.strict = true

  const claims: Record<string, unknown> = {}
  if (values.claims !== undefined) Object.assign(claims, await claimsObject(values.claims))
  for (const text of values.claim ?? []) {
    const { name, value } = nameValue(text, '--claim', MINT_USAGE)
    claims[name] = value
  }
  if (Object.keys(claims).length > 0) request.claims = claims
  const header: Record<string, unknown> = {}
  for (const text of values.header ?? []) {
    const { name, value } = nameValue(text, '--header', MINT_USAGE)
    header[name] = value
  }
  if (Object.keys(header).length > 0) request.header = header

  if (values.unsecured) request.unsecured = true
  else request.key = await keySourceFromFlags(values, io.env, MINT_USAGE)

  const result = await mintToken(request, cliContext(io))
  const c = colorsFor(io.stderr, io.env)
  for (const warning of result.warnings) {
    io.stderr.write(`${c.yellow('warning')}: ${warning.message}\n`)
  }
  io.stdout.write(`${result.token}\n`)
  return EXIT.ok
}

async function claimsObject(text: string): Promise<Record<string, unknown>> {
  const source = text.startsWith('@') ? await readTextFile(text.slice(1), 'claims file') : text
  let parsed: unknown
  try {
    parsed = JSON.parse(source)
  } catch {
    parsed = undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    // Inline JSON is an argument (exit 2); a file's content is configuration (exit 1).
    if (!text.startsWith('@')) throw new UsageError('--claims must be a JSON object', MINT_USAGE)
    throw new WorkbenchError('ERR_INVALID_CLAIMS', `${text.slice(1)} does not hold a JSON object.`)
  }
  return parsed as Record<string, unknown>
}
