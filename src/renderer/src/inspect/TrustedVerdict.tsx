/**
 * A token whose iss is a trusted issuer is verified in main with that issuer's keys (found by
 * discovery from the issuer's own URL, never from the token) as soon as it is shown: a badge
 * says verified or not, and why. Tokens of other issuers get nothing: no URL is ever taken from
 * a token.
 */
import { useEffect, useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import type { TrustedIssuer } from '../../../shared/jwks-types'
import type { VerifyResult } from '../../../shared/verify-types'
import { api } from '../api'
import { verdictLine } from '../verify/verdict-line'

/** Typing settles before main is asked. */
const SETTLE_MS = 300

export function useTrustedIssuers(): TrustedIssuer[] {
  const [issuers, setIssuers] = useState<TrustedIssuer[]>([])
  useEffect(() => {
    let current = true
    void api['issuers.list']().then((r) => current && r.ok && setIssuers(r.value))
    return () => {
      current = false
    }
  }, [])
  return issuers
}

interface Props {
  token: string
  iss: unknown
  issuers: TrustedIssuer[]
}

export function TrustedVerdict({ token, iss, issuers }: Props) {
  const trusted = issuers.find((i) => i.issuer === iss)
  const [done, setDone] = useState<{
    token: string
    result: VerifyResult | null
    error: ErrorPayload | null
  } | null>(null)

  useEffect(() => {
    if (!trusted) return
    let current = true
    const timer = setTimeout(() => {
      void api.verify({ token, key: { trusted: true } }).then((r) => {
        if (current)
          setDone(
            r.ok
              ? { token, result: r.value, error: null }
              : { token, result: null, error: r.error },
          )
      })
    }, SETTLE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [token, trusted])

  if (!trusted) return null
  const name = trusted.name ?? trusted.issuer
  if (!done || done.token !== token)
    return (
      <p className="trusted-verdict muted" role="status" aria-label="Trusted issuer">
        Checking with the keys of trusted issuer {name}…
      </p>
    )
  const valid = done.result?.valid === true
  const why = done.result
    ? verdictLine(done.result)
    : `Not checked: ${done.error!.code}: ${done.error!.message}`
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
