/**
 * Finds the project root (the nearest directory with package.json) from a module's URL, so the
 * audit can locate its built worker and native addon whether it runs bundled (out/cli, out/main)
 * or from source under a test runner.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function packageRoot(fromUrl: string): string | undefined {
  let dir = dirname(fileURLToPath(fromUrl))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
