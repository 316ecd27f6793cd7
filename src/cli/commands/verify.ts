/** `jwtw verify`: checks a token's signature and claims and lists every check. */
import { WorkbenchError } from '../../shared/errors'
import type { VerifyResult } from '../../shared/verify-types'
import { verifyToken } from '../../main/core/verify/verify'
import { parse } from '../args'
import { cliContext } from '../context'
import { readStdin } from '../stdin'
import type { CliIo } from '../io'
import { EXIT } from '../io'
import { KEY_FLAGS, keySourceFromFlags, nameValue } from '../key-options'
import { colorsFor, UsageError } from '../output'
import { LIMITS } from '../../shared/limits'
import { isJwsAlg, JWS_ALGS, type JwsAlg } from '../../shared/algorithms'
import { type VerifyOptions } from '../../shared/token-schemas'

export const VERIFY_USAGE = `Usage: jwtw verify [TOKEN|-] (--secret S | --secret-file FILE | --key NAME | --key-file FILE)
                   [--alg ALG]... [--iss S] [--aud S] [--sub S] [--require NAME[=VALUE]]...
                   [--clock-tolerance DUR] [--at TIME] [--max-age DUR] [--typ TYP] [--kid KID]
                   [--jws] [--json]

Verifies a JWS token (read from stdin when TOKEN is - or missing) and lists every check.
Exit 0 when valid, 1 when invalid or the key is unusable, 2 for bad arguments.
  --secret S, --secret-file FILE   HMAC secret (b64:/hex: prefixes); default JWT_SECRET_KEY
  --key NAME                       a stored key
  --key-file FILE                  PEM (SPKI, certificate, PKCS#1, PKCS#8), JWK or JWKS
  --alg ALG                        allowed algorithm (repeatable): ${JWS_ALGS.join(', ')}
  --iss S, --aud S, --sub S        expected issuer, audience, subject
  --require NAME[=VALUE]           claim that must be present (and equal VALUE) (repeatable)
  --clock-tolerance DUR            leeway for exp/nbf, e.g. 30s
  --at TIME                        verify as of TIME (ISO 8601 or epoch seconds)
  --max-age DUR                    maximum age since iat
  --typ TYP                        expected header typ
  --kid KID                        pick this key from a JWKS
  --jws                            verify a JWS whose payload need not be a JWT claims set
                                   (text, bytes); claims are still checked when it is one
  --json                           print the verification result as JSON`

export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...KEY_FLAGS,
      alg: { type: 'string', multiple: true },
      algorithm: { type: 'string', multiple: true },
      iss: { type: 'string' },
      aud: { type: 'string', multiple: true },
      sub: { type: 'string' },
      subject: { type: 'string' },
      require: { type: 'string', multiple: true },
      'clock-tolerance': { type: 'string' },
      at: { type: 'string' },
      'max-age': { type: 'string' },
      typ: { type: 'string' },
      kid: { type: 'string' },
      jws: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    VERIFY_USAGE,
  )
  if (positionals.length > 1) {
    throw new UsageError(`unexpected argument "${positionals[1]!.slice(0, 40)}"`, VERIFY_USAGE)
  }
  const options: VerifyOptions = {}
  const algs = [...(values.alg ?? []), ...(values.algorithm ?? [])]
  if (algs.length > 0) {
    const bad = algs.find((a) => !isJwsAlg(a))
    if (bad !== undefined)
      throw new UsageError(`unknown algorithm "${bad.slice(0, 20)}"`, VERIFY_USAGE)
    options.algorithms = algs as JwsAlg[]
  }
  if (values.iss !== undefined) options.issuer = values.iss
  if (values.aud !== undefined)
    options.audience = values.aud.length === 1 ? values.aud[0]! : values.aud
  const sub = values.sub ?? values.subject
  if (sub !== undefined) options.subject = sub
  if (values.require !== undefined) {
    options.require = values.require.map((r) => nameValue(r, '--require', VERIFY_USAGE, false))
  }
  if (values['clock-tolerance'] !== undefined) options.clockTolerance = values['clock-tolerance']
  if (values.at !== undefined) options.at = values.at
  if (values['max-age'] !== undefined) options.maxAge = values['max-age']
  if (values.typ !== undefined) options.typ = values.typ
  if (values.kid !== undefined) options.kid = values.kid
  if (values.jws) options.kind = 'jws'

  const key = await keySourceFromFlags(values, io.env, VERIFY_USAGE)
  const positional = positionals[0]
  const token =
    positional === undefined || positional === '-'
      ? await readStdin(io.stdin, LIMITS.text)
      : positional
  if (token.trim() === '') {
    throw new WorkbenchError(
      'ERR_NO_TOKEN_FOUND',
      'No token given: pass it as an argument or on stdin.',
    )
  }
  const result = await verifyToken({ token: token.trim(), key, options }, cliContext(io))
  if (values.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  else printResult(result, io)
  if (result.valid) return EXIT.ok
  const first = result.checks.find((c) => !c.ok && !c.skipped) ?? result.checks.find((c) => !c.ok)
  const c = colorsFor(io.stderr, io.env)
  io.stderr.write(
    `${c.red(first?.code ?? 'ERR_JWS_INVALID')}: token invalid: ${first?.message ?? ''}\n`,
  )
  return EXIT.failure
}

function printResult(result: VerifyResult, io: CliIo): void {
  const c = colorsFor(io.stdout, io.env)
  const lines = [result.valid ? c.green(c.bold('valid')) : c.red(c.bold('invalid'))]
  for (const check of result.checks) {
    const mark = check.ok ? c.green('ok  ') : check.skipped ? c.dim('skip') : c.red('FAIL')
    const code = check.ok || !check.code ? '' : `${c.red(check.code)} `
    lines.push(`  ${mark} ${check.id.padEnd(12)} ${code}${check.message}`)
  }
  for (const finding of result.lint ?? []) {
    const paint =
      finding.severity === 'error' ? c.red : finding.severity === 'warning' ? c.yellow : c.dim
    lines.push(`  ${paint(`lint ${finding.severity}`)} ${finding.code}: ${finding.message}`)
  }
  if (result.key) {
    const k = result.key
    lines.push(
      c.dim(
        `key: ${k.detail} (${k.kind}, ${k.origin})${k.kid ? ` kid ${k.kid}` : ''}${k.thumbprint ? ` thumbprint ${k.thumbprint}` : ''}`,
      ),
    )
  }
  io.stdout.write(`${lines.join('\n')}\n`)
}
