/**
 * Where the built files that run beside the code live: the worker threads (bundled by
 * scripts/build.mjs into out/cli: the weak-secret audit's and the log scanner's), the
 * native addons (native/build/*.node) and the built renderer. One resolver for the three
 * situations: running from source or tests (the project root is the nearest directory with
 * package.json), from the built tree (out/cli, out/main: the same root), and in a packaged app,
 * where the root is resources/app.asar and the workers and addons were unpacked beside it to
 * resources/app.asar.unpacked (a worker thread or a .node file cannot load from inside asar).
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WorkbenchError } from '../../shared/errors'

/** The workers, by the file name of their bundle next to out/cli/jwtw.cjs. */
export const WORKERS = { audit: 'audit-worker.mjs', scan: 'scan-worker.mjs' } as const

/** Absolute path of a built worker; throws ERR_NOT_BUILT when it is missing. */
export function builtWorkerPath(worker: keyof typeof WORKERS): string {
  const layout = builtLayout()
  const path =
    layout === undefined ? undefined : join(layout.unpacked, 'out', 'cli', WORKERS[worker])
  if (path === undefined || !existsSync(path)) {
    throw new WorkbenchError(
      'ERR_NOT_BUILT',
      `The ${worker} worker is not built (out/cli/${WORKERS[worker]}). Run \`npm run build\`.`,
    )
  }
  return path
}

/** The built CLI's entry (out/cli/jwtw.cjs), which the desktop app runs in CLI mode. */
export function builtCliEntry(): string {
  const layout = builtLayout()
  return join(layout?.unpacked ?? process.cwd(), 'out', 'cli', 'jwtw.cjs')
}

/** The built renderer (out/renderer), which browser mode serves. */
export function builtRendererDir(): string {
  return join(builtLayout()?.root ?? process.cwd(), 'out', 'renderer')
}

/**
 * A native addon built by scripts/build-native.mjs, or undefined when it is not built here (no
 * compiler at install time): each has a JavaScript engine that gives the same answers, slower.
 */
export function loadAddon<T>(addon: 'hmac-scan' | 'token-scan'): T | undefined {
  const layout = builtLayout()
  if (layout === undefined) return undefined
  try {
    return createRequire(import.meta.url)(
      join(layout.unpacked, 'native', 'build', `${addon}.node`),
    ) as T
  } catch {
    return undefined
  }
}

/** The root the code runs from, and where files that cannot run from inside asar are. */
export interface BuiltLayout {
  root: string
  unpacked: string
}

/**
 * The layout for code in `moduleDir`: the nearest directory up with a package.json is the root;
 * when that root is an asar archive (a packaged app), the unpacked files are beside it.
 */
export function layoutFrom(
  moduleDir: string,
  exists: (path: string) => boolean = existsSync,
): BuiltLayout | undefined {
  for (let dir = moduleDir; ;) {
    if (exists(join(dir, 'package.json'))) {
      return { root: dir, unpacked: basename(dir) === 'app.asar' ? `${dir}.unpacked` : dir }
    }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

let layout: BuiltLayout | undefined
function builtLayout(): BuiltLayout | undefined {
  return (layout ??= layoutFrom(dirname(fileURLToPath(import.meta.url))))
}
