// The JSON Schemas under docs/json are generated from the zod schemas: a committed file that
// differs from what `npm run schemas` makes fails here.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { JSON_OUTPUTS, jsonSchemaText, type JsonOutputName } from '../../src/cli/json-outputs'
import { ROOT } from '../helpers/cli'

const dir = join(ROOT, 'docs', 'json')
const names = Object.keys(JSON_OUTPUTS) as JsonOutputName[]

describe('docs/json', () => {
  it.each(names)('%s.schema.json is what the zod schema generates', (name) => {
    expect(readFileSync(join(dir, `${name}.schema.json`), 'utf8')).toBe(jsonSchemaText(name))
  })

  it('holds no schema of an output that no longer exists', () => {
    expect(readdirSync(dir).sort()).toEqual(names.map((n) => `${n}.schema.json`).sort())
  })
})
