/**
 * The CLI's context: the shared core over the command's environment (settings directory and
 * keychain service from its env, its clock), every warning written to its stderr. One per io.
 */
import { defaultContext, type AppContext } from '../main/core/context'
import type { CliIo } from './io'

const contexts = new WeakMap<CliIo, AppContext>()

export function cliContext(io: CliIo): AppContext {
  let ctx = contexts.get(io)
  if (!ctx) {
    ctx = defaultContext({
      env: io.env,
      now: io.now,
      warn: (message) => void io.stderr.write(`warning: ${message}\n`),
    })
    contexts.set(io, ctx)
  }
  return ctx
}
