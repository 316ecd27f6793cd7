/**
 * A typed value as JSON when it parses, else the text itself: how `--claim NAME=VALUE`,
 * `--require NAME=VALUE` and the Verify form's required claims read a value.
 *
 * @example
 * jsonOrString('true') // true
 * jsonOrString('admin') // 'admin'
 */
export function jsonOrString(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
