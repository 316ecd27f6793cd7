/** Checks a JSON output against its committed JSON Schema (docs/json/NAME.schema.json). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { z } from 'zod'
import type { JsonOutputName } from '../../src/cli/json-outputs'
import { ROOT } from './cli'

export function conforms(name: JsonOutputName, output: string | unknown): void {
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'docs', 'json', `${name}.schema.json`), 'utf8'),
  ) as object
  const value = typeof output === 'string' ? (JSON.parse(output) as unknown) : output
  const parsed = z.fromJSONSchema(schema as never).safeParse(value)
  expect(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error)).toBe(true)
}
