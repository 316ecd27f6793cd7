/**
 * Paste any text (a token, a header, a log excerpt) or open a file, and see every token in it
 * decoded on the keystroke (the decoder runs here, in the page): the list of tokens found, the
 * selected one colour-coded with its claims, times ticking and lint; copy actions, hand-offs
 * to Verify and Mint, and Compare.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { toErrorPayload, type ErrorPayload } from '../../../shared/errors'
import { decodeText } from '../../../shared/token-decode'
import type { DecodedToken } from '../../../shared/token-types'
import { api } from '../api'
import { ErrorBanner } from '../ErrorBanner'
import { useMainAction } from '../shell/command-bus'
import { SplitPane } from '../shell/SplitPane'
import { useUiState } from '../shell/ui-state'
import { ComparePanel } from './ComparePanel'
import { LogFileInput } from './LogFileInput'
import { isExpired } from './TimesList'
import { TokenCard } from './TokenCard'
import { TokenList } from './TokenList'
import { TrustedVerdict, useTrustedIssuers } from './TrustedVerdict'
import { tokenFacts } from './token-facts'
import { tokenText } from './token-text'
import { useNow } from './useNow'
import './inspect.css'

interface Props {
  text: string
  onTextChange(text: string): void
  compare: boolean
  onCompareChange(compare: boolean): void
  onVerifyToken?: (token: string) => void
  onEditToken?: (header: unknown, payload: unknown) => void
}

type Decoded = { tokens: DecodedToken[]; error: null } | { tokens: []; error: ErrorPayload }

function decode(text: string): Decoded {
  if (text.trim() === '') return { tokens: [], error: null }
  try {
    return { tokens: decodeText(text, new Date()), error: null }
  } catch (error) {
    return { tokens: [], error: toErrorPayload(error) }
  }
}

export function InspectView({
  text,
  onTextChange,
  compare,
  onCompareChange,
  onVerifyToken,
  onEditToken,
}: Props) {
  const [fileName, setFileName] = useState<string | null>(null)
  const [fileError, setFileError] = useState<ErrorPayload | null>(null)
  const [selected, setSelected] = useState(0)
  const [folded, setFolded] = useState(false)
  const input = useRef<HTMLTextAreaElement>(null)
  const now = useNow()
  const issuers = useTrustedIssuers()
  const { state } = useUiState()
  const decoded = useMemo(() => decode(text), [text])
  const { tokens } = decoded
  const index = Math.min(selected, Math.max(0, tokens.length - 1))
  const raw = tokens[index] ? tokenText(text, tokens[index]) : null
  const token = useStableParts(tokens[index], raw)
  const error = fileError ?? decoded.error

  useEffect(() => input.current?.focus(), [])
  useMainAction(() => {
    if (raw && token?.kind === 'JWS') onVerifyToken?.(raw)
  })
  // History (opt-in): the token shown, without its signature, once typing stops.
  useEffect(() => {
    if (!state.history || !raw) return
    const timer = setTimeout(() => void api['history.add']({ view: 'inspect', token: raw }), 1500)
    return () => clearTimeout(timer)
  }, [raw, state.history])

  const changeText = (next: string, from: string | null) => {
    onTextChange(next)
    setFileName(from)
    setFileError(null)
    setSelected(0)
  }
  const select = (i: number) => {
    setSelected(i)
    // Shows where the token sits in the pasted text. Set on the next frame: Chromium (150)
    // collapses an unfocused textarea's selection once the click on the list is done.
    const t = tokens[i]
    const at = t ? tokenText(text, t) : null
    if (t && at) {
      requestAnimationFrame(() => input.current?.setSelectionRange(t.offset, t.offset + at.length))
    }
  }
  const expiredCount = tokens.filter((t) => isExpired(t.times, now.getTime())).length

  return (
    <section className="inspect" aria-label="Inspect">
      <SplitPane
        name="inspect"
        label="Resize the input and the decoded token"
        collapsed={folded && token !== undefined}
      >
        {folded && token !== undefined ? (
          <div className="pane-folded">
            <button
              type="button"
              className="secondary"
              aria-expanded={false}
              title={`Show the input and the list of tokens (${tokens.length} found)`}
              onClick={() => setFolded(false)}
            >
              ›<span className="visually-hidden"> Show the input</span>
            </button>
          </div>
        ) : (
          <div className="pane-input">
            <div className="inspect-input-header">
              <label className="field-label" htmlFor="inspect-input">
                Token, header, cookie, URL or log excerpt
              </label>
              <LogFileInput
                onText={(fileText, name) => changeText(fileText, name)}
                onError={(e) => {
                  // The refused file replaces what was shown: no stale text under its caption.
                  onTextChange('')
                  setFileName(null)
                  setFileError(e)
                }}
              />
            </div>
            <textarea
              id="inspect-input"
              ref={input}
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
            {tokens.length > 1 && (
              <TokenList tokens={tokens} selected={index} onSelect={select} now={now} />
            )}
            {tokens.length > 0 && (
              <div className="inline-row wrap">
                {!compare && (
                  <button type="button" className="secondary" onClick={() => onCompareChange(true)}>
                    Compare with another token
                  </button>
                )}
                <button
                  type="button"
                  className="secondary"
                  aria-expanded={true}
                  title="Fold the input away: the decoded token gets the whole width"
                  onClick={() => setFolded(true)}
                >
                  ‹ Hide the input
                </button>
              </div>
            )}
          </div>
        )}
        <div className="pane-result token-list">
          {tokens.length === 0 && !error && (
            <div className="empty-state">
              <p>
                Paste a token, an Authorization header, a cookie, a URL or a log excerpt on the
                left.
              </p>
              <p className="muted">
                Everything is decoded here, on this machine; nothing is sent anywhere.
              </p>
            </div>
          )}
          {compare && token && (
            <ComparePanel
              left={token}
              others={tokens.filter((_, i) => i !== index)}
              now={now}
              onClose={() => onCompareChange(false)}
            />
          )}
          {token && raw && token.kind === 'JWS' && (
            <TrustedVerdict token={raw} iss={tokenFacts(token, now).iss} issuers={issuers} />
          )}
          {token && (
            <TokenCard
              key={`${token.offset}-${index}`}
              token={token}
              raw={raw}
              now={now}
              onVerify={
                raw && token.kind === 'JWS' && onVerifyToken ? () => onVerifyToken(raw) : undefined
              }
              onEdit={
                token.kind === 'JWS' && onEditToken
                  ? () => onEditToken(token.header, token.payload)
                  : undefined
              }
            />
          )}
        </div>
      </SplitPane>
    </section>
  )
}

/**
 * The token with the same header and payload objects for as long as its signing input (header
 * and payload text) is the same: typing in the signature, or around the token, then redraws the
 * card's heading and token but not its header and claims (TokenParts is memoized).
 */
function useStableParts(token: DecodedToken | undefined, raw: string | null) {
  const signingInput = raw !== null ? raw.slice(0, raw.lastIndexOf('.')) : null
  const same = signingInput ?? token
  // Recomputed only when the signing input changes, on purpose.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const parts = useMemo(() => token && { header: token.header, payload: token.payload }, [same])
  return token && parts ? { ...token, header: parts.header, payload: parts.payload } : token
}
