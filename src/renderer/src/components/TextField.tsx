/** A labelled one-line text input for the Mint and Verify forms. */
interface Props {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  disabled?: boolean
}

export function TextField({ id, label, value, onChange, disabled = false }: Props) {
  return (
    <div>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  )
}
