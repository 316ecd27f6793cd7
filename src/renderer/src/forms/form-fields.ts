/** How the Mint and Verify forms read their fields into a request, or name the field that is wrong. */
import type { ErrorPayload } from '../../../shared/errors'

/** A form value checked in the renderer: the request part, or which field is wrong and why. */
export type FormResult<T, F extends string = string> =
  { ok: true; value: T } | { ok: false; field: F; error: ErrorPayload }

/** A text field's trimmed value; undefined when blank (the request leaves it out). */
export function optionalText(text: string): string | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : trimmed
}

/** An audience field, "api, web": one audience as a string, several as an array, none as undefined. */
export function audienceList(text: string): string | string[] | undefined {
  const list = text
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '')
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list
}
