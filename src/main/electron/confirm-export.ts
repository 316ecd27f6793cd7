/**
 * Private key export asks in the main process, with a native dialog the page cannot draw,
 * click or skip: a compromised or confused page gets a "cancelled", never the key.
 */
import { WorkbenchError } from '../../shared/errors'

/**
 * Wraps the export handler so it runs only after `confirm(name)` says yes.
 *
 * @example
 * confirmedExport(handlers['keys.exportPrivate'], (name) => askTheUser(name))
 */
export function confirmedExport<A extends unknown[]>(
  exportPrivate: (name: string, ...rest: A) => string | Promise<string>,
  confirm: (name: string) => Promise<boolean>,
): (name: string, ...rest: A) => Promise<string> {
  return async (name, ...rest) => {
    if (!(await confirm(name))) {
      throw new WorkbenchError(
        'ERR_CANCELLED',
        `Export of the private key "${name}" was cancelled.`,
      )
    }
    return exportPrivate(name, ...rest)
  }
}

/** The question the dialog asks: what leaves the keychain, and where it goes. */
export function exportQuestion(name: string): { message: string; detail: string } {
  return {
    message: `Export the private key "${name}"?`,
    detail:
      'The private key leaves the OS keychain and is shown in the window, where it can be copied. Anyone who gets it can sign tokens as this key.',
  }
}
