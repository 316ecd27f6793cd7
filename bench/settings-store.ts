/**
 * Cost of the settings store's guarantees (re-read on every access, lock + atomic write) against
 * the plain reference in the same run: JSON.parse(readFileSync) for reads, writeFileSync for
 * writes. The document holds 50 keys with public JWKs, about the size a busy user reaches.
 * Run: npx esbuild bench/settings-store.ts --bundle --platform=node --format=esm
 *   --packages=external --outfile=bench/.work/settings.mjs && node bench/.work/settings.mjs
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFileSettingsStore } from '../src/main/core/settings/settings-store'

const DURATION_MS = Number(process.env['BENCH_MS'] ?? 2000)
const BATCH = 20

async function opsPerSecond(run: () => unknown, a: { ops: number; ms: number }): Promise<void> {
  const started = performance.now()
  for (let i = 0; i < BATCH; i++) await run()
  a.ms += performance.now() - started
  a.ops += BATCH
}

/** Alternating batches so load from other processes falls on both sides alike. */
async function paired(store: () => unknown, reference: () => unknown) {
  const s = { ops: 0, ms: 0 }
  const r = { ops: 0, ms: 0 }
  const end = performance.now() + DURATION_MS
  while (performance.now() < end) {
    await opsPerSecond(store, s)
    await opsPerSecond(reference, r)
  }
  return { store: (s.ops / s.ms) * 1000, reference: (r.ops / r.ms) * 1000 }
}

const dir = mkdtempSync(join(tmpdir(), 'jwtw-bench-settings-'))
const refPath = join(dir, 'reference.json')
const store = createFileSettingsStore(dir)
const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' })
const keys: Record<string, unknown> = {}
for (let i = 0; i < 50; i++) {
  keys[`key-${i}`] = {
    name: `key-${i}`,
    alg: 'ES256',
    versions: [{ kid: `k${i}`, publicJwk: jwk }],
  }
}
await store.set('keys', keys as never)
writeFileSync(refPath, readFileSync(store.path))
const text = readFileSync(store.path, 'utf8')
console.log(`settings document: ${text.length} bytes`)

const reads = await paired(
  () => void store.get('keys'),
  () => void (JSON.parse(readFileSync(refPath, 'utf8')) as Record<string, unknown>)['keys'],
)
let n = 0
const writes = await paired(
  () => store.update('counter', () => n++),
  () => writeFileSync(refPath, JSON.stringify({ ...keys, counter: n++ })),
)
for (const [label, r] of [
  ['read (conf, re-read every access)', reads],
  ['update (async lock + read + atomic write + fsync)', writes],
] as const) {
  console.log(
    `${label}: ${r.store.toFixed(0)} ops/s vs reference ${r.reference.toFixed(0)} ops/s = ${(r.store / r.reference).toFixed(2)}x`,
  )
}
rmSync(dir, { recursive: true, force: true })
