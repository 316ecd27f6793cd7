/**
 * Very long text (a 64 KiB claim, a token's payload) shown in part until asked: drawing all of it
 * on every keystroke is what made typing slow, and a wall of base64 reads no better than its
 * first lines. The copy actions always copy the whole value.
 */
import { useState } from 'react'

/** Characters shown of a long value before "Show all". */
export const SHOWN_CHARS = 4096

/** The first SHOWN_CHARS of a text, and how many more there are. */
export function clip(text: string, all: boolean): { shown: string; hidden: number } {
  if (all || text.length <= SHOWN_CHARS) return { shown: text, hidden: 0 }
  return { shown: text.slice(0, SHOWN_CHARS), hidden: text.length - SHOWN_CHARS }
}

/** "… 61,440 more characters" and a button that shows them. */
export function ShowAll({ hidden, onShow }: { hidden: number; onShow(): void }) {
  return (
    <>
      <span className="muted"> … {hidden.toLocaleString('en')} more characters </span>
      <button type="button" className="link" onClick={onShow}>
        Show all
      </button>
    </>
  )
}

export function LongText({ text }: { text: string }) {
  const [all, setAll] = useState(false)
  const { shown, hidden } = clip(text, all)
  return (
    <>
      {shown}
      {hidden > 0 && <ShowAll hidden={hidden} onShow={() => setAll(true)} />}
    </>
  )
}
