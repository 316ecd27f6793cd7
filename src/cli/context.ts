/** The CLI's context: the shared core, with every warning written to the command's stderr. */
import { defaultContext, type AppContext } from '../main/core/context'
import type { CliIo } from './io'

export function cliContext(io: CliIo): AppContext {
  return defaultContext({ warn: (message) => void io.stderr.write(`warning: ${message}\n`) })
}
