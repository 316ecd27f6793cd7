/** A `<select>` over a fixed list of string values, typed by them; the label is the caller's. */
import { choiceOptions } from './choice-options'

interface Props<T extends string> {
  options: readonly T[]
  value: T
  onChange: (value: T) => void
  /** How an option reads; the value itself by default. */
  display?: (value: T) => string
  /** Why an option cannot be chosen (it is shown greyed, with the reason), or undefined. */
  unavailable?: (value: T) => string | undefined
  id?: string
}

export function ChoiceSelect<T extends string>({
  options,
  value,
  onChange,
  display,
  unavailable,
  id,
}: Props<T>) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {choiceOptions(options, display, unavailable).map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
