/**
 * One way to show a time everywhere in the UI: ISO 8601 in UTC to the second, with how long ago
 * or ahead it is ("2026-12-04T15:23:05Z (3m 12s ago)"), the same as the CLI prints.
 */
import { describeInstant } from '../../../shared/relative-time'

export function displayTime(iso: string | undefined, now: Date = new Date()): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : describeInstant(Math.floor(ms / 1000), now)
}
