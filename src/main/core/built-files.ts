/**
 * Where the built files that run beside the code live: the worker threads (bundled by
 * scripts/build-cli.mjs into out/cli: the weak-secret audit's and the log scanner's) and the
 * native addons (native/build/*.node). The CLI, the Electron main process and
 * tests all use the out/cli worker builds, found from the project root (the nearest directory
 * with package.json), whether the code runs bundled (out/cli, out/main) or from source.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WorkbenchError } from '../../shared/errors'

/** The workers, by the file name of their bundle next to out/cli/jwtw.mjs. */
export const WORKERS = { audit: 'audit-worker.mjs', scan: 'scan-worker.mjs' } as const

/** Absolute path of a built worker; throws ERR_NOT_BUILT when it is missing. */
export function builtWorkerPath(worker: keyof typeof WORKERS): string {
  const root = packageRoot()
  const path = root === undefined ? undefined : join(root, 'out', 'cli', WORKERS[worker])
  if (path === undefined || !existsSync(path)) {
    throw new WorkbenchError(
      'ERR_NOT_BUILT',
      `The ${worker} worker is not built (out/cli/${WORKERS[worker]}). Run \`npm run build\`.`,
    )
  }
  return path
}

/** The built renderer (out/renderer), which browser mode serves. */
export function builtRendererDir(): string {
  return join(packageRoot() ?? process.cwd(), 'out', 'renderer')
}

/**
 * A native addon built by scripts/build-native.mjs, or undefined when it is not built here (no
 * compiler at install time): each has a JavaScript engine that gives the same answers, slower.
 */
export function loadAddon<T>(addon: 'hmac-scan' | 'token-scan'): T | undefined {
  const root = packageRoot()
  if (root === undefined) return undefined
  try {
    return createRequire(import.meta.url)(join(root, 'native', 'build', `${addon}.node`)) as T
  } catch {
    return undefined
  }
}

function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
