// Writes a synthetic access log for the scan benchmark and tests: about 1 % of lines carry a
// token (a bearer header, a query string, a cookie, a JSON field), other lines carry decoys
// (version strings, dotted base64 ids, truncated tokens). Deterministic for a given seed.
// Usage: node bench/scan/generate.mjs OUT_FILE SIZE_MIB [SEED]
import { createHmac } from 'node:crypto'
import { createWriteStream } from 'node:fs'

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A small deterministic PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A pool of distinct HS256 tokens: most valid, some expired, some long-lived, some alg none. */
export function tokenPool(count, random, now = Math.floor(Date.now() / 1000)) {
  const tokens = []
  for (let i = 0; i < count; i++) {
    const kind = i % 50 === 0 ? 'none' : i % 7 === 0 ? 'expired' : i % 11 === 0 ? 'long' : 'ok'
    const header =
      kind === 'none' ? { alg: 'none', typ: 'JWT' } : { alg: 'HS256', typ: 'JWT', kid: `k${i % 3}` }
    const iat = now - 600
    const exp = kind === 'expired' ? now - 3600 : kind === 'long' ? now + 30 * 86400 : now + 900
    const payload = {
      iss: `https://idp${i % 4}.example.com`,
      sub: `user-${i}`,
      aud: 'api',
      scope: 'read write',
      iat,
      exp,
      jti: Math.floor(random() * 1e12).toString(36),
    }
    const input = `${b64(header)}.${b64(payload)}`
    const signature =
      kind === 'none'
        ? ''
        : createHmac('sha256', 'bench-secret-bench-secret-bench-secret')
            .update(input)
            .digest('base64url')
    tokens.push(`${input}.${signature}`)
  }
  return tokens
}

const PATHS = [
  '/api/v1/orders',
  '/api/v2/users/42',
  '/static/app.9f2c1e.js',
  '/health',
  '/login?next=%2Fhome',
]
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0',
  'curl/8.5.0',
  'okhttp/4.12.0',
  'kube-probe/1.29',
]

/** One log line: a token in one of four places on ~1 % of lines, decoys on others. */
export function logLine(n, random, tokens) {
  const ip = `10.${n % 256}.${(n >> 8) % 256}.${(n * 7) % 256}`
  const time = `2026-11-22T10:${String((n >> 10) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}Z`
  const path = PATHS[n % PATHS.length]
  const agent = AGENTS[(n >> 3) % AGENTS.length]
  const r = random()
  if (r < 0.01) {
    const token = tokens[Math.floor(random() * tokens.length)]
    switch (n % 4) {
      case 0:
        return `${ip} - - [${time}] "GET ${path} HTTP/1.1" 200 512 "-" "${agent}" authorization="Bearer ${token}"`
      case 1:
        return `${ip} - - [${time}] "GET /callback?access_token=${token}&state=xyz HTTP/1.1" 302 0 "-" "${agent}"`
      case 2:
        return `${ip} - - [${time}] "GET ${path} HTTP/1.1" 200 97 "-" "${agent}" cookie="session=${token}; theme=dark"`
      default:
        return `{"ts":"${time}","level":"info","ip":"${ip}","msg":"request","token":"${token}","path":"${path}"}`
    }
  }
  if (r < 0.02) {
    // Decoys: versions, dotted ids, a truncated token, an eyJ blob with one dot.
    const decoys = [
      `version=1.2.${n % 100} build=ey.${n}.release`,
      `id=${Buffer.from(`obj-${n}`).toString('base64url')}.${Buffer.from(`v${n}`).toString('base64url')}.x`,
      `token=${tokens[n % tokens.length].slice(0, 40)}`,
      `blob=eyJ${Buffer.from(`{"n":${n}}`).toString('base64url')}.eyJabc`,
    ]
    return `${ip} - - [${time}] "GET ${path} HTTP/1.1" 200 64 "-" "${agent}" ${decoys[n % decoys.length]}`
  }
  return `${ip} - - [${time}] "GET ${path} HTTP/1.1" ${r < 0.05 ? 404 : 200} ${Math.floor(r * 100000)} "-" "${agent}" rt=0.${n % 1000}`
}

/** Writes SIZE_MIB of log to OUT_FILE. */
export async function writeLog(out, sizeMiB, seed = 1, newline = '\n') {
  const random = prng(seed)
  const tokens = tokenPool(500, random)
  const stream = createWriteStream(out)
  const target = sizeMiB * 1024 * 1024
  let written = 0
  let n = 0
  while (written < target) {
    const lines = []
    for (let i = 0; i < 2000; i++) lines.push(logLine(n++, random, tokens))
    const chunk = `${lines.join(newline)}${newline}`
    written += Buffer.byteLength(chunk)
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve))
  }
  await new Promise((resolve) => stream.end(resolve))
  return { lines: n, bytes: written }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, size, seed] = process.argv.slice(2)
  if (!out || !size) {
    process.stderr.write('usage: node bench/scan/generate.mjs OUT_FILE SIZE_MIB [SEED]\n')
    process.exit(2)
  }
  const { lines, bytes } = await writeLog(out, Number(size), Number(seed ?? 1))
  process.stderr.write(`wrote ${lines} lines, ${(bytes / 1048576).toFixed(0)} MiB to ${out}\n`)
}
