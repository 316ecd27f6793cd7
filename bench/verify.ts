/**
 * Verify throughput: our verify service against jose's jwtVerify in the same process, for
 * HS256, RS256, ES256 and EdDSA. Keys are resolved once on both sides (as a long-running
 * verifier would); both verify the same rotation of distinct tokens from one signer (each
 * with its own subject and jti, so nothing about a token can be remembered from its last
 * verify); batches alternate between the two so drift hits both alike.
 * Run: npm run bench
 */
import { generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto'
import { jwtVerify } from 'jose'
import type { AppContext } from '../src/main/context'
import { decodeToken } from '../src/main/services/decode'
import { keysFromText, resolveKeySource } from '../src/main/services/key-source'
import { lintToken } from '../src/main/services/lint'
import { mintToken } from '../src/main/services/mint'
import { prepareOptions, verifyWithKeys } from '../src/main/services/verify'
import type { JwsAlg } from '../src/shared/key-types'

const DURATION_MS = Number(process.env['BENCH_MS'] ?? 3000)
const BATCH = 25
type JoseKey = Parameters<typeof jwtVerify>[1] & (KeyObject | Uint8Array | object)
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789'
const TOKENS = 64

const ctx = {
  now: () => new Date(),
  settingsDir: '/nonexistent',
  keychain: undefined as never,
} satisfies AppContext

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
    const keys = await resolveKeySource({ type: 'secret', secret: SECRET }, ctx, 'verify')
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

const rows: string[][] = [['alg', 'jose ops/s', 'ours ops/s', 'ours/jose', 'overhead']]
const notes: string[] = []
for (const alg of ['HS256', 'RS256', 'ES256', 'EdDSA'] as const) {
  const { tokens, keys, joseKey, joseRawKey } = await caseFor(alg)
  const options = prepareOptions({}, new Date())
  const ourNext = rotation(tokens)
  const ours = async () => {
    const r = await verifyWithKeys(ourNext(), keys, options)
    if (!r.valid) throw new Error(`bench token invalid: ${JSON.stringify(r.checks)}`)
  }
  const joseNext = rotation(tokens)
  const jose = () => jwtVerify(joseNext(), joseKey, { algorithms: [alg] })
  const { aOps: j, bOps: o, bOverA } = await paired(jose, ours)
  rows.push([
    alg,
    j.toFixed(0),
    o.toFixed(0),
    (1 / bOverA).toFixed(3),
    `${((bOverA - 1) * 100).toFixed(1)} %`,
  ])
  // The decode + lint pass verify runs on every token (the issue asks lint on every verify).
  const decodeStart = performance.now()
  for (let i = 0; i < 2000; i++) {
    const now = new Date()
    lintToken(decodeToken(tokens[i % TOKENS]!, now, { display: false }), { now })
  }
  const decodeMicros = ((performance.now() - decodeStart) * 1000) / 2000
  notes.push(
    `${alg}: jose ${(1e6 / j).toFixed(0)} µs/verify, ours ${(1e6 / o).toFixed(0)} µs/verify, of which decode + lint ${decodeMicros.toFixed(1)} µs`,
  )
  if (joseRawKey !== undefined) {
    const rawNext = rotation(tokens)
    const raw = await paired(() => jwtVerify(rawNext(), joseRawKey, { algorithms: [alg] }), ours)
    notes.push(
      `${alg} with jose given the raw secret bytes (imported on every call): jose ${raw.aOps.toFixed(0)} ops/s, ours ${raw.bOps.toFixed(0)} ops/s, ours/jose ${(1 / raw.bOverA).toFixed(3)}`,
    )
  }
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
for (const row of rows) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '))
console.log('\noverhead = extra time per verify through our service (target: under 10 %)')
for (const note of notes) console.log(note)
