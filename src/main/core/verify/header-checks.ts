/**
 * The header's checks: the algorithm against the allowlist and the keys, critical
 * extensions, embedded keys, and which key checks the signature (by kid in a key set, and
 * only if its JWK use allows verifying). Each decision is written with its explanation.
 */
import { isHmacAlg, isJwsAlg, type JwsAlg } from '../../../shared/algorithms'
import type { KeyDescription } from '../../../shared/key-types'
import { clip } from '../../../shared/redact'
import { formatDuration } from '../../../shared/relative-time'
import type { ResolvedKeys } from '../keys/key-source'
import { useRefusal, type UsableKey } from '../keys/usable-key'
import type { CheckList } from './checks'
import type { PreparedOptions } from './verify-options'

/** What the header leaves for the signature check. */
export interface HeaderOutcome {
  /** Set only when keys fit, so the signature can be checked. */
  alg?: JwsAlg
  candidates: UsableKey[]
  /** Extensions listed in crit (all understood when the crit check passed). */
  critNames: string[]
}

const EMBEDDED_KEY_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'] as const
/** Extensions this verifier implements (RFC 7797 unencoded payload). */
const UNDERSTOOD_CRIT = new Set(['b64'])
const REGISTERED_HEADERS = new Set([
  'alg',
  'jku',
  'jwk',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'typ',
  'cty',
  'crit',
  'enc',
  'zip',
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
])
const NOT_ALLOWED = 'ERR_JOSE_ALG_NOT_ALLOWED'

/** Runs the header checks into `list` and returns the keys left for the signature. */
export function checkHeader(
  header: Record<string, unknown>,
  resolved: ResolvedKeys,
  options: PreparedOptions,
  list: CheckList,
): HeaderOutcome {
  const alg = checkAlg(header, resolved.keys, options, list)
  const critNames = checkCrit(header, list)
  const embedded = EMBEDDED_KEY_HEADERS.filter((name) => name in header)
  // A DPoP proof carries its own public key by design (RFC 9449 §4.2): it proves possession of
  // that key, nothing about who holds it.
  const proof =
    (options.profile ?? 'auto') === 'dpop' ||
    ((options.profile ?? 'auto') === 'auto' && String(header['typ']).toLowerCase() === 'dpop+jwt')
  const others = proof ? embedded.filter((name) => name !== 'jwk') : embedded
  const proofKey =
    proof && embedded.includes('jwk')
      ? 'The proof carries its public key (jwk), as RFC 9449 requires: it is the key a DPoP proof is checked with, and it shows possession of that key, not who holds it.'
      : undefined
  const ignored =
    others.length === 0
      ? undefined
      : `The header carries ${others.join(', ')}: untrusted and ignored; only your key was used.`
  list.pass(
    'header-keys',
    [proofKey, ignored].filter(Boolean).join(' ') || 'No keys or key URLs embedded in the header.',
  )
  if (alg === undefined) return { candidates: [], critNames }
  const candidates = chooseKeys(alg, header, resolved, options, list)
  return candidates.length > 0 ? { alg, candidates, critNames } : { candidates, critNames }
}

function checkAlg(
  header: Record<string, unknown>,
  keys: UsableKey[],
  options: PreparedOptions,
  list: CheckList,
): JwsAlg | undefined {
  const alg = header['alg']
  if (typeof alg !== 'string') {
    list.fail('alg', 'ERR_JWS_INVALID', 'The header has no "alg".')
    return undefined
  }
  if (alg.toLowerCase() === 'none') {
    list.fail(
      'alg',
      NOT_ALLOWED,
      'Unsecured token (alg none): never accepted, anyone can forge one.',
    )
    return undefined
  }
  if (!isJwsAlg(alg)) {
    list.fail('alg', NOT_ALLOWED, `Algorithm ${clip(JSON.stringify(alg), 40)} is not supported.`)
    return undefined
  }
  if (options.algorithms !== undefined && !options.algorithms.includes(alg)) {
    list.fail(
      'alg',
      NOT_ALLOWED,
      `Algorithm ${alg} is not in the allowed list (${options.algorithms.join(', ')}).`,
    )
    return undefined
  }
  // A set whose every key was refused is explained by the key check.
  if (keys.length > 0 && !keys.some((k) => k.description.algs.includes(alg))) {
    list.cannotJudge('alg', NOT_ALLOWED, mismatchMessage(alg, keys))
    return undefined
  }
  list.pass('alg', `${alg} fits the key.`)
  return alg
}

/** The crit check (RFC 7515 §4.1.11); returns the extension names it lists. */
function checkCrit(header: Record<string, unknown>, list: CheckList): string[] {
  const crit = header['crit']
  const names: string[] = []
  if (crit !== undefined) {
    if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string')) {
      list.fail('crit', 'ERR_JWS_INVALID', '"crit" must be a non-empty array of header names.')
      return names
    }
    names.push(...(crit as string[]))
    const repeated = names.filter((c, i) => names.indexOf(c) !== i)
    if (repeated.length > 0) {
      // RFC 7515 §4.1.11: producers MUST NOT list a name twice; a list that does is malformed.
      list.fail(
        'crit',
        'ERR_JWS_INVALID',
        `"crit" lists ${clip([...new Set(repeated)].join(', '), 100)} more than once, which RFC 7515 forbids.`,
      )
      return names
    }
    const registered = names.filter((c) => REGISTERED_HEADERS.has(c))
    const unknown = names.filter((c) => !UNDERSTOOD_CRIT.has(c))
    const absent = names.filter((c) => !(c in header))
    if (registered.length > 0) {
      list.fail(
        'crit',
        'ERR_JWS_INVALID',
        `"crit" lists registered header names (${clip(registered.join(', '), 100)}), which RFC 7515 forbids.`,
      )
      return names
    }
    if (unknown.length > 0) {
      list.fail(
        'crit',
        'ERR_JOSE_NOT_SUPPORTED',
        `"crit" requires extension(s) this verifier does not understand (${clip(unknown.join(', '), 100)}); RFC 7515 says to refuse the token.`,
      )
      return names
    }
    if (absent.length > 0) {
      list.fail(
        'crit',
        'ERR_JWS_INVALID',
        `"crit" lists ${absent.join(', ')} but the header does not carry it.`,
      )
      return names
    }
  }
  if ('b64' in header && typeof header['b64'] !== 'boolean') {
    list.fail('crit', 'ERR_JWS_INVALID', '"b64" must be true or false.')
  } else if (header['b64'] === false && !names.includes('b64')) {
    list.fail(
      'crit',
      'ERR_JWS_INVALID',
      '"b64": false without "b64" in "crit": the payload encoding is ambiguous (RFC 7797).',
    )
  } else {
    list.pass(
      'crit',
      crit === undefined
        ? 'No critical header extensions.'
        : `Critical extensions understood (${names.join(', ')}).`,
    )
  }
  return names
}

/**
 * The keys that may check the signature. A key set (a JWKS, a stored key's versions) is
 * searched by kid; a single key is used as is. A key whose JWK use forbids verifying is left
 * out, and a kid that names a refused or ambiguous entry fails the check.
 */
function chooseKeys(
  alg: JwsAlg,
  header: Record<string, unknown>,
  resolved: ResolvedKeys,
  options: PreparedOptions,
  list: CheckList,
): UsableKey[] {
  const fitting = resolved.keys.filter((k) => k.description.algs.includes(alg))
  const kid = options.kid ?? (typeof header['kid'] === 'string' ? header['kid'] : undefined)
  let chosen = fitting
  if (resolved.set && kid !== undefined) {
    chosen = fitting.filter((k) => k.description.kid === kid)
    const refused = resolved.refused.find((r) => r.kid === kid)
    if (chosen.length === 0 && refused) {
      list.fail('key', refused.code, refused.message)
      return []
    }
    if (chosen.length === 0) {
      const otherAlg = resolved.keys.find((k) => k.description.kid === kid)
      list.cannotJudge(
        'key',
        'ERR_JWKS_NO_MATCHING_KEY',
        otherAlg
          ? `The key with kid "${clip(kid, 80)}" is ${describe(otherAlg.description)}, which does not verify ${alg}.`
          : `No ${alg} key with kid "${clip(kid, 80)}" in the key set: the token was signed by a key you do not have (rotated away, or another issuer).`,
      )
      return []
    }
    if (chosen.length > 1) {
      list.fail(
        'key',
        'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
        `${chosen.length} keys in the set have kid "${clip(kid, 80)}": which one signed is ambiguous, so none is trusted.`,
      )
      return []
    }
  }
  if (chosen.length === 0) {
    const refused = resolved.refused[0]
    if (refused) list.fail('key', refused.code, `No usable key in the set: ${refused.message}`)
    else list.cannotJudge('key', 'ERR_JWKS_NO_MATCHING_KEY', `No ${alg} key in the set.`)
    return []
  }
  const usable = chosen.filter((k) => useRefusal(k.description, 'verify') === null)
  if (usable.length === 0) {
    list.fail('key', 'ERR_KEY_UNFIT', `Not used: ${useRefusal(chosen[0]!.description, 'verify')}.`)
    return []
  }
  const first = usable[0]!.description
  list.pass(
    'key',
    `Checked with ${describe(first)}${usable.length > 1 ? ` and ${usable.length - 1} more` : ''}${fromWhere(first)}.`,
  )
  return usable
}

function mismatchMessage(alg: string, keys: UsableKey[]): string {
  const kinds = [...new Set(keys.map((k) => describe(k.description)))].join(', ')
  if (isHmacAlg(alg) && keys.every((k) => k.description.kind !== 'secret')) {
    return `The token says ${alg} (HMAC) but the key is ${kinds}: refused. A public key is never used as an HMAC secret (this is the HS/RS key-confusion attack, or the wrong key).`
  }
  if (!isHmacAlg(alg) && keys.every((k) => k.description.kind === 'secret')) {
    return `The token says ${alg} but the key is an HMAC secret: give the signer's public key instead.`
  }
  const algs = [...new Set(keys.flatMap((k) => k.description.algs))]
  return `The token says ${alg} but the key is ${kinds}, which verifies ${algs.join(', ') || 'no algorithm'}.`
}

/** Where a fetched key came from, for a message: ' from URL (fetched 3m ago)', stale said. */
function fromWhere(d: KeyDescription): string {
  const remote = d.remote
  if (!remote) return ''
  const age = `fetched ${formatDuration(remote.ageSeconds)} ago`
  return remote.stale
    ? ` from ${remote.jwksUri} (a stale copy, ${age}: ${remote.staleBecause?.code ?? 'the server could not be reached'})`
    : ` from ${remote.jwksUri} (${age})`
}

/** A key in a sentence: 'EC P-256 public key (kid abc)', 'HMAC secret, 32 bytes'. */
export function describe(d: KeyDescription): string {
  const what = d.kind === 'secret' ? d.detail : `${d.detail} ${d.kind} key`
  const named = d.name === undefined ? what : `${what} "${d.name}"`
  return d.kid === undefined ? named : `${named} (kid ${clip(d.kid, 64)})`
}
