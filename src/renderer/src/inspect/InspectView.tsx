/**
 * Paste any text (a token, a header, a log excerpt) or open a log file, and see every token in
 * it decoded, with hand-offs to Verify and Mint.
 */
import { useEffect, useState } from 'react'
import type { ErrorPayload } from '../../../shared/errors'
import type { DecodedToken } from '../../../shared/token-types'
import { api } from '../api'
import { ErrorBanner } from '../ErrorBanner'
import { LogFileInput } from './LogFileInput'
import { isExpired } from './TimesList'
import { TokenCard } from './TokenCard'
import { tokenText } from './token-text'
import './inspect.css'

interface Props {
  onVerifyToken?: (token: string) => void
  onEditToken?: (header: unknown, payload: unknown) => void
}

export function InspectView({ onVerifyToken, onEditToken }: Props) {
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const [tokens, setTokens] = useState<DecodedToken[]>([])
  const [decodedAt, setDecodedAt] = useState(0)
  const [error, setError] = useState<ErrorPayload | null>(null)

  useEffect(() => {
    if (text.trim() === '') return
    let current = true
    const timer = setTimeout(() => {
      void api.decode(text).then((result) => {
        if (!current) return
        setDecodedAt(Date.now())
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

  const changeText = (next: string, from: string | null) => {
    setText(next)
    setFileName(from)
    if (next.trim() === '') {
      setTokens([])
      setError(null)
    }
  }

  const expiredCount = tokens.filter((t) => isExpired(t.times, decodedAt)).length

  return (
    <section className="inspect">
      <div className="inspect-input-header">
        <label className="field-label" htmlFor="inspect-input">
          Token, header, cookie, URL or log excerpt
        </label>
        <LogFileInput
          onText={(fileText, name) => changeText(fileText, name)}
          onError={(e) => {
            setTokens([])
            setError(e)
          }}
        />
      </div>
      <textarea
        id="inspect-input"
        className="token-input"
        spellCheck={false}
        autoComplete="off"
        placeholder="Paste a JWT or any text that contains JWTs…"
        value={text}
        onChange={(e) => changeText(e.target.value, null)}
      />
      {fileName && (
        <p className="muted">
          From {fileName} ({text.length.toLocaleString('en')} characters)
        </p>
      )}
      {error && <ErrorBanner error={error} />}
      {tokens.length > 0 && (
        <p className="summary" aria-live="polite">
          {tokens.length === 1 ? '1 token' : `${tokens.length} tokens`} found
          {expiredCount > 0 && `, ${expiredCount} expired`}
        </p>
      )}
      <div className="token-list">
        {tokens.map((token, index) => {
          const raw = token.kind === 'JWS' ? tokenText(text, token) : null
          return (
            <TokenCard
              key={`${token.offset}-${index}`}
              token={token}
              decodedAt={decodedAt}
              onVerify={raw && onVerifyToken ? () => onVerifyToken(raw) : undefined}
              onEdit={
                token.kind === 'JWS' && onEditToken
                  ? () => onEditToken(token.header, token.payload)
                  : undefined
              }
            />
          )
        })}
      </div>
    </section>
  )
}
