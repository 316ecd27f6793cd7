/**
 * The CLI calls the services through the contract, like the app and browser mode: the same zod
 * schemas validate its requests, so a rule holds in every face. An error comes back as a
 * WorkbenchError with the contract's code.
 */
import type { MethodArgs, MethodName, MethodResult } from '../shared/api'
import { WorkbenchError } from '../shared/errors'
import type { AppContext } from '../main/core/context'
import { createDispatcher } from '../main/core/dispatch'
import { createHandlers } from '../main/core/handlers'

const dispatchers = new WeakMap<AppContext, ReturnType<typeof createDispatcher>>()

export async function call<M extends MethodName>(
  ctx: AppContext,
  method: M,
  ...args: MethodArgs<M>
): Promise<MethodResult<M>> {
  let dispatch = dispatchers.get(ctx)
  if (!dispatch) dispatchers.set(ctx, (dispatch = createDispatcher(createHandlers(ctx))))
  const result = await dispatch(method, args)
  if (!result.ok) throw new WorkbenchError(result.error.code, result.error.message)
  return result.value as MethodResult<M>
}
