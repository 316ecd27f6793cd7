/** The options of a ChoiceSelect: each one's label, and whether (and why) it cannot be chosen. */
export interface ChoiceOption<T extends string> {
  value: T
  label: string
  disabled: boolean
}

export function choiceOptions<T extends string>(
  options: readonly T[],
  display?: (value: T) => string,
  unavailable?: (value: T) => string | undefined,
): ChoiceOption<T>[] {
  return options.map((value) => {
    const label = display ? display(value) : value
    const why = unavailable?.(value)
    return why === undefined
      ? { value, label, disabled: false }
      : { value, label: `${label} (${why})`, disabled: true }
  })
}
