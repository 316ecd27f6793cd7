// Start-up of `jwtw --version` and `jwtw decode TOKEN` against a bare `node -e 0` in the same
// run (alternating, so machine load falls on both alike): what our code adds to Node's own
// start-up, which the CLI cannot go below. Run: npm run bench:cli (BENCH_RUNS, default 30).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const jwtw = fileURLToPath(new URL('../bin/jwtw.mjs', import.meta.url))
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
const cases = {
  'node -e 0 (reference)': ['-e', '0'],
  'jwtw --version': [jwtw, '--version'],
  'jwtw decode TOKEN': [jwtw, 'decode', TOKEN],
  'jwtw verify TOKEN --secret S': [jwtw, 'verify', TOKEN, '--secret', 'your-256-bit-secret'],
}
const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
for (let run = 0; run < RUNS + 2; run++) {
  for (const [name, args] of Object.entries(cases)) {
    const start = performance.now()
    const child = spawnSync(process.execPath, args, { stdio: 'ignore' })
    if (child.status === null) throw new Error(`${name} did not finish`)
    if (run >= 2) times[name].push(performance.now() - start)
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const reference = median(times['node -e 0 (reference)'])
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs)
  const extra = name.includes('reference')
    ? ''
    : `  (+${(m - reference).toFixed(0)} ms over bare node, x${(m / reference).toFixed(2)})`
  console.log(`${name.padEnd(32)} median ${m.toFixed(0)} ms${extra}`)
}
console.log(
  `\n${RUNS} runs each, alternating; target: --version and decode under 150 ms on this machine`,
)
