/**
 * Turns a key source (secret, pasted PEM/JWK/JWKS text, stored key) into keys jose can use,
 * each with a description that is safe to show. Remote JWKS and OIDC discovery plug in as
 * more variants of KeySource and more cases in resolveKeySource.
 */
import { WorkbenchError } from '../../../shared/errors'
import type { RemoteOrigin } from '../../../shared/jwks-types'
import { clip } from '../../../shared/redact'
import type { KeySourceInput, RemoteOptionsInput } from '../../../shared/token-schemas'
import type { AppContext } from '../context'
import { durationSeconds } from '../duration'
import type { RemoteOptions, RemoteSet } from '../jwks/remote-keys'
import {
  parseJwkSet,
  parseKeyText,
  parseSecret,
  type ParsedKey,
  type ParsedKeys,
  type RefusedKey,
} from './key-parse'
import { asymmetricKey, secretKey, type UsableKey } from './usable-key'

/** Where keys come from. One variant per source. */
export type KeySource =
  | { type: 'secret'; secret: string }
  | { type: 'text'; text: string; kid?: string }
  | { type: 'stored'; name: string }
  | { type: 'jwks'; url: string; remote: RemoteOptions }
  | { type: 'issuer'; issuer: string; remote: RemoteOptions }
  | { type: 'trusted'; remote: RemoteOptions }

/** What the token says that picks remote keys: its kid (a refetch for an unknown one) and iss. */
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

/** The contract's key source shape as a KeySource. */
export function keySourceFrom(input: KeySourceInput): KeySource {
  if ('secret' in input) return { type: 'secret', secret: input.secret }
  if ('keyText' in input) {
    return input.kid === undefined
      ? { type: 'text', text: input.keyText }
      : { type: 'text', text: input.keyText, kid: input.kid }
  }
  if ('storedKey' in input) return { type: 'stored', name: input.storedKey }
  const remote = remoteOptions(input.remote)
  if ('jwksUrl' in input) return { type: 'jwks', url: input.jwksUrl, remote }
  if ('issuer' in input) return { type: 'issuer', issuer: input.issuer, remote }
  return { type: 'trusted', remote }
}

/** Per-call remote options as the fetcher takes them (durations parsed). */
export function remoteOptions(input: RemoteOptionsInput | undefined): RemoteOptions {
  if (input === undefined) return {}
  return {
    ...(input.insecureHttp === undefined ? {} : { insecureHttp: input.insecureHttp }),
    ...(input.allowRedirects === undefined ? {} : { allowRedirects: input.allowRedirects }),
    ...(input.timeout === undefined
      ? {}
      : { timeoutMs: durationSeconds(input.timeout, 'timeout') * 1000 }),
    ...(input.maxStale === undefined
      ? {}
      : { maxStaleSeconds: durationSeconds(input.maxStale, 'maximum staleness') }),
    ...(input.caFile === undefined ? {} : { caFile: input.caFile }),
  }
}

/**
 * The trusted issuer a token names, as an issuer source; ERR_ISSUER_NOT_TRUSTED, saying how to
 * give a key, when its iss is not one (nothing is ever fetched from an untrusted token's claims).
 */
export function trustedSource(ctx: AppContext, iss: string | undefined, remote: RemoteOptions) {
  const trusted = iss === undefined ? undefined : ctx.trustedIssuers.find(iss)
  if (!trusted) {
    throw new WorkbenchError(
      'ERR_ISSUER_NOT_TRUSTED',
      iss === undefined
        ? 'No key given, and the token names no issuer (iss) to look one up by. Give --secret, --key, --key-file, --jwks URL or --issuer URL.'
        : `No key given, and the token's issuer ${clip(iss, 200)} is not a trusted issuer. Give --secret, --key, --key-file, --jwks URL or --issuer URL, or trust it: jwtw issuers add ${clip(iss, 200)}`,
    )
  }
  return { source: { type: 'issuer' as const, issuer: trusted.issuer, remote }, trusted }
}

/** Resolves a source into usable keys. */
export async function resolveKeySource(
  source: KeySource,
  ctx: AppContext,
  use: 'sign' | 'verify',
  hint: TokenHint = {},
): Promise<ResolvedKeys> {
  const kid = hint.kid === undefined ? {} : { kid: hint.kid }
  switch (source.type) {
    case 'jwks':
      return fromRemote(await ctx.remote.fromJwksUri(source.url, { ...source.remote, ...kid }))
    case 'issuer':
      return fromRemote(await ctx.remote.fromIssuer(source.issuer, { ...source.remote, ...kid }))
    case 'trusted':
      return resolveKeySource(trustedSource(ctx, hint.iss, source.remote).source, ctx, use, hint)
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

// A cached set is the same object until a new copy comes in: its keys are read and judged once.
const remoteKeys = new WeakMap<object, Promise<ResolvedKeys>>()

/** Fetched keys: a set, each key described with where it came from (this call's origin). */
async function fromRemote({ jwks, origin }: RemoteSet): Promise<ResolvedKeys> {
  let pending = remoteKeys.get(jwks)
  if (!pending) remoteKeys.set(jwks, (pending = usableKeys(parseJwkSet(jwks.keys))))
  const resolved = await pending
  const keys = resolved.keys.map((k) => ({
    ...k,
    description: { ...k.description, remote: origin },
  }))
  return { ...resolved, keys, remote: origin }
}

/** Keys in pasted or file text: PEM, JWK or JWKS. `kid` selects from a JWKS. */
export async function keysFromText(text: string, kid?: string): Promise<ResolvedKeys> {
  return usableKeys(parseKeyText(text), kid)
}

async function usableKeys(parsed: ParsedKeys, kid?: string): Promise<ResolvedKeys> {
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
