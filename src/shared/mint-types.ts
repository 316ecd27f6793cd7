/** The result of a mint, shared by the contract, the renderer and the CLI. */
import type { KeyDescription } from './key-types'

/** Something the signer wants a person to know; the token was still produced. */
export interface MintWarning {
  code: 'WEAK_SECRET' | 'UNSECURED'
  message: string
}

/** A minted token with what went into it; never key material. */
export interface MintResult {
  token: string
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** The key used, or null for an unsecured or encrypted-only token. */
  key: KeyDescription | null
  warnings: MintWarning[]
  /** When encrypted: the JWE header and the recipient key (`token` is then the JWE). */
  encrypted?: {
    header: Record<string, unknown>
    recipient: { detail: string; name?: string; kid?: string }
    /** The signed token inside, for a nested token. */
    inner?: string
  }
}
