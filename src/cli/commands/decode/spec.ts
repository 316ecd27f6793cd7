/** `jwtw decode` declared. */
import { command, exitCodes } from '../../framework/spec'
import { fileOption, jsonOption } from '../../options'

export const decodeOptions = { ...fileOption, ...jsonOption } as const

export const decodeSpec = command({
  name: 'decode',
  summary: 'find and decode every JWT in text, files or stdin, with lint findings',
  details: `Finds every JWS and JWE in the TEXT arguments (a token, an Authorization header, a cookie, a URL,
a log line), in the files named with --file, or on stdin (- or nothing). An argument is always text,
never a file name. Prints each distinct token once with its count: header, payload, times, claim
names, defects (junk glued to a token, a truncated token) and lint findings. Nothing is verified.`,
  positionals: [{ name: 'TEXT|-', variadic: true }],
  options: decodeOptions,
  exitCodes: exitCodes(
    'at least one token was found',
    'no token found (ERR_NO_TOKEN_FOUND, or ERR_JWT_MALFORMED saying what the text is), or a file could not be read',
  ),
  examples: [
    'jwtw decode "$TOKEN"',
    'jwtw decode --file access.log',
    "kubectl logs deploy/api | jwtw decode --json | jq '.[].payload.sub'",
  ],
  load: () => import('./run').then((m) => m.run),
})
