/** `jwtw scan` declared. */
import { command, exitCodes, flag, list, text } from '../../framework/spec'
import { fetchOptions, jsonOption, keyOptions, remoteKeyOptions } from '../../options'
import { FAIL_ON_NAMES } from './fail-on'

export const scanOptions = {
  ...keyOptions,
  ...remoteKeyOptions,
  trusted: flag("verify each token with its issuer's keys when the issuer is trusted"),
  decrypt: flag('decrypt each unique encrypted token (JWE) once, with every stored encryption key'),
  'decrypt-key': text('NAME', 'decrypt each unique JWE once with this stored encryption key'),
  ...fetchOptions,
  ...jsonOption,
  ndjson: flag('one JSON line per new unique token, then a summary line'),
  'show-tokens': flag('print the tokens themselves (they are credentials)'),
  follow: flag('keep reading files as they grow, until Ctrl+C', { short: 'f' }),
  'fail-on': list('LIST', `exit 1 when a token is: ${FAIL_ON_NAMES.join(', ')}`),
} as const

export const scanSpec = command({
  name: 'scan',
  summary: 'find every JWT in logs of any size: counts, expiry, issuers, verification',
  details: `Reads FILEs (.gz read transparently) or stdin (- or nothing) in constant memory, both cores on a
large file, and reports every unique token once: how often and on which lines, alg, kid, iss, sub,
aud, client, scope, expiry at scan time, lint findings and, with a key source or --trusted (the
keys of each token's trusted issuer), whether it verifies; with --decrypt or --decrypt-key each
unique JWE is decrypted once and its inner token verified. Tokens are shown redacted (a prefix, the
length and the sha256) unless --show-tokens. A run too long for any token is reported (line, size)
and the scan goes on; a truncated token (a header and dots) is counted, not listed. The summary
groups tokens by issuer and kid; --json prints one object at the end, --ndjson one line per new
unique token as it is found, then a summary line. --follow keeps reading growing files (tail -F);
Ctrl+C prints the summary so far. Progress shows on a terminal for inputs over 100 MB.`,
  positionals: [{ name: 'FILE|-', variadic: true, optional: true, complete: 'file' }],
  options: scanOptions,
  exitCodes: exitCodes(
    'the scan completed (whatever it found)',
    'a --fail-on condition holds, or an input could not be read (the others were scanned)',
    { 130: 'interrupted (Ctrl+C) without --follow; the summary so far was printed' },
  ),
  examples: [
    'jwtw scan access.log',
    'jwtw scan /var/log/nginx/access.log.*.gz --trusted',
    'kubectl logs -f deploy/api | jwtw scan - --ndjson',
    'jwtw scan build.log --fail-on expired,none,long-lived,oversized',
  ],
  load: () => import('./run').then((m) => m.run),
})
