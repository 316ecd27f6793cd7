import { describe, expect, it } from 'vitest'
import { describeTime, formatDuration, isoUtc } from '../../src/shared/relative-time'

const NOW = new Date('2026-11-22T12:00:00Z')
const NOW_S = NOW.getTime() / 1000

describe('relative time', () => {
  it('formatDuration keeps the two largest units and drops a zero second unit', () => {
    expect(formatDuration(0)).toBe('0s')
    expect(formatDuration(45)).toBe('45s')
    expect(formatDuration(252)).toBe('4m 12s')
    expect(formatDuration(-252)).toBe('4m 12s')
    expect(formatDuration(3 * 3600)).toBe('3h')
    expect(formatDuration(3 * 3600 + 59)).toBe('3h')
    expect(formatDuration(3 * 3600 + 60)).toBe('3h 1m')
    expect(formatDuration(2 * 86_400 + 3600 + 5)).toBe('2d 1h')
    expect(formatDuration(400 * 86_400)).toBe('1y 35d')
    expect(formatDuration(Infinity)).toBe('forever')
  })

  it('isoUtc drops zero milliseconds and refuses what is not a date', () => {
    expect(isoUtc(1_700_000_000)).toBe('2023-11-14T22:13:20Z')
    expect(isoUtc(1_700_000_000.5)).toBe('2023-11-14T22:13:20.500Z')
    expect(isoUtc(1e300)).toBeNull()
    expect(isoUtc(NaN)).toBeNull()
  })

  it('describeTime phrases each claim in the past and the future', () => {
    expect(describeTime('exp', NOW_S + 252, NOW)).toBe('expires in 4m 12s')
    expect(describeTime('exp', NOW_S - 3 * 3600, NOW)).toBe('expired 3h ago')
    expect(describeTime('exp', NOW_S, NOW)).toBe('expires now')
    expect(describeTime('nbf', NOW_S + 90, NOW)).toBe('not valid for another 1m 30s')
    expect(describeTime('nbf', NOW_S - 90, NOW)).toBe('valid since 1m 30s ago')
    expect(describeTime('iat', NOW_S - 5, NOW)).toBe('issued 5s ago')
    expect(describeTime('iat', NOW_S + 5, NOW)).toBe('issued 5s in the future')
    expect(describeTime('auth_time', NOW_S - 86_400, NOW)).toBe('authenticated 1d ago')
    expect(describeTime('updated_at', NOW_S - 60, NOW)).toBe('updated 1m ago')
  })
})
