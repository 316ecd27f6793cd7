/** Copies text to the clipboard; falls back to a selection copy where the Clipboard API is denied. */
import { useState } from 'react'
import { useToast } from '../shell/Toasts'

/** Copies text; false when neither the Clipboard API nor a selection copy worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Electron denies clipboard permission requests (we deny all of them): copy via a selection.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    const done = document.execCommand('copy')
    area.remove()
    return done
  }
}

/** Copies text and says so in a toast (or that the clipboard is not available); resolves to whether it worked. */
export function useCopyWithToast(): (text: string, copied: string) => Promise<boolean> {
  const toast = useToast()
  return async (text, copied) => {
    const done = await copyText(text)
    toast(
      done ? copied : 'Copy failed: the clipboard is not available here.',
      done ? 'ok' : 'error',
    )
    return done
  }
}

export function CopyButton({
  text,
  label = 'Copy',
  copied = 'Copied to the clipboard.',
}: {
  text: string
  label?: string
  /** What the toast says once copied. */
  copied?: string
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = useCopyWithToast()
  return (
    <button
      type="button"
      className="secondary"
      onClick={() => {
        void copy(text, copied).then((done) => {
          setState(done ? 'copied' : 'failed')
          setTimeout(() => setState('idle'), 1500)
        })
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  )
}
