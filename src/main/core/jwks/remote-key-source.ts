/**
 * Keys from the network as usable keys: a JWKS URL or an issuer's keys (discovery), through
 * the shared cache, each described with where it came from. A cached set is the same object
 * until a new copy comes in, so its keys are read and judged once.
 */
import type { RemoteOptionsInput } from '../../../shared/request-schemas'
import { durationSeconds } from '../duration'
import { parseJwkSet } from '../keys/key-parse'
import { usableKeys, type ResolvedKeys, type TokenHint } from '../keys/key-source'
import type { RemoteKeys, RemoteOptions, RemoteSet } from './remote-keys'

/** A remote key source. */
export type RemoteKeySource =
  | { type: 'jwks'; url: string; remote: RemoteOptions }
  | { type: 'issuer'; issuer: string; remote: RemoteOptions }

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

/** The keys of a remote source; the token's kid asks for a refetch when the copy lacks it. */
export async function resolveRemoteKeys(
  source: RemoteKeySource,
  remote: RemoteKeys,
  hint: TokenHint,
): Promise<ResolvedKeys> {
  const kid = hint.kid === undefined ? {} : { kid: hint.kid }
  const set =
    source.type === 'jwks'
      ? await remote.fromJwksUri(source.url, { ...source.remote, ...kid })
      : await remote.fromIssuer(source.issuer, { ...source.remote, ...kid })
  return fromRemote(set)
}

const judged = new WeakMap<object, Promise<ResolvedKeys>>()

async function fromRemote({ jwks, origin }: RemoteSet): Promise<ResolvedKeys> {
  let pending = judged.get(jwks)
  if (!pending) judged.set(jwks, (pending = usableKeys(parseJwkSet(jwks.keys))))
  const resolved = await pending
  const keys = resolved.keys.map((k) => ({
    ...k,
    description: { ...k.description, remote: origin },
  }))
  return { ...resolved, keys, remote: origin }
}
