/**
 * Where the audit's built files live: the worker entry (bundled by scripts/build-cli.mjs to
 * out/cli/audit-worker.mjs) and the native addon (native/build/hmac-scan.node). The CLI, the
 * Electron main process and tests all use the out/cli worker build.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { WorkbenchError } from '../../../shared/errors'
import { packageRoot } from './package-root'

/** File name of the worker bundle, next to out/cli/jwtw.mjs. */
export const WORKER_FILE = 'audit-worker.mjs'

/** Absolute path of the built worker; throws ERR_AUDIT_NOT_BUILT when it is missing. */
export function auditWorkerPath(): string {
  const root = packageRoot(import.meta.url)
  const path = root === undefined ? undefined : join(root, 'out', 'cli', WORKER_FILE)
  if (path === undefined || !existsSync(path)) {
    throw new WorkbenchError(
      'ERR_AUDIT_NOT_BUILT',
      'The audit worker is not built (out/cli/audit-worker.mjs). Run `npm run build`.',
    )
  }
  return path
}

/** Absolute path where scripts/build-native.mjs puts the addon (it may be absent). */
export function nativeAddonPath(): string | undefined {
  const root = packageRoot(import.meta.url)
  return root === undefined ? undefined : join(root, 'native', 'build', 'hmac-scan.node')
}
