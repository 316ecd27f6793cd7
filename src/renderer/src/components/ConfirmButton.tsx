/**
 * A button that asks first: the action runs only after an explicit second click on the
 * confirmation, never on the first.
 */
import { useState, type ReactNode } from 'react'

export interface ConfirmButtonProps {
  label: string
  /** Accessible name when the visible label is not unique on the page. */
  ariaLabel?: string
  prompt: ReactNode
  confirmLabel: string
  onConfirm: () => void
  danger?: boolean
  disabled?: boolean
}

export function ConfirmButton(props: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false)
  if (!asking) {
    return (
      <button
        type="button"
        className="secondary"
        aria-label={props.ariaLabel}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    )
  }
  return (
    <div className={props.danger ? 'confirm-step danger' : 'confirm-step'} role="group">
      <p className="confirm-prompt">{props.prompt}</p>
      <button
        type="button"
        className={props.danger ? 'danger' : 'primary'}
        onClick={() => {
          setAsking(false)
          props.onConfirm()
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  )
}
