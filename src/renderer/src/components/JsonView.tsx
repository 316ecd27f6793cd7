/**
 * JSON shown as text with syntax colours (the same colours as the JSON editor): names, strings,
 * numbers, booleans and null. Lezer's JSON parser and class highlighter do the work, so the
 * spans carry classes, never inline styles (the CSP allows none). Long JSON is shown in part
 * until asked, as LongText does.
 */
import { Fragment, useMemo, useState, type ReactNode } from 'react'
import { parser } from '@lezer/json'
import { classHighlighter, highlightCode } from '@lezer/highlight'
import { clip, ShowAll } from './LongText'

export function JsonView({ value }: { value: unknown }) {
  const [all, setAll] = useState(false)
  const text = useMemo(() => JSON.stringify(value, null, 2) ?? String(value), [value])
  const { shown, hidden } = clip(text, all)
  const nodes = useMemo(() => highlighted(shown), [shown])
  return (
    <pre className="json json-view">
      {nodes}
      {hidden > 0 && <ShowAll hidden={hidden} onShow={() => setAll(true)} />}
    </pre>
  )
}

/** The code as text runs and coloured spans (`tok-string`, `tok-number`, …). */
function highlighted(code: string): ReactNode[] {
  const out: ReactNode[] = []
  let plain = ''
  const flush = () => {
    if (plain !== '') out.push(<Fragment key={out.length}>{plain}</Fragment>)
    plain = ''
  }
  highlightCode(
    code,
    parser.parse(code),
    classHighlighter,
    (text, classes) => {
      if (classes === '' || classes === 'tok-punctuation') plain += text
      else {
        flush()
        out.push(
          <span key={out.length} className={classes}>
            {text}
          </span>,
        )
      }
    },
    () => {
      plain += '\n'
    },
  )
  flush()
  return out
}
