/** The result of a verify, shared by the contract, the renderer and the CLI (from shapes/verify). */
import type { z } from 'zod/mini'
import type { CheckIdSchema, VerifyCheckSchema, VerifyResultSchema } from './shapes/verify'

/** A check's id: one of CHECK_IDS, or require:NAME. */
export type CheckId = z.infer<typeof CheckIdSchema>
/** One check, passed or failed; failed ones carry a code. `skipped` when it could not run. */
export type VerifyCheck = z.infer<typeof VerifyCheckSchema>
/** Every check that ran, the decoded token and a description of the key (never the key). */
export type VerifyResult = z.infer<typeof VerifyResultSchema>
