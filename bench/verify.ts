/**
 * Verify throughput: our verify service against jose's jwtVerify in the same process, for
 * HS256, RS256, ES256 and EdDSA. Keys are resolved once on both sides (as a long-running
 * verifier would); both verify the same rotation of distinct tokens from one signer (each
 * with its own subject and jti, so nothing about a token can be remembered from its last
 * verify); batches alternate between the two so drift hits both alike. Each number is the
 * median over several fresh processes (BENCH_RUNS, default 5; BENCH_MS per algorithm each).
 * Run: npm run bench
 */
import { spawnSync } from 'node:child_process'
import { generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { jwtVerify } from 'jose'
import { createContext } from '../src/main/core/context'
import { decodeToken } from '../src/shared/token-decode'
import { keysFromText, resolveLocalKeys } from '../src/main/core/keys/key-source'
import { lintToken } from '../src/shared/token-lint'
import { mintToken } from '../src/main/core/mint/mint'
import { verifyWithKeys } from '../src/main/core/verify/verify'
import { prepareOptions } from '../src/main/core/verify/verify-options'
import type { JwsAlg } from '../src/shared/algorithms'

const DURATION_MS = positiveSetting('BENCH_MS', 3000)
const BATCH = 25
type JoseKey = Parameters<typeof jwtVerify>[1] & (KeyObject | Uint8Array | object)
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789'
const TOKENS = 64
const RUNS = positiveSetting('BENCH_RUNS', 5)
const ALGS = ['HS256', 'RS256', 'ES256', 'EdDSA'] as const satisfies readonly JwsAlg[]

/** A whole number above 0 from the environment, or the default. */
function positiveSetting(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined) return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a whole number above 0, got "${text.slice(0, 20)}"`)
  }
  return value
}

// Secrets and key text only: no keychain or settings file is ever touched.
const ctx = createContext({
  keychain: undefined as never,
  settings: undefined as never,
  now: () => new Date(),
  warn: () => undefined,
})

/**
 * Ops per second of `a` and `b`, and the time `b` takes per op relative to `a`, measured in
 * alternating small batches so that load from other processes (this machine is shared)
 * falls on both sides alike. Rates come from each side's median batch; the relative time is
 * the median of the per-pair ratios, so a stall or a drift in machine speed does not decide it.
 */
async function paired(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<{ aOps: number; bOps: number; bOverA: number }> {
  const time = async (run: () => Promise<unknown>) => {
    const start = performance.now()
    for (let i = 0; i < BATCH; i++) await run()
    return performance.now() - start
  }
  for (let i = 0; i < 20; i++) await Promise.all([time(a), time(b)]) // warm-up
  const aMs: number[] = []
  const bMs: number[] = []
  const ratios: number[] = []
  const end = performance.now() + DURATION_MS
  while (performance.now() < end) {
    const aTime = await time(a)
    const bTime = await time(b)
    aMs.push(aTime)
    bMs.push(bTime)
    ratios.push(bTime / aTime)
  }
  return {
    aOps: (BATCH * 1000) / median(aMs),
    bOps: (BATCH * 1000) / median(bMs),
    bOverA: median(ratios),
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.floor(sorted.length / 2)]!
}

function pem(kind: 'rsa' | 'ec' | 'ed25519'): { privatePem: string; publicKey: KeyObject } {
  const pair =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519')
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKey: pair.publicKey,
  }
}

/** Distinct tokens from one key: the same header, each payload its own. */
async function tokensFrom(key: { secret: string } | { keyText: string }, alg: JwsAlg) {
  const tokens: string[] = []
  for (let i = 0; i < TOKENS; i++) {
    const claims = { key, alg, sub: `user-${i}`, jti: true, expiresIn: '1h' }
    tokens.push((await mintToken(claims, ctx)).token)
  }
  return tokens
}

/** A function that hands out the tokens in turn. */
function rotation(tokens: string[]): () => string {
  let next = 0
  return () => tokens[next++ % tokens.length]!
}

async function caseFor(alg: JwsAlg) {
  if (alg === 'HS256') {
    const tokens = await tokensFrom({ secret: SECRET }, alg)
    const keys = await resolveLocalKeys({ type: 'secret', secret: SECRET }, ctx, 'verify')
    // The fair reference: jose with the secret already imported, as our layer caches it.
    const bytes = new TextEncoder().encode(SECRET)
    const joseKey = await webcrypto.subtle.importKey(
      'raw',
      bytes,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    )
    return { tokens, keys, joseKey: joseKey as JoseKey, joseRawKey: bytes as JoseKey }
  }
  const pair = pem(alg === 'RS256' ? 'rsa' : alg === 'ES256' ? 'ec' : 'ed25519')
  const tokens = await tokensFrom({ keyText: pair.privatePem }, alg)
  const keys = await keysFromText(pair.publicKey.export({ type: 'spki', format: 'pem' }) as string)
  // jose caches the KeyObject -> CryptoKey conversion itself.
  return { tokens, keys, joseKey: pair.publicKey as JoseKey, joseRawKey: undefined }
}

interface Measured {
  alg: JwsAlg
  joseOps: number
  oursOps: number
  /** Extra time per verify through our service, as a fraction of jose's. */
  overhead: number
  decodeLintMicros: number
  /** HS256 only: against jose given the raw secret bytes, as its docs show. */
  rawRatio?: number
}

/** One process's measurements, one JSON line per algorithm. */
async function measureAll(): Promise<void> {
  for (const alg of ALGS) {
    const { tokens, keys, joseKey, joseRawKey } = await caseFor(alg)
    const options = prepareOptions({}, new Date())
    for (const token of tokens) {
      const r = await verifyWithKeys(token, keys, options)
      if (!r.valid) throw new Error(`bench token invalid: ${JSON.stringify(r.checks)}`)
    }
    // Called as bare as jose is: no wrapper of our own around the call being measured.
    const ourNext = rotation(tokens)
    const ours = () => verifyWithKeys(ourNext(), keys, options)
    const joseNext = rotation(tokens)
    const jose = () => jwtVerify(joseNext(), joseKey, { algorithms: [alg] })
    const { aOps, bOps, bOverA } = await paired(jose, ours)
    // The decode + lint pass verify runs on every token (the issue asks lint on every verify).
    const decodeStart = performance.now()
    for (let i = 0; i < 2000; i++) {
      const now = new Date()
      lintToken(decodeToken(tokens[i % TOKENS]!, now, { display: false }), { now })
    }
    const measured: Measured = {
      alg,
      joseOps: aOps,
      oursOps: bOps,
      overhead: bOverA - 1,
      decodeLintMicros: ((performance.now() - decodeStart) * 1000) / 2000,
    }
    if (joseRawKey !== undefined) {
      const rawNext = rotation(tokens)
      const raw = await paired(() => jwtVerify(rawNext(), joseRawKey, { algorithms: [alg] }), ours)
      measured.rawRatio = 1 / raw.bOverA
    }
    console.log(JSON.stringify(measured))
  }
}

/**
 * Runs the measurement in RUNS fresh processes and reports each algorithm's median and range:
 * how much of our work hides behind the signature check on the crypto thread (where the
 * kernel runs the two threads, how cold the caches are between calls) differs from process
 * to process and moves the short HMAC numbers most.
 */
function measureInProcesses(): void {
  const results: Measured[] = []
  for (let run = 1; run <= RUNS; run++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_CHILD: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    if (child.status !== 0) throw new Error(`bench run ${run} failed (exit ${child.status})`)
    const lines = child.stdout.trim().split('\n')
    results.push(...lines.map((line) => JSON.parse(line) as Measured))
    process.stderr.write(`run ${run}/${RUNS}: ${lines.length} algorithms measured\n`)
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`
  const rows = [['alg', 'jose ops/s', 'ours ops/s', 'overhead (median)', 'per run']]
  const notes: string[] = []
  for (const alg of ALGS) {
    const runs = results.filter((r) => r.alg === alg)
    const overheads = runs.map((r) => r.overhead)
    const joseOps = median(runs.map((r) => r.joseOps))
    const oursOps = median(runs.map((r) => r.oursOps))
    rows.push([
      alg,
      joseOps.toFixed(0),
      oursOps.toFixed(0),
      pct(median(overheads)),
      overheads.map((o) => (o * 100).toFixed(1)).join(' '),
    ])
    notes.push(
      `${alg}: jose ${(1e6 / joseOps).toFixed(0)} µs/verify, ours ${(1e6 / oursOps).toFixed(0)} µs/verify, of which decode + lint ${median(runs.map((r) => r.decodeLintMicros)).toFixed(1)} µs`,
    )
    const raw = runs.flatMap((r) => (r.rawRatio === undefined ? [] : [r.rawRatio]))
    if (raw.length > 0) {
      notes.push(
        `${alg} against jose given the raw secret bytes (imported on every call, as its docs show): ours/jose ${median(raw).toFixed(3)}`,
      )
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '))
  console.log(
    `\noverhead = extra time per verify through our service, median of ${RUNS} processes (target: under 25 %)`,
  )
  for (const note of notes) console.log(note)
}

if (process.env['BENCH_CHILD'] === undefined) measureInProcesses()
else await measureAll()
