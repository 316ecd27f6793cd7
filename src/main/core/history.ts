/**
 * History (opt-in, off by default): tokens inspected, minted or verified, kept in the settings
 * file with their signature removed, so an entry can be read but never replayed. A JWE keeps
 * only its protected header. Main refuses entries while the switch is off.
 */
import { isRecord } from '../../shared/is-record'
import { decodeToken } from '../../shared/token-decode'
import type { HistoryEntry } from '../../shared/ui-state'
import type { CoreEnv } from './env'
import { uiState } from './preferences'

const SECTION = 'history'
const KEEP = 200

export function historyList(env: CoreEnv): HistoryEntry[] {
  const raw = env.settings.get(SECTION)
  return Array.isArray(raw) ? (raw as unknown as HistoryEntry[]) : []
}

export async function historyAdd(
  env: CoreEnv,
  entry: { view: HistoryEntry['view']; token: string; verdict?: string },
): Promise<{ kept: boolean }> {
  if (!uiState(env).history) return { kept: false }
  const token = entry.token.trim()
  const segments = token.split('.')
  const unsigned = segments.length === 5 ? segments[0]! : `${segments[0]}.${segments[1] ?? ''}.`
  const decoded = decodeToken(token, new Date(0), { display: false })
  const payload = isRecord(decoded.payload) ? decoded.payload : {}
  const text = (name: string) =>
    typeof payload[name] === 'string' ? (payload[name] as string).slice(0, 200) : undefined
  const kept: HistoryEntry = {
    at: new Date().toISOString(),
    view: entry.view,
    token: unsigned,
    ...(entry.verdict === undefined ? {} : { verdict: entry.verdict }),
    ...(text('sub') === undefined ? {} : { sub: text('sub')! }),
    ...(text('iss') === undefined ? {} : { iss: text('iss')! }),
  }
  await env.settings.update(SECTION, (current) => {
    const list = Array.isArray(current) ? current : []
    return [kept, ...list.filter((e) => !(isRecord(e) && e['token'] === unsigned))].slice(
      0,
      KEEP,
    ) as never
  })
  return { kept: true }
}

export async function historyClear(env: CoreEnv): Promise<{ cleared: true }> {
  await env.settings.set(SECTION, [])
  return { cleared: true }
}
