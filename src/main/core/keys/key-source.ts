/**
 * Turns a key source (secret, pasted PEM/JWK/JWKS text, stored key) into keys jose can use,
 * each with a description that is safe to show. Remote JWKS and OIDC discovery plug in as
 * more variants of KeySource and more cases in resolveKeySource.
 */
import { WorkbenchError } from '../../../shared/errors'
import { clip } from '../../../shared/redact'
import type { KeySourceInput } from '../../../shared/token-schemas'
import type { AppContext } from '../context'
import { parseKeyText, parseSecret, type ParsedKey, type RefusedKey } from './key-parse'
import { asymmetricKey, secretKey, type UsableKey } from './usable-key'

/** Where keys come from. One variant per source. */
export type KeySource =
  | { type: 'secret'; secret: string }
  | { type: 'text'; text: string; kid?: string }
  | { type: 'stored'; name: string }

/**
 * The keys of a source. A set (a JWKS, a stored key's versions) is searched by kid; refused
 * entries of a set (degenerate or unsupported keys) say why, for a kid that names one.
 */
export interface ResolvedKeys {
  keys: UsableKey[]
  refused: RefusedKey[]
  set: boolean
}

/** The contract's key source shape as a KeySource. */
export function keySourceFrom(input: KeySourceInput): KeySource {
  if ('secret' in input) return { type: 'secret', secret: input.secret }
  if ('keyText' in input) {
    return input.kid === undefined
      ? { type: 'text', text: input.keyText }
      : { type: 'text', text: input.keyText, kid: input.kid }
  }
  return { type: 'stored', name: input.storedKey }
}

/** Resolves a source into usable keys. */
export async function resolveKeySource(
  source: KeySource,
  ctx: AppContext,
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
          ? [await ctx.keys.signingKey(source.name)]
          : await ctx.keys.verificationKeys(source.name)
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
  const parsed = parseKeyText(text)
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
