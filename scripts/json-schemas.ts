// Writes docs/json/NAME.schema.json for every JSON output of jwtw, generated from the zod
// schemas (src/cli/json-outputs.ts). Run: npm run schemas. A test fails when they differ.
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { JSON_OUTPUTS, jsonSchemaText, type JsonOutputName } from '../src/cli/json-outputs'

const dir = resolve(import.meta.dirname, '..', 'docs', 'json')
const names = Object.keys(JSON_OUTPUTS) as JsonOutputName[]
for (const file of readdirSync(dir)) {
  if (!names.some((n) => file === `${n}.schema.json`)) rmSync(join(dir, file))
}
for (const name of names) writeFileSync(join(dir, `${name}.schema.json`), jsonSchemaText(name))
console.log(`wrote ${names.length} JSON Schemas to docs/json`)
