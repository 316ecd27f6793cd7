/**
 * Stored keys, saved credentials and the local issuer as they cross the contract: metadata
 * only. Key material crosses only through the explicit private export.
 */
import type { z } from 'zod/mini'
import { LIMITS } from './limits'
import type {
  CredentialSummarySchema,
  IssuerStatusSchema,
  KeySummarySchema,
  KeyVersionSummarySchema,
  OrphanEntrySchema,
  RecoverResultSchema,
} from './shapes/stored-keys'

/**
 * Rule for key names: a letter or digit, then letters, digits, `.`, `_` or `-`; 64 at most.
 * Names are unique regardless of case.
 *
 * @example
 * KEY_NAME_PATTERN.test('prod-signing.2026') // true
 */
export const KEY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** What is wrong with a key name, or null: the one rule the contract and the store apply. */
export function keyNameProblem(name: string): string | null {
  return KEY_NAME_PATTERN.test(name)
    ? null
    : `Invalid key name "${name.slice(0, 64)}": use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.`
}

/**
 * Tags as stored: trimmed, without empties or repeats. Null when there are too many or one
 * is too long.
 *
 * @example
 * cleanTags([' prod ', 'prod', '']) // ['prod']
 */
export function cleanTags(tags: readonly string[]): string[] | null {
  const clean = [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))]
  if (clean.length > LIMITS.tags || clean.some((t) => t.length > LIMITS.tag)) return null
  return clean
}

export type KeyVersionSummary = z.infer<typeof KeyVersionSummarySchema>

export type KeySummary = z.infer<typeof KeySummarySchema>

export type OrphanEntry = z.infer<typeof OrphanEntrySchema>

export type RecoverResult = z.infer<typeof RecoverResultSchema>

export type CredentialSummary = z.infer<typeof CredentialSummarySchema>

export type IssuerStatus = z.infer<typeof IssuerStatusSchema>
