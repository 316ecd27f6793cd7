/**
 * Verification against a warm cached JWKS (a real HTTP server on 127.0.0.1, fetched once)
 * against the same key read from a file, in the same run: the cost of "keys from the
 * network" once they are cached. Alternating batches, median of per-pair ratios.
 * Run: npm run bench:jwks (BENCH_MS per algorithm, default 3000). Target: ratio at most 1.1.
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CompactSign } from 'jose'
import { createContext } from '../src/main/core/context'
import { createFileSettingsStore } from '../src/main/core/settings/settings-store'
import { verifyToken } from '../src/main/core/verify/verify'

const DURATION_MS = Number(process.env['BENCH_MS'] ?? 3000)
const BATCH = 20
const dir = mkdtempSync(join(tmpdir(), 'jwtw-bench-jwks-'))
const ctx = createContext({
  keychain: undefined as never,
  settings: createFileSettingsStore(dir),
  now: () => new Date(),
  warn: () => undefined,
})

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}

async function timeBatch(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < BATCH; i++) await run()
  return performance.now() - start
}

for (const [alg, pair] of [
  ['RS256', generateKeyPairSync('rsa', { modulusLength: 2048 })],
  ['ES256', generateKeyPairSync('ec', { namedCurve: 'P-256' })],
] as const) {
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'k1', alg, use: 'sig' }
  const body = JSON.stringify({ keys: [jwk] })
  let requests = 0
  const server = createServer((_req, res) => {
    requests++
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600' })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`
  const keyFile = join(dir, `${alg}.pem`)
  writeFileSync(keyFile, pair.publicKey.export({ type: 'spki', format: 'pem' }) as string)
  const token = await new CompactSign(
    new TextEncoder().encode(
      JSON.stringify({ sub: 'a', exp: Math.floor(Date.now() / 1000) + 3600 }),
    ),
  )
    .setProtectedHeader({ alg, kid: 'k1' })
    .sign(pair.privateKey)
  const fromJwks = () => verifyToken({ token, key: { jwksUrl: url } }, ctx)
  // As the CLI does with --key-file: the file is read for each verification.
  const fromFile = () =>
    verifyToken({ token, key: { keyText: readFileSync(keyFile, 'utf8') } }, ctx)
  for (const run of [fromJwks, fromFile]) {
    if (!(await run()).valid) throw new Error(`${alg}: the bench token does not verify`)
  }
  for (let i = 0; i < 10; i++) await Promise.all([timeBatch(fromJwks), timeBatch(fromFile)])
  const ratios: number[] = []
  const jwksMs: number[] = []
  const fileMs: number[] = []
  const end = performance.now() + DURATION_MS
  while (performance.now() < end) {
    const a = await timeBatch(fromJwks)
    const b = await timeBatch(fromFile)
    jwksMs.push(a / BATCH)
    fileMs.push(b / BATCH)
    ratios.push(a / b)
  }
  server.close()
  console.log(
    `${alg}: warm JWKS ${(median(jwksMs) * 1000).toFixed(0)} µs/verify, key file ${(median(fileMs) * 1000).toFixed(0)} µs/verify, ratio ${median(ratios).toFixed(3)} (target <= 1.1); requests to the JWKS server: ${requests}`,
  )
}
rmSync(dir, { recursive: true, force: true })
