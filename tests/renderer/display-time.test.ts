import { describe, expect, it } from 'vitest'
import { displayTime } from '../../src/renderer/src/components/display-time'

describe('one way to show a time', () => {
  it('ISO 8601 in UTC to the second, with the distance from now', () => {
    const now = new Date('2026-12-04T15:30:00Z')
    expect(displayTime('2026-12-04T15:23:05.123Z', now)).toBe('2026-12-04T15:23:05Z (6m 55s ago)')
    expect(displayTime('2026-12-04T16:30:00Z', now)).toBe('2026-12-04T16:30:00Z (in 1h)')
    expect(displayTime(undefined, now)).toBe('—')
    expect(displayTime('not a time', now)).toBe('not a time')
  })
})
