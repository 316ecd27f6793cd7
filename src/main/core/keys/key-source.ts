/**
 * Local key sources (a secret, pasted PEM/JWK/JWKS text, a stored key) as keys jose can use,
 * each with a description that is safe to show. Keys from the network (a JWKS URL, an issuer)
 * are resolved a layer up, by the JWKS client, into the same shape (ResolvedKeys).
 */
import { WorkbenchError } from '../../../shared/errors'
import type { RemoteOrigin } from '../../../shared/jwks-types'
import { clip } from '../../../shared/redact'
import type { KeySourceInput } from '../../../shared/request-schemas'
import type { KeyStore } from './key-store'
import {
  parseKeyText,
  parseSecret,
  type ParsedKey,
  type ParsedKeys,
  type RefusedKey,
} from './key-parse'
import { asymmetricKey, secretKey, type UsableKey } from './usable-key'

/** A key source held on this machine. One variant per source. */
export type LocalKeySource =
  | { type: 'secret'; secret: string }
  | { type: 'text'; text: string; kid?: string }
  | { type: 'stored'; name: string }

/** What the token says that picks keys: its kid (a refetch for an unknown one) and iss. */
export interface TokenHint {
  kid?: string
  iss?: string
}

/**
 * The keys of a source. A set (a JWKS, a stored key's versions) is searched by kid; refused
 * entries of a set (degenerate or unsupported keys) say why, for a kid that names one.
 */
export interface ResolvedKeys {
  keys: UsableKey[]
  refused: RefusedKey[]
  set: boolean
  /** For fetched keys: where from, when, how stale. */
  remote?: RemoteOrigin
}

/** The contract's key source as a local source, or undefined for a remote one. */
export function localSourceOf(input: KeySourceInput): LocalKeySource | undefined {
  if ('secret' in input) return { type: 'secret', secret: input.secret }
  if ('keyText' in input) {
    return input.kid === undefined
      ? { type: 'text', text: input.keyText }
      : { type: 'text', text: input.keyText, kid: input.kid }
  }
  if ('storedKey' in input) return { type: 'stored', name: input.storedKey }
  return undefined
}

/** Resolves a local source into usable keys: the signing version of a stored key, or all its versions to verify. */
export async function resolveLocalKeys(
  source: LocalKeySource,
  store: { readonly keys: KeyStore },
  use: 'sign' | 'verify',
): Promise<ResolvedKeys> {
  switch (source.type) {
    case 'secret':
      return { keys: [secretKey(parseSecret(source.secret), 'secret')], refused: [], set: false }
    case 'text':
      return keysFromText(source.text, source.kid)
    case 'stored': {
      const loaded =
        use === 'sign'
          ? [await store.keys.signingKey(source.name)]
          : await store.keys.verificationKeys(source.name)
      const keys = await Promise.all(
        loaded.map(async ({ key, kid, alg, name }) => {
          const usable =
            key instanceof Uint8Array
              ? secretKey(key, 'stored', { kid, alg })
              : await asymmetricKey(key, 'stored', { kid, alg })
          usable.description.name = name
          return usable
        }),
      )
      return { keys, refused: [], set: keys.length > 1 }
    }
  }
}

/** Keys in pasted or file text: PEM, JWK or JWKS. `kid` selects from a JWKS. */
export async function keysFromText(text: string, kid?: string): Promise<ResolvedKeys> {
  return usableKeys(parseKeyText(text), kid)
}

/** Parsed keys as usable keys; `kid` picks from a set (ERR_JWKS_NO_MATCHING_KEY when none has it). */
export async function usableKeys(parsed: ParsedKeys, kid?: string): Promise<ResolvedKeys> {
  let entries = parsed.keys
  let refused = parsed.refused
  if (parsed.set && kid !== undefined) {
    entries = entries.filter((k) => k.kid === kid)
    refused = refused.filter((r) => r.kid === kid)
    if (entries.length === 0 && refused.length === 0) {
      throw new WorkbenchError(
        'ERR_JWKS_NO_MATCHING_KEY',
        `The JWKS has no key with kid "${clip(kid)}".`,
      )
    }
  }
  const keys = await Promise.all(entries.map((p) => usableOf(p, parsed.set ? undefined : kid)))
  return { keys, refused, set: parsed.set }
}

async function usableOf(p: ParsedKey, kid: string | undefined): Promise<UsableKey> {
  const use = {
    ...((p.kid ?? kid) === undefined ? {} : { kid: (p.kid ?? kid)! }),
    ...(p.alg === undefined ? {} : { alg: p.alg }),
    ...(p.use === undefined ? {} : { use: p.use }),
    ...(p.keyOps === undefined ? {} : { keyOps: p.keyOps }),
  }
  return p.key instanceof Uint8Array
    ? secretKey(p.key, p.origin, use)
    : asymmetricKey(p.key, p.origin, use)
}
