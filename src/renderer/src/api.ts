/**
 * The renderer's one `api` object: the preload bridge under Electron, else the browser-mode
 * HTTP client. Both return the contract's Result values; neither throws.
 */
import type { Api } from '../../shared/api'
import type { Result } from '../../shared/result'
import { browserSession } from './browser-session'

function httpApi(): Api {
  const call = async (name: string, args: unknown[]): Promise<Result<unknown>> => {
    let response: Response
    try {
      const credential = await browserSession.credential()
      response = await fetch(`api/${name}`, {
        method: 'POST',
        credentials: 'omit',
        headers: {
          'content-type': 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        },
        body: JSON.stringify(args),
      })
    } catch {
      return {
        ok: false,
        error: {
          code: 'ERR_INTERNAL',
          message: 'The workbench server cannot be reached. Is `jwtw ui` still running?',
        },
      }
    }
    try {
      const result = (await response.json()) as Result<unknown>
      if (response.status === 401) browserSession.lost()
      return result
    } catch {
      return {
        ok: false,
        error: {
          code: 'ERR_INTERNAL',
          message: `The server answered HTTP ${response.status} without a result.`,
        },
      }
    }
  }
  // A method per name asked for, made once (views keep them as hook dependencies): the page
  // needs no list of names (and so no contract schemas); the server refuses unknown names.
  const methods = new Map<string, (...args: unknown[]) => Promise<Result<unknown>>>()
  return new Proxy({} as Api, {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined
      let method = methods.get(name)
      if (!method) methods.set(name, (method = (...args: unknown[]) => call(name, args)))
      return method
    },
  })
}

export const api: Api = window.workbench ?? httpApi()
export const transport: 'electron' | 'browser' = window.workbench ? 'electron' : 'browser'
