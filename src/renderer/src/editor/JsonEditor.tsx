/**
 * A JSON editor (CodeMirror 6): syntax colours, inline JSON errors with line and column, and
 * completion of names from a table (the registered claims, header parameters) with their
 * meaning. The text follows `value` when it changes from outside (the form beside it).
 *
 * The editor lives in a shadow root: CodeMirror then mounts its styles as constructed style
 * sheets, which the page's strict CSP (style-src 'self', no inline <style>) allows; in the
 * document itself they were refused and the editor drew unstyled. Its colours come from the
 * theme's custom properties, which reach through the shadow boundary.
 */
import {
  autocompletion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { json, jsonParseLinter } from '@codemirror/lang-json'
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { linter } from '@codemirror/lint'
import { EditorState } from '@codemirror/state'
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view'
import { tags } from '@lezer/highlight'
import { useEffect, useRef } from 'react'

export interface NameInfo {
  name: string
  title: string
  description: string
}

interface Props {
  id: string
  label: string
  value: string
  onChange(text: string): void
  names?: readonly NameInfo[]
  placeholder?: string
  /** Shown under the editor: the first JSON error, for screen readers and at a glance. */
  error?: string | null
}

/** JSON in the token's segment colours (AA on the panel in both themes). */
const jsonHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--seg-0)' },
  { tag: tags.string, color: 'var(--seg-1)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--seg-2)' },
  { tag: tags.invalid, color: 'var(--danger)' },
])

const workbenchTheme = EditorView.theme({
  '&': { background: 'var(--panel)', color: 'var(--text)', fontSize: '13px' },
  '&.cm-focused': { outline: '2px solid var(--focus)' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
    background: 'var(--selection)',
  },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-tooltip': {
    background: 'var(--panel)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
  },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    background: 'var(--accent)',
    color: 'var(--on-accent)',
  },
  '.cm-completionDetail, .cm-completionInfo': { color: 'var(--muted)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
})

function nameCompletions(names: readonly NameInfo[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/"[\w-]*/)
    if (!word || (word.from === word.to && !context.explicit)) return null
    // Only where a member name goes: after { or , (skipping spaces).
    const before = context.state.sliceDoc(Math.max(0, word.from - 40), word.from).trimEnd()
    if (!/[{,]$/.test(before)) return null
    return {
      from: word.from + 1,
      options: names.map((n) => ({
        label: n.name,
        detail: n.title,
        info: n.description,
        type: 'property',
      })),
      validFor: /^[\w-]*$/,
    }
  }
}

const parseLint = jsonParseLinter()

export function JsonEditor({ id, label, value, onChange, names = [], placeholder, error }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const changed = useRef(onChange)
  useEffect(() => {
    changed.current = onChange
  })

  useEffect(() => {
    const element = host.current!
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    const editor = new EditorView({
      root: shadow,
      parent: shadow,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          json(),
          syntaxHighlighting(jsonHighlight),
          workbenchTheme,
          bracketMatching(),
          // An empty editor is not an error (the placeholder shows what goes there).
          linter((v) => (v.state.doc.length === 0 ? [] : parseLint(v)), { delay: 150 }),
          autocompletion({ override: [nameCompletions(names)] }),
          EditorView.lineWrapping,
          placeholderText(placeholder ?? ''),
          EditorView.contentAttributes.of({
            'aria-label': label,
            id,
            'aria-multiline': 'true',
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString())
          }),
        ],
      }),
    })
    view.current = editor
    return () => editor.destroy()
    // The editor is made once; `value` is followed below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    const editor = view.current
    if (!editor || editor.state.doc.toString() === value) return
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } })
  }, [value])

  return (
    <div className="json-editor-box">
      <div ref={host} className={error ? 'json-editor invalid' : 'json-editor'} data-editor={id} />
      {/* Outside the shadow root, so announced as it changes rather than described by id. */}
      <p className="field-error" aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  )
}
