/**
 * A JSON editor kept in sync both ways with form fields: the editor's own text while it is
 * being typed (even when it is not valid JSON yet), the form's view of it otherwise.
 */
import { useState } from 'react'
import type { MintForm } from './mint-form'

export function useSyncedJson(
  form: MintForm,
  onFormChange: (form: MintForm) => void,
  toText: (form: MintForm) => string | null,
  fromText: (form: MintForm, text: string) => MintForm,
): [string, (text: string) => void] {
  const fromForm = toText(form)
  const [text, setText] = useState(fromForm ?? '')
  const [shown, setShown] = useState(fromForm)
  if (fromForm !== shown) {
    // The form changed from elsewhere (a field, a template): show it, unless it already says so.
    setShown(fromForm)
    if (fromForm !== null && !same(text, fromForm)) setText(fromForm)
  }
  const edit = (next: string) => {
    setText(next)
    onFormChange(fromText(form, next))
  }
  return [text, edit]
}

function same(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a || '{}')) === JSON.stringify(JSON.parse(b || '{}'))
  } catch {
    return false
  }
}
