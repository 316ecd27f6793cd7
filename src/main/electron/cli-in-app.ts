/**
 * CLI mode: `JWT Workbench --jwtw-cli ARGS...` runs the built jwtw (unpacked beside the archive)
 * in the app's own runtime, with no window and no single-instance lock, and exits with its code.
 * The settings directory and keychain service are the CLI's own, so both see the same keys.
 */
import { createRequire } from 'node:module'
import type { App } from 'electron'
import { builtCliEntry } from '../core/built-files'

export async function runCliInApp(app: App): Promise<void> {
  app.dock?.hide()
  try {
    // The CLI reads its arguments after --jwtw-cli (shared/app-launch.ts) and sets exitCode.
    const cli = createRequire(import.meta.url)(builtCliEntry()) as { done?: Promise<void> }
    await cli.done
  } catch (error) {
    process.stderr.write(
      `ERR_INTERNAL: the jwtw command could not start: ${(error as Error).message}\n`,
    )
    process.exitCode = 1
  }
  app.exit(Number(process.exitCode ?? 0))
}
