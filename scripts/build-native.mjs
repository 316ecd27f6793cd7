// Compiles the N-API addons with the system C compiler: the audit engine (native/hmac-scan.c)
// and the log scanner's byte search (native/token-scan.c). Runs on `npm install` / `npm ci`.
// A missing compiler or headers is not an error: the audit and the scanner then use their
// JavaScript engines (same answers, slower), and say so.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ADDONS = ['hmac-scan', 'token-scan']

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
  console.warn(
    'build-native: no C toolchain or Node headers here; the JavaScript engines are used.',
  )
  process.exit(0)
}
const cc = process.env.CC || 'cc'
for (const name of ADDONS) {
  const source = join(root, 'native', `${name}.c`)
  const output = join(root, 'native', 'build', `${name}.node`)
  mkdirSync(dirname(output), { recursive: true })
  const args = [
    '-O3',
    '-shared',
    '-fPIC',
    `-DNODE_GYP_MODULE_NAME=${name.replace('-', '_')}`,
    `-I${headers}`,
  ]
  if (process.platform === 'darwin') args.push('-undefined', 'dynamic_lookup')
  try {
    execFileSync(cc, [...args, '-o', output, source], { stdio: 'inherit' })
    console.log(`build-native: built ${output}`)
  } catch {
    console.warn(`build-native: compiling ${name} failed; its JavaScript engine is used.`)
  }
}
