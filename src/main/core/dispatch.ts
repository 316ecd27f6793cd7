/**
 * One way into the services for every transport (IPC and browser-mode HTTP): look the method
 * up, validate the raw arguments with its zod schema, run the handler, map errors to codes.
 */
import type { core } from 'zod/mini'
import { contract, isMethodName, type Handlers } from '../../shared/api'
import { isErrorCode, toErrorPayload, type ErrorCode } from '../../shared/errors'
import { jsonDepth } from '../../shared/json-depth'
import { LIMITS } from '../../shared/limits'
import { fail, ok, type Result } from '../../shared/result'

/** Levels the arguments' tuple and request objects add around a JSON value. */
const ARGUMENT_WRAPPING = 4

export type Dispatch = (method: string, rawArgs: unknown) => Promise<Result<unknown>>

/** Builds the dispatcher over a handler table. */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (method, rawArgs) => {
    if (!isMethodName(method)) {
      return fail({
        code: 'ERR_UNKNOWN_METHOD',
        message: `No method named "${method.slice(0, 64)}".`,
      })
    }
    // Deeper than any real argument: refused before anything walks it recursively.
    if (
      jsonDepth(rawArgs, LIMITS.jsonDepth + ARGUMENT_WRAPPING) >
      LIMITS.jsonDepth + ARGUMENT_WRAPPING
    ) {
      return fail({
        code: 'ERR_INVALID_ARGUMENT',
        message: `Invalid arguments for ${method}: they nest deeper than ${LIMITS.jsonDepth} levels.`,
      })
    }
    const parsed = contract[method].args().safeParse(rawArgs)
    if (!parsed.success) {
      return fail({
        code: issueCode(parsed.error),
        message: `Invalid arguments for ${method}: ${oneLine(parsed.error)}`,
      })
    }
    try {
      const run = handlers[method] as (...args: unknown[]) => unknown
      return ok(await run(...(parsed.data as unknown[])))
    } catch (error) {
      return fail(toErrorPayload(error))
    }
  }
}

/** A schema issue may name its own code (a key name that breaks the name rule); else ERR_INVALID_ARGUMENT. */
function issueCode(error: core.$ZodError): ErrorCode {
  const first = error.issues[0] as { params?: { code?: unknown } } | undefined
  const code = first?.params?.code
  return isErrorCode(code) ? code : 'ERR_INVALID_ARGUMENT'
}

/**
 * A validation error on one line, each issue named by its field: `key.secret: Too small: ...`
 * (the argument's position is left out; it says nothing to a person).
 */
function oneLine(error: core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.slice(1).map(String).join('.')
      return `${field === '' ? '' : `${field}: `}${issue.message.replace(/\s+/g, ' ')}`
    })
    .join('; ')
}
