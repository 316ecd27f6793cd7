/** The schemas of the UI's working state and of history entries (main checks every change). */
import * as z from 'zod'
import { JWS_ALGS } from './algorithms'
import { LIMITS } from './limits'
import type { UiState } from './ui-state'
import { VIEW_IDS } from './ui-state'

export const UiStateSchema = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']),
  sidebarCollapsed: z.boolean(),
  view: z.enum(VIEW_IDS),
  panes: z
    .record(z.string().max(32), z.number().min(0.2).max(0.8))
    .refine((r) => Object.keys(r).length <= 16, 'at most 16 panes'),
  mint: z.strictObject({
    template: z.string().max(64).optional(),
    alg: z.enum(JWS_ALGS).optional(),
    keyName: z.string().max(LIMITS.keyName).optional(),
  }),
  history: z.boolean(),
}) satisfies z.ZodType<UiState>

/** A change to some fields. */
export const UiStatePatchSchema = UiStateSchema.partial()

export const HistoryAddSchema = z.strictObject({
  view: z.enum(['inspect', 'mint', 'verify']),
  token: z.string().min(1).max(LIMITS.token),
  verdict: z.string().max(200).optional(),
})
