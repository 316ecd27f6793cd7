/**
 * vitest globalSetup: the built jwtw and app that the few spawning tests, the preload test and
 * browser mode use, made once per run and only when their sources changed (scripts/build.mjs
 * --if-stale). No test file builds anything.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

export default function buildOnce(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: resolve(import.meta.dirname, '..', '..'),
    stdio: 'inherit',
  })
}
