/**
 * A settings section that maps names to records (credentials, client profiles, token recipes):
 * each record read through its schema, one whose content does not parse or whose name is not
 * its key skipped with a warning and left in the file untouched; one record written or removed
 * at a time, under the settings file's lock.
 */
import type * as z from 'zod/mini'
import { clip } from '../../../shared/redact'
import type { CoreEnv } from '../env'
import type { JsonValue, Section } from './settings-store'

type Records = Record<string, JsonValue | undefined>

function isRecords(value: JsonValue | undefined): value is Records {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The names in a section, malformed records included. */
export function recordNames(env: CoreEnv, section: Section): string[] {
  const raw = env.settings.get(section)
  return isRecords(raw) ? Object.keys(raw) : []
}

/** The section's well-formed records, by name; `what` names one in the warning. */
export function readRecords<S extends z.ZodMiniType<{ name: string }>>(
  env: CoreEnv,
  section: Section,
  schema: S,
  what: string,
): Record<string, z.output<S>> {
  const raw = env.settings.get(section)
  const records: Record<string, z.output<S>> = {}
  if (!isRecords(raw)) return records
  for (const [name, value] of Object.entries(raw)) {
    const parsed = schema.safeParse(value)
    if (parsed.success && parsed.data.name === name) records[name] = parsed.data
    else {
      env.warn(
        `The ${what} "${clip(name)}" in ${env.settings.path} is malformed; it is skipped and left in the file untouched.`,
      )
    }
  }
  return records
}

/** Writes one record under its name. */
export async function writeRecord(
  env: CoreEnv,
  section: Section,
  record: { name: string },
): Promise<void> {
  await env.settings.update(section, (current) => ({
    ...(isRecords(current) ? current : {}),
    [record.name]: record as unknown as JsonValue,
  }))
}

/** Removes one record. */
export async function removeRecord(env: CoreEnv, section: Section, name: string): Promise<void> {
  await env.settings.update(section, (current) => {
    const all = { ...(isRecords(current) ? current : {}) }
    delete all[name]
    return all
  })
}
