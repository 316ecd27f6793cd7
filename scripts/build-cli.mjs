// Bundles the jwtw CLI (src/cli) into out/cli; dependencies stay external (node_modules).
import { readFileSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

// Chunks are named by their hash: clear the old ones so the folder holds one build.
rmSync('out/cli', { recursive: true, force: true })

await build({
  // The worker threads (the weak-secret audit's, the log scanner's), found by
  // src/main/core/built-files.ts.
  entryPoints: {
    jwtw: 'src/cli/index.ts',
    'audit-worker': 'src/main/core/audit/worker.ts',
    'scan-worker': 'src/main/core/scan/scan-worker.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Each command's code is its own chunk, loaded when the command runs: `jwtw --version` and
  // `jwtw decode` never parse jose, zod or the keychain. Chunks sit beside jwtw.mjs, so paths
  // relative to import.meta.url (the built renderer, the audit worker) hold in every one.
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  define: { __JWTW_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
})
