/**
 * Runs a TypeScript snippet in a separate Node process (bundled with esbuild, dependencies
 * left to node_modules), for tests that need a different environment than the test runner's.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'

const root = resolve(import.meta.dirname, '..', '..')
const cacheDir = join(root, 'node_modules', '.cache', 'jwtw-tests')
let counter = 0

export async function runTs(
  source: string,
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string; code: number }> {
  mkdirSync(cacheDir, { recursive: true })
  const out = join(cacheDir, `snippet-${process.pid}-${counter++}.mjs`)
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  })
  writeFileSync(out, result.outputFiles[0]!.text)
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [out], { env })
    return { stdout, stderr, code: 0 }
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code }
  }
}
