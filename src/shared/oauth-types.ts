/** What the token flows give back, shared by the contract, the renderer and the CLI. */
import type { z } from 'zod/mini'
import type { JobStatus } from './jobs'
import type {
  ClientSummarySchema,
  DpopProofResultSchema,
  RecipeResultSchema,
  TokenResultSchema,
  TokenVerdictSchema,
} from './shapes/oauth'

export type TokenResult = z.infer<typeof TokenResultSchema>
export type TokenVerdict = z.infer<typeof TokenVerdictSchema>
export type DpopProofResult = z.infer<typeof DpopProofResultSchema>

/** A profile with what the keychain holds for it (never the values). */
export type ClientSummary = z.infer<typeof ClientSummarySchema>

/** Where a running flow is: the code flow waits for the browser, the device flow for the user. */
export type TokenFlowProgress =
  | { phase: 'starting' }
  | { phase: 'browser'; authorizationUrl: string; redirectUri: string; expiresAt: string }
  | {
      phase: 'device'
      userCode: string
      verificationUri: string
      verificationUriComplete?: string
      expiresAt: string
      intervalSeconds: number
    }
  | { phase: 'exchanging' }

export interface TokenStatus extends JobStatus<TokenFlowProgress> {
  result?: TokenResult
}

export type RecipeResult = z.infer<typeof RecipeResultSchema>
