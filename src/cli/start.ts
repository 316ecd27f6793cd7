/**
 * The built `jwtw` (out/cli/jwtw.cjs): runs the CLI bundle (out/cli/cli.cjs, one file) through
 * V8's code cache (code-cache.ts). Both are CommonJS (scripts/build.mjs says why); what the
 * bundle imports on demand stays lazy inside it. `done` settles when the command has finished.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'
import { cliArgv } from '../shared/app-launch'
import { codeCacheDir } from '../main/core/settings/settings-dir'
import { codeCache } from './code-cache'

const here = dirname(fileURLToPath(import.meta.url))
const bundle = join(here, 'cli.cjs')
const source = readFileSync(bundle, 'utf8')
// One cache per command: each keeps the code its own runs compiled.
const command = cliArgv(process.argv).find((arg) => !arg.startsWith('-')) ?? 'root'
const cache = codeCache(bundle, command, codeCacheDir())
const cachedData = cache?.read()
const script = new Script(
  `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
  { filename: bundle, ...(cachedData ? { cachedData } : {}) },
)
const module = { exports: {} as { done?: Promise<void>; commands?: string[] } }
if (cache && (cachedData === undefined || script.cachedDataRejected === true)) {
  // At exit the cache holds every function this run compiled, not only the top level.
  process.once('exit', () => {
    if (command === 'root' || module.exports.commands?.includes(command)) {
      cache.write(script.createCachedData())
    }
  })
}
;(script.runInThisContext() as (...args: unknown[]) => void)(
  module.exports,
  createRequire(bundle),
  module,
  bundle,
  here,
)
export const done: Promise<void> | undefined = module.exports.done
