// `npm run bench:audit`: our weak-secret audit against hashcat -m 16500 on the same HS256 token
// and the same 1,000,000-line wordlist (secret on the last line), in the same run, on this
// machine. Prints candidates per second for each engine and the ratio to hashcat's CPU rate.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000)
mkdirSync(join(root, 'bench', '.work'), { recursive: true })
const work = mkdtempSync(join(root, 'bench', '.work', 'audit-'))

const secret = `bench-${randomBytes(6).toString('hex')}`
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const signingInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'bench', iat: 1700000000 })}`
const token = `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`
const lines = []
for (let i = 0; i < LINES - 1; i++) lines.push(`cand${i.toString(36)}-${(i * 7919) % 100003}`)
lines.push(secret)
const wordlist = join(work, 'wordlist.txt')
writeFileSync(wordlist, `${lines.join('\n')}\n`)
const tokenFile = join(work, 'token.txt')
writeFileSync(tokenFile, `${token}\n`)

const fmt = (n) => Math.round(n).toLocaleString('en-US')
const cores = cpus().length
console.log(`HS256 token, ${fmt(LINES)}-line wordlist (secret on the last line), ${cores} cores`)

function ours(label, env) {
  const started = performance.now()
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin', 'jwtw.cjs'), 'secret', 'audit', token, '--wordlist', wordlist],
    {
      env: { ...process.env, ...env, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  )
  const wallMs = performance.now() - started
  const json = spawnSync(
    process.execPath,
    [
      join(root, 'bin', 'jwtw.cjs'),
      'secret',
      'audit',
      token,
      '--wordlist',
      wordlist,
      '--no-builtin',
      '--json',
    ],
    { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 20 },
  )
  if (json.status !== 1) throw new Error(`${label}: audit did not find the secret\n${json.stderr}`)
  const result = JSON.parse(json.stdout)
  if (result.secret !== secret) throw new Error(`${label}: wrong secret`)
  return {
    label,
    engine: result.engine,
    rate: result.rate,
    tried: result.tried,
    wallMs,
    full: run.stdout.trim(),
  }
}

function hashcatRun(extra) {
  const session = mkdtempSync(join(work, 'hashcat-'))
  const started = performance.now()
  const run = spawnSync(
    'hashcat',
    [
      '-m',
      '16500',
      '-a',
      '0',
      '--force',
      '--potfile-disable',
      `--session=jwtw${process.pid}`,
      '-o',
      join(session, 'found.txt'),
      ...extra,
      tokenFile,
      wordlist,
    ],
    // Sessions go to the temp dir; the compiled-kernel cache (XDG_CACHE_HOME) is kept.
    { env: { ...process.env, XDG_DATA_HOME: session }, encoding: 'utf8', maxBuffer: 16 << 20 },
  )
  const wallMs = performance.now() - started
  let found = ''
  try {
    found = readFileSync(join(session, 'found.txt'), 'utf8')
  } catch {
    // nothing found
  }
  return { run, wallMs, found }
}

function hashcat() {
  try {
    execFileSync('hashcat', ['--version'], { stdio: 'ignore' })
  } catch {
    return undefined
  }
  hashcatRun(['--quiet']) // warm-up: compiles and caches the OpenCL kernel on a first run
  const timed = hashcatRun(['--quiet'])
  if (!timed.found.includes(secret))
    throw new Error(`hashcat did not find the secret: ${timed.run.stderr}`)
  // hashcat's own speed figure (excludes its start-up), from its JSON status lines.
  const status = hashcatRun(['--status', '--status-json', '--status-timer=1'])
  let speed = 0
  for (const line of status.run.stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const s = JSON.parse(line)
      const total = (s.devices ?? []).reduce((n, d) => n + (d.speed ?? 0), 0)
      speed = Math.max(speed, total)
    } catch {
      // not a status line
    }
  }
  return { wallRate: LINES / (timed.wallMs / 1000), wallMs: timed.wallMs, speed }
}

async function hashWasmSingleThread() {
  const { createSHA256 } = await import('hash-wasm')
  const inner = await createSHA256()
  const outer = await createSHA256()
  const message = Buffer.from(signingInput)
  const sample = lines.slice(-200_000)
  const ipad = new Uint8Array(64)
  const opad = new Uint8Array(64)
  const started = performance.now()
  let hit = false
  for (const line of sample) {
    const key = Buffer.from(line)
    ipad.fill(0x36)
    opad.fill(0x5c)
    for (let i = 0; i < key.length; i++) {
      ipad[i] ^= key[i]
      opad[i] ^= key[i]
    }
    inner.init().update(ipad).update(message)
    const mac = outer.init().update(opad).update(inner.digest('binary')).digest('hex')
    if (line === secret) hit = mac === createHmac('sha256', secret).update(message).digest('hex')
  }
  if (!hit) throw new Error('hash-wasm HMAC mismatch')
  return sample.length / ((performance.now() - started) / 1000)
}

try {
  const results = [
    ours('native addon (SHA-NI when present)', {}),
    ours('native addon, portable C SHA-256', { JWTW_AUDIT_NO_SHANI: '1' }),
    ours('node:crypto createHmac (JS fallback)', { JWTW_AUDIT_ENGINE: 'js' }),
  ]
  const wasm = await hashWasmSingleThread()
  const hc = hashcat()
  console.log('')
  for (const r of results) {
    const ratio = hc?.speed ? `  ${(r.rate / hc.speed).toFixed(2)}x hashcat` : ''
    console.log(
      `  ours: ${r.label.padEnd(40)} [${r.engine}] ${fmt(r.rate).padStart(11)} /s${ratio}`,
    )
  }
  console.log(`  hash-wasm HMAC, 1 thread (not used)             ${fmt(wasm).padStart(11)} /s`)
  if (hc) {
    console.log(
      `  hashcat -m 16500 (pocl CPU), its Speed figure         ${fmt(hc.speed).padStart(11)} /s`,
    )
    console.log(
      `  hashcat wall time incl. start-up: ${(hc.wallMs / 1000).toFixed(2)} s -> ${fmt(hc.wallRate)} /s`,
    )
    const best = results[0]
    console.log('')
    console.log(
      `Ratio (ours ${best.engine} / hashcat Speed): ${(best.rate / hc.speed).toFixed(2)}x ` +
        `(target >= 0.5x); wall-clock incl. start-up, ours ${(best.wallMs / 1000).toFixed(2)} s ` +
        `(built-in lists too) vs hashcat ${(hc.wallMs / 1000).toFixed(2)} s`,
    )
  } else {
    console.log(
      '  hashcat not installed: no reference rate (apt-get install hashcat pocl-opencl-icd)',
    )
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
