/** Tokens and wordlists for the audit tests. */
import { createHmac } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function hsToken(secret: string | Uint8Array, alg: 'HS256' | 'HS384' | 'HS512' = 'HS256') {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const input = `${b64({ alg, typ: 'JWT' })}.${b64({ sub: 'audit-test' })}`
  const sig = createHmac(`sha${alg.slice(2)}`, secret)
    .update(input)
    .digest('base64url')
  return `${input}.${sig}`
}

export const RS256_TOKEN =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.' +
  Buffer.alloc(256, 7).toString('base64url')

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'jwtw-audit-'))
}

/** A wordlist of `count` filler lines with `last` as the final line. */
export function writeWordlist(dir: string, name: string, count: number, last: string, eol = '\n') {
  const lines = Array.from({ length: count - 1 }, (_, i) => `filler-${i}-${(i * 31) % 997}`)
  lines.push(last)
  const path = join(dir, name)
  writeFileSync(path, lines.join(eol) + eol)
  return path
}
