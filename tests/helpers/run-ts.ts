/**
 * Runs a JavaScript module snippet in a separate Node process that can import the project's
 * TypeScript sources (tsx's loader; no build), for tests that need another process: another
 * environment (a keychain that is not reachable), or two writers at once.
 */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

const root = resolve(import.meta.dirname, '..', '..')

/** `timeoutMs`: the process is killed (SIGKILL) when it runs longer (default: no limit). */
export async function runTs(
  source: string,
  env: NodeJS.ProcessEnv,
  { timeoutMs = 0 }: { timeoutMs?: number } = {},
): Promise<{ stdout: string; stderr: string; code: number; signal?: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', source],
      { env, cwd: root, timeout: timeoutMs, killSignal: 'SIGKILL' },
    )
    return { stdout, stderr, code: 0 }
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number; signal?: string }
    return { stdout: e.stdout, stderr: e.stderr, code: e.code, signal: e.signal ?? undefined }
  }
}
