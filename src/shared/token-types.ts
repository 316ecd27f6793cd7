/** Shapes of decoded tokens, shared by the decoder, the renderer and the CLI (from shapes/token). */
import type { z } from 'zod/mini'
import type {
  DecodedTokenSchema,
  JsonObjectSchema,
  LintFindingSchema,
  TokenDefectSchema,
  TokenTimeSchema,
} from './shapes/token'

export type JsonObject = z.infer<typeof JsonObjectSchema>
/** A defect found while decoding leniently; the token is decoded as far as it goes. */
export type TokenDefect = z.infer<typeof TokenDefectSchema>
/** One distinct token found in the input. */
export type DecodedToken = z.infer<typeof DecodedTokenSchema>
/** A NumericDate claim as a date and relative to the time of decoding. */
export type TokenTime = z.infer<typeof TokenTimeSchema>
/** One lint finding: a stable code, how much it matters, and what to do about it. */
export type LintFinding = z.infer<typeof LintFindingSchema>
export type LintSeverity = LintFinding['severity']
