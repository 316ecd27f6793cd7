// Builds the app (electron-vite: out/main, out/preload, out/renderer) and the jwtw CLI
// (esbuild: out/cli), each into a fresh staging directory that is then moved into place file
// by file, entry files last: out/cli and out/renderer are never missing or half-written, and a
// running jwtw or browser tab keeps the chunks it started with (old chunks are pruned once
// they are 10 minutes old). With --if-stale a target whose inputs are unchanged since its last
// build is skipped, so the test runs build once and only when needed.
//
//   node scripts/build.mjs [--if-stale] [app] [cli]     (no target: both)
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'out')
const KEEP_OLD_MS = 10 * 60 * 1000
/** Files that load the rest: moved into place last. */
const ENTRIES = new Set([
  'jwtw.cjs',
  'audit-worker.mjs',
  'scan-worker.mjs',
  'index.html',
  'index.js',
  'index.cjs',
])
const SHARED_INPUTS = ['package.json', 'package-lock.json', 'scripts/build.mjs', 'src/shared']

const TARGETS = {
  app: {
    inputs: [
      'src/main',
      'src/preload',
      'src/renderer',
      'electron.vite.config.ts',
      'tsconfig.web.json',
    ],
    outputs: ['main', 'preload', 'renderer'],
    build(staging) {
      const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
      const run = spawnSync(
        process.execPath,
        [cli, 'build', '--outDir', staging, '--logLevel', 'error'],
        {
          cwd: root,
          stdio: 'inherit',
        },
      )
      if (run.status !== 0) throw new Error(`electron-vite build failed (${run.status})`)
    },
  },
  cli: {
    inputs: ['src/cli', 'src/main/core', 'src/main/web'],
    outputs: ['cli'],
    async build(staging) {
      const { build } = await import('esbuild')
      const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
      const common = {
        outdir: join(staging, 'cli'),
        bundle: true,
        platform: 'node',
        target: 'node20',
        // jose and zod are bundled (Node resolving and reading their hundreds of files cost
        // more than the command itself); what loads late and rarely stays in node_modules as
        // it is published: the keyring's native addon, the HTTP client, the lock-file helper
        // and the audit's dictionaries.
        external: ['@napi-rs/keyring', 'undici', 'proper-lockfile', '@zxcvbn-ts/*'],
        sourcemap: true,
        minifyWhitespace: true,
        minifySyntax: true,
        define: { __JWTW_VERSION__: JSON.stringify(version) },
        logLevel: 'warning',
        absWorkingDir: root,
      }
      // The CLI in one CommonJS file (cli.cjs), and its entry jwtw.cjs (src/cli/start.ts),
      // which runs it through V8's code cache. CommonJS because Node 20 caches compiled code
      // only for scripts, and because an ES module entry loads Node's ES module loader (with
      // node:fs/promises) at every start. What a command imports on demand is still evaluated
      // only when it runs; dynamic imports become require (every external package ships
      // CommonJS).
      await build({
        ...common,
        entryPoints: { cli: 'src/cli/index.ts', jwtw: 'src/cli/start.ts' },
        outExtension: { '.js': '.cjs' },
        format: 'cjs',
        supported: { 'dynamic-import': false },
        define: { ...common.define, 'import.meta.url': 'importMetaUrl' },
        banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
      })
      // The worker threads (the weak-secret audit's, the log scanner's), found by
      // src/main/core/built-files.ts: each one self-contained ES module.
      await build({
        ...common,
        entryPoints: {
          'audit-worker': 'src/main/core/audit/audit-worker.ts',
          'scan-worker': 'src/main/core/scan/scan-worker.ts',
        },
        outExtension: { '.js': '.mjs' },
        format: 'esm',
      })
    },
  },
}

const args = process.argv.slice(2)
const ifStale = args.includes('--if-stale')
const asked = args.filter((a) => !a.startsWith('--'))
for (const name of asked) if (!(name in TARGETS)) throw new Error(`unknown target ${name}`)
for (const name of asked.length > 0 ? asked : Object.keys(TARGETS)) {
  const target = TARGETS[name]
  const stampFile = join(out, `.build-${name}.json`)
  const hash = inputsHash([...SHARED_INPUTS, ...target.inputs])
  if (ifStale && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) continue
  mkdirSync(out, { recursive: true })
  const staging = mkdtempSync(join(out, `.staging-${name}-`))
  try {
    await target.build(staging)
    for (const dir of target.outputs) install(join(staging, dir), join(out, dir))
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  writeFileSync(stampFile, hash)
}

/** A hash of every input file's path and content. */
function inputsHash(inputs) {
  const hash = createHash('sha256')
  for (const input of inputs) {
    for (const file of filesUnder(join(root, input)).sort()) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
    }
  }
  return hash.digest('hex')
}

function filesUnder(path) {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => filesUnder(join(path, e.name)))
}

/** Moves a fresh build into `target` file by file (entries last), then prunes old files. */
function install(fresh, target) {
  const files = filesUnder(fresh).map((f) => relative(fresh, f))
  const ordered = [...files.filter((f) => !ENTRIES.has(f)), ...files.filter((f) => ENTRIES.has(f))]
  for (const file of ordered) {
    mkdirSync(dirname(join(target, file)), { recursive: true })
    renameSync(join(fresh, file), join(target, file))
  }
  const current = new Set(files)
  const cutoff = Date.now() - KEEP_OLD_MS
  for (const file of filesUnder(target)) {
    if (!current.has(relative(target, file)) && statSync(file).mtimeMs < cutoff) rmSync(file)
  }
}
