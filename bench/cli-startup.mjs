// Start-up of `jwtw --version`, `decode`, `mint --secret-file` and `verify --key-file` against a
// bare `node -e 0` in the same run (alternating, so machine load falls on all alike): what our
// code adds to Node's own start-up, which the CLI cannot go below. The settings directory is a
// fresh temporary one. Run: npm run bench:cli (BENCH_RUNS, default 30).
import { spawnSync } from 'node:child_process'
import { createSign, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const jwtw = fileURLToPath(new URL('../bin/jwtw.cjs', import.meta.url))
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
const work = mkdtempSync(join(tmpdir(), 'jwtw-bench-cli-'))
const secretFile = join(work, 'secret')
writeFileSync(secretFile, 'your-256-bit-secret')
const env = { ...process.env, JWTW_HOME: join(work, 'settings') }
// An RS256 token and its public key in a PEM file, as `verify --key-file` gets them.
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const keyFile = join(work, 'public.pem')
writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }))
const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
const signingInput = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://login.example.com/', sub: 'a1b2c3', aud: 'api://orders', exp: 4102444800 })}`
const rsToken = `${signingInput}.${createSign('sha256').update(signingInput).sign(privateKey).toString('base64url')}`
const cases = {
  'node -e 0 (reference)': ['-e', '0'],
  'jwtw --version': [jwtw, '--version'],
  'jwtw decode TOKEN': [jwtw, 'decode', TOKEN],
  'jwtw mint --secret-file F': [jwtw, 'mint', '--alg', 'HS256', '--secret-file', secretFile],
  'jwtw verify TOKEN --key-file F': [jwtw, 'verify', rsToken, '--key-file', keyFile],
}
const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
for (let run = 0; run < RUNS + 2; run++) {
  for (const [name, args] of Object.entries(cases)) {
    const start = performance.now()
    const child = spawnSync(process.execPath, args, { stdio: 'ignore', env })
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
rmSync(work, { recursive: true, force: true })
console.log(`\n${RUNS} runs each, alternating; target: every command within x1.5 of bare node`)
