/**
 * A token whose iss is a trusted issuer is verified in main with that issuer's keys (found by
 * discovery from the issuer's own URL, never from the token) as soon as it is shown: a badge
 * says verified or not, and why. Tokens of other issuers get nothing: no URL is ever taken from
 * a token.
 */
import type { TrustedIssuer } from '../../../shared/jwks-types'
import { api } from '../api'
import { useLoadedCall } from '../hooks/useLoadedCall'
import { useSettled } from '../hooks/useSettled'
import { verdictLine } from '../verify/verdict-line'

/** Typing settles before main is asked. */
const SETTLE_MS = 300

export function useTrustedIssuers(): TrustedIssuer[] {
  return useLoadedCall(api['issuers.list']).value ?? []
}

interface Props {
  token: string
  iss: unknown
  issuers: TrustedIssuer[]
}

export function TrustedVerdict({ token, iss, issuers }: Props) {
  const trusted = issuers.find((i) => i.issuer === iss)
  const done = useSettled(trusted ? token : null, SETTLE_MS, (t) =>
    api.verify({ token: t, key: { trusted: true } }),
  )

  if (!trusted) return null
  const name = trusted.name ?? trusted.issuer
  if (!done || done.input !== token)
    return (
      <p className="trusted-verdict muted" role="status" aria-label="Trusted issuer">
        Checking with the keys of trusted issuer {name}…
      </p>
    )
  const answer = done.result
  const valid = answer.ok && answer.value.valid
  const why = answer.ok
    ? verdictLine(answer.value)
    : `Not checked: ${answer.error.code}: ${answer.error.message}`
  return (
    <p
      className={valid ? 'trusted-verdict ok' : 'trusted-verdict bad'}
      role="status"
      aria-label="Trusted issuer"
    >
      <span className="badge">{valid ? '✓ verified' : '✗ not verified'}</span> trusted issuer {name}
      . {why}
    </p>
  )
}
