/** A `<select>` over a fixed list of string values, typed by them; the label is the caller's. */
interface Props<T extends string> {
  options: readonly T[]
  value: T
  onChange: (value: T) => void
  /** How an option reads; the value itself by default. */
  display?: (value: T) => string
  id?: string
}

export function ChoiceSelect<T extends string>({
  options,
  value,
  onChange,
  display,
  id,
}: Props<T>) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((option) => (
        <option key={option} value={option}>
          {display ? display(option) : option}
        </option>
      ))}
    </select>
  )
}
