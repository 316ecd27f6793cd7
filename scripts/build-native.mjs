// Compiles the audit engine's N-API addon (native/hmac-scan.c) with the system C compiler.
// Runs on `npm install` / `npm ci`. A missing compiler or headers is not an error: the audit
// then uses its JavaScript engine (node:crypto), and says so.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(root, 'native', 'hmac-scan.c')
const output = join(root, 'native', 'build', 'hmac-scan.node')

function nodeHeaders() {
  const candidates = [
    process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, 'include', 'node'),
    resolve(dirname(process.execPath), '..', 'include', 'node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ].filter(Boolean)
  return candidates.find((dir) => existsSync(join(dir, 'node_api.h')))
}

const headers = nodeHeaders()
if (process.platform === 'win32' || !headers) {
  console.warn('build-native: no C toolchain or Node headers here; the audit uses its JS engine.')
  process.exit(0)
}
mkdirSync(dirname(output), { recursive: true })
const cc = process.env.CC || 'cc'
const args = ['-O3', '-shared', '-fPIC', '-DNODE_GYP_MODULE_NAME=hmac_scan', `-I${headers}`]
if (process.platform === 'darwin') args.push('-undefined', 'dynamic_lookup')
try {
  execFileSync(cc, [...args, '-o', output, source], { stdio: 'inherit' })
  console.log(`build-native: built ${output}`)
} catch {
  console.warn('build-native: compiling the addon failed; the audit uses its JS engine.')
}
