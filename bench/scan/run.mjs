// The log scanner against ripgrep, in the same run: generates a 256 MiB access log with CRLF
// lines (1 % of lines carry a token: bearer header, query string, cookie, JSON field; decoys
// elsewhere), warms the page cache, then times `jwtw scan FILE --json` (find, decode,
// deduplicate, summarise) against `rg -o PATTERN FILE` (extract only), alternating, and prints
// the medians and the ratio (target: 1.0 or less), and the ratio against `rg --no-mmap`. Then the
// peak RSS of a 1 GiB scan (target: under 200 MB, whatever the size) and gzip throughput.
// Run: npm run bench:scan (BENCH_RUNS, default 5; BENCH_SKIP_1G=1).
import { spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { createGzip } from 'node:zlib'
import { writeLog } from './generate.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const work = fileURLToPath(new URL('../.work/', import.meta.url))
const jwtw = fileURLToPath(new URL('../../bin/jwtw.cjs', import.meta.url))
const peakHook = fileURLToPath(new URL('./peak-rss.cjs', import.meta.url))
const PATTERN = '(?:eyJ|ewogIC)[A-Za-z0-9_-]{12,}\\.ey[A-Za-z0-9_-]{12,}\\.[A-Za-z0-9_-]{12,}'
mkdirSync(work, { recursive: true })

async function logFile(name, mib, seed, newline = '\n') {
  const path = `${work}${name}`
  if (!existsSync(path)) {
    process.stdout.write(`generating ${name} (${mib} MiB)...\n`)
    await writeLog(path, mib, seed, newline)
  }
  return path
}

async function warm(path) {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) void chunk
}

/** Runs a command; its wall time in ms, what it printed, and (for jwtw) its peak RSS in MiB. */
function timed(command, args, env = {}) {
  const start = performance.now()
  const child = spawnSync(command, args, {
    env: { ...process.env, ...env },
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  })
  const ms = performance.now() - start
  if (child.error) throw child.error
  if (child.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr}`)
  const peak = /peak-rss-kib=(\d+)/.exec(child.stderr)
  return { ms, stdout: child.stdout, peakMiB: peak ? Number(peak[1]) / 1024 : undefined }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const hasRg = spawnSync('rg', ['--version']).status === 0
const jwtwScan = (path) =>
  timed(process.execPath, [jwtw, 'scan', path, '--json'], { NODE_OPTIONS: `--require=${peakHook}` })

// CRLF lines, as logs copied from Windows hosts or some HTTP tooling have them.
const log256 = await logFile('access-256-crlf.log', 256, 1, '\r\n')
await warm(log256)
const ours = []
const theirs = []
// ripgrep maps a single file into memory by default; on some machines (virtual ones) reading it
// is faster, so its --no-mmap time is printed too: the stricter reference.
const theirsRead = []
let summary
let rgMatches = 0
for (let run = 0; run < RUNS + 1; run++) {
  const a = jwtwScan(log256)
  summary = JSON.parse(a.stdout)
  if (run > 0) ours.push(a.ms)
  if (hasRg) {
    const b = timed('rg', ['-o', PATTERN, log256])
    rgMatches = b.stdout.split('\n').length - 1
    if (run > 0) theirs.push(b.ms)
    const c = timed('rg', ['--no-mmap', '-o', PATTERN, log256])
    if (run > 0) theirsRead.push(c.ms)
  }
}
const size = statSync(log256).size
console.log(
  `\n256 MiB access log, ${summary.files[0].lines.toLocaleString('en')} lines, warm page cache, median of ${RUNS}:`,
)
console.log(
  `  jwtw scan --json   ${median(ours).toFixed(0)} ms  (${summary.occurrences} occurrences, ${summary.unique} unique, decoded and summarised; ${(((size / median(ours)) * 1000) / 1048576).toFixed(0)} MiB/s)`,
)
if (hasRg) {
  console.log(
    `  rg -o              ${median(theirs).toFixed(0)} ms  (${rgMatches} matches; its pattern needs a 12-character signature, so it misses alg none tokens)`,
  )
  console.log(`  rg --no-mmap -o    ${median(theirsRead).toFixed(0)} ms`)
  console.log(
    `  ratio jwtw / rg    ${(median(ours) / median(theirs)).toFixed(2)}  (target: 1.0 or less); against rg --no-mmap ${(median(ours) / median(theirsRead)).toFixed(2)}`,
  )
} else console.log('  rg not installed: no ratio (apt-get install ripgrep)')

const engineJs = timed(process.execPath, [jwtw, 'scan', log256, '--json'], {
  JWTW_SCAN_ENGINE: 'js',
})
const inOneThread = timed(process.execPath, [jwtw, 'scan', log256, '--json'], {
  JWTW_SCAN_WORKERS: '0',
})
const withWorker = timed(process.execPath, [jwtw, 'scan', log256, '--json'], {
  JWTW_SCAN_WORKERS: '1',
})
console.log(
  `  one run each: JavaScript engine ${engineJs.ms.toFixed(0)} ms; native, no worker thread ${inOneThread.ms.toFixed(0)} ms; with a worker thread ${withWorker.ms.toFixed(0)} ms`,
)

const gz = `${work}access-256.log.gz`
if (!existsSync(gz)) await pipeline(createReadStream(log256), createGzip(), createWriteStream(gz))
await warm(gz)
const gzip = timed(process.execPath, [jwtw, 'scan', gz, '--json'])
console.log(
  `\ngzip: ${(statSync(gz).size / 1048576).toFixed(0)} MiB compressed in ${gzip.ms.toFixed(0)} ms (${(((size / gzip.ms) * 1000) / 1048576).toFixed(0)} MiB/s of log)`,
)

if (process.env.BENCH_SKIP_1G !== '1') {
  const log1g = await logFile('access-1g.log', 1024, 2)
  await warm(log1g)
  const big = jwtwScan(log1g)
  const result = JSON.parse(big.stdout)
  const bigWithWorker = timed(process.execPath, [jwtw, 'scan', log1g, '--json'], {
    JWTW_SCAN_WORKERS: '1',
  })
  console.log(
    `\n1 GiB access log: ${big.ms.toFixed(0)} ms (with a worker thread: ${bigWithWorker.ms.toFixed(0)} ms), ${result.occurrences} occurrences, peak RSS ${big.peakMiB?.toFixed(0)} MiB (target: under 200 MB); 256 MiB: peak RSS ${jwtwScan(log256).peakMiB?.toFixed(0)} MiB`,
  )
}
