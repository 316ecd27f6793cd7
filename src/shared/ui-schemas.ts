/** The schemas of the UI's working state and of history entries (main checks every change). */
import * as z from 'zod/mini'
import { JWS_ALGS } from './algorithms'
import { LIMITS } from './limits'
import type { UiState } from './ui-state'
import { VIEW_IDS } from './ui-state'

/** A change to some fields of the UI state. */
export const UiStatePatchSchema = z.lazy(() =>
  z.partial(
    z.strictObject({
      theme: z.enum(['system', 'light', 'dark']),
      sidebarCollapsed: z.boolean(),
      view: z.enum(VIEW_IDS),
      panes: z
        .record(z.string().check(z.maxLength(32)), z.number().check(z.gte(0.2), z.lte(0.8)))
        .check(z.refine((r) => Object.keys(r).length <= 16, 'at most 16 panes')),
      mint: z.strictObject({
        template: z.optional(z.string().check(z.maxLength(64))),
        alg: z.optional(z.enum(JWS_ALGS)),
        keyName: z.optional(z.string().check(z.maxLength(LIMITS.keyName))),
      }),
      history: z.boolean(),
    }) satisfies z.ZodMiniType<UiState>,
  ),
)

export const HistoryAddSchema = z.lazy(() =>
  z.strictObject({
    view: z.enum(['inspect', 'mint', 'verify']),
    token: z.string().check(z.minLength(1), z.maxLength(LIMITS.token)),
    verdict: z.optional(z.string().check(z.maxLength(200))),
  }),
)
