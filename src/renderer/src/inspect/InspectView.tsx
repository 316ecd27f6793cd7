/** Paste any text (a token, a header, a log excerpt) and see every token in it decoded. */
import { useEffect, useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import type { DecodedToken } from '../../../shared/token-types'
import { api } from '../api'
import { ErrorBanner } from '../ErrorBanner'
import { TokenCard } from './TokenCard'

export function InspectView() {
  const [text, setText] = useState('')
  const [tokens, setTokens] = useState<DecodedToken[]>([])
  const [error, setError] = useState<ErrorPayload | null>(null)

  useEffect(() => {
    if (text.trim() === '') return
    let current = true
    const timer = setTimeout(() => {
      void api.decode(text).then((result) => {
        if (!current) return
        if (result.ok) {
          setTokens(result.value)
          setError(null)
        } else {
          setTokens([])
          setError(result.error)
        }
      })
    }, 120)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [text])

  return (
    <section className="inspect">
      <label className="field-label" htmlFor="inspect-input">
        Token, header, cookie, URL or log excerpt
      </label>
      <textarea
        id="inspect-input"
        className="token-input"
        spellCheck={false}
        autoComplete="off"
        placeholder="Paste a JWT or any text that contains JWTs…"
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          if (e.target.value.trim() === '') {
            setTokens([])
            setError(null)
          }
        }}
      />
      {error && <ErrorBanner error={error} />}
      {tokens.length > 0 && (
        <p className="summary" aria-live="polite">
          {tokens.length === 1 ? '1 token' : `${tokens.length} tokens`} found
        </p>
      )}
      <div className="token-list">
        {tokens.map((token, index) => (
          <TokenCard key={`${token.offset}-${index}`} token={token} />
        ))}
      </div>
    </section>
  )
}
